//! # dragoman-app
//!
//! Dragoman's desktop shell: a Tauri 2 window whose web view runs the Svelte UI in
//! `ui/`, over the domain logic of `dragoman-core`.
//!
//! ## Design
//!
//! The shell is deliberately thin. It owns three things the core must not know about:
//!
//! - **Commands** ([`commands`]), one module per area. A command takes its arguments,
//!   runs the core on Tauri's blocking pool (SQLite, segmentation and alignment never run
//!   on the thread that drives the window) and converts the error into [`AppError`], a
//!   tagged enum the UI switches on. The shapes commands return are defined beside
//!   them: UTF-8 byte spans as `u32`, texts as strings.
//! - **The typed contract.** [`specta_builder`] lists every command; the TypeScript the
//!   UI calls (`ui/src/lib/api/bindings.ts`) is generated from it by [`export_bindings`],
//!   committed, and checked by a test that fails when it is stale. The UI reaches the
//!   backend only through `ui/src/lib/api/`.
//! - **State.** [`Workspace`] says where the user's database is; commands open the
//!   database per call instead of sharing a connection, so tests point a workspace at a
//!   temporary file. [`OpenProjects`] keeps the alignment projects open in the editor in
//!   memory, a cache the core writes through on every edit. [`Uploads`] holds the files
//!   the UI has sent until the command that reads them takes them: the one way a file
//!   reaches the backend. [`LongWork`] gives each piece of long work its own cancel flag.
//!
//! [`app_builder`] puts the state and the commands on a Tauri builder: [`run`] and the
//! command tests assemble the app with it, and a test checks the names it answers
//! ([`command_names`]) against `build.rs` and `capabilities/main.json`.
//!
//! Security follows from the same thinness: the UI is bundled into the binary (no remote
//! content, a strict CSP in `tauri.conf.json`), and `capabilities/main.json` grants the
//! window Tauri's core defaults plus exactly the commands listed in `build.rs`.
//!
//! ## Starting
//!
//! [`run`] opens the window ([`Launch::Window`]), or, with [`Launch::Smoke`], opens it,
//! waits for the page to load, opens the demo alignment through the same command
//! functions the UI calls, prints one line and exits: the end-to-end check `make test`
//! runs under Xvfb.

pub mod commands;
pub mod demo;
pub mod error;
pub mod export;
pub mod team;
pub mod workspace;

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use tauri::webview::PageLoadEvent;
use tauri::{Manager, Runtime};

pub use commands::upload::Uploads;
pub use commands::work::LongWork;
pub use error::AppError;
pub use workspace::{OpenProjects, Workspace};

/// How long a smoke run may take before it gives up: far more than the few seconds it
/// needs, so a slow machine passes, yet bounded, so a hung web view fails the test.
const SMOKE_DEADLINE: Duration = Duration::from_secs(90);

/// How the app is started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Launch {
    /// The window, until the user closes it.
    Window,
    /// The window, the demo opened and aligned, one line printed, then exit.
    Smoke,
}

/// Every command the UI may call, for the invoke handler and the TypeScript bindings.
pub fn specta_builder<R: Runtime>() -> tauri_specta::Builder<R> {
    tauri_specta::Builder::<R>::new().commands(tauri_specta::collect_commands![
        commands::demo::open_demo,
        commands::alignment::align_texts,
        commands::alignment::read_document,
        commands::editor::new_alignment,
        commands::editor::list_alignments,
        commands::editor::open_alignment,
        commands::editor::edit_alignment,
        commands::editor::undo_alignment,
        commands::editor::approve_alignment,
        commands::editor::export_alignment,
        commands::work::start_work,
        commands::work::cancel_work,
        commands::upload::upload_file,
        commands::glossary::find_terms,
        commands::glossary::suggest_terms,
        commands::glossary::accept_term,
        commands::glossary::term_form,
        commands::termbase::list_glossaries,
        commands::termbase::create_glossary,
        commands::termbase::configure_glossary,
        commands::termbase::search_concepts,
        commands::termbase::save_concept,
        commands::termbase::delete_concept,
        commands::termbase::suggest_memory_terms,
        commands::termbase::reject_suggestion,
        commands::termbase::import_glossary,
        commands::termbase::export_glossary,
        commands::translate::new_translation,
        commands::translate::new_translation_from_xliff,
        commands::translate::new_translation_from_document,
        commands::translate::list_translations,
        commands::translate::open_translation,
        commands::translate::lookup_matches,
        commands::fragments::lookup_fragments,
        commands::fragments::learn_word_alignment,
        commands::translate::record_match_use,
        commands::translate::edit_translation,
        commands::translate::confirm_translation,
        commands::translate::pretranslate,
        commands::translate::export_translation,
        commands::concordance::search_concordance,
        commands::translate::check_translation,
        commands::memory::browse_memory,
        commands::memory::edit_unit_text,
        commands::memory::edit_unit_details,
        commands::memory::delete_units,
        commands::memory::find_duplicates,
        commands::memory::merge_units,
        commands::memory::memory_stats,
        commands::memory::import_memory,
        commands::memory::export_memory,
        commands::memory::unit_versions,
        commands::memory::keeps_several_translations,
        commands::memory::keep_several_translations,
        commands::limits::limits,
        commands::limits::set_limit,
        commands::team::team_status,
        commands::team::check_team_connection,
        commands::team::join_team,
        commands::team::leave_team,
        commands::team::sync_team,
        commands::memory::conflicted_units,
    ])
}

/// The app on `builder` (Tauri's default for the window, `tauri::test::mock_builder()` in
/// tests): every piece of state the commands take and every command. The shipped app and
/// the command tests are assembled here and nowhere else, so a command cannot pass its
/// tests on state the app never manages.
pub fn app_builder<R: Runtime>(
    builder: tauri::Builder<R>,
    workspace: Workspace,
) -> tauri::Builder<R> {
    builder
        .manage(workspace)
        .manage(OpenProjects::default())
        .manage(LongWork::default())
        .manage(Uploads::default())
        .invoke_handler(specta_builder().invoke_handler())
}

/// The name of every command the app answers, as the UI invokes it: what `build.rs` and
/// `capabilities/main.json` must list.
pub fn command_names() -> Vec<String> {
    let mut names = Vec::new();
    specta_builder::<tauri::Wry>()
        .export(CommandNames(&mut names), Path::new(""))
        .expect("collecting names writes no file, so it cannot fail");
    names
}

/// An "exporter" that writes nowhere and keeps the names of the commands it is given:
/// the one public view tauri-specta offers of the commands a builder holds.
struct CommandNames<'a>(&'a mut Vec<String>);

impl tauri_specta::LanguageExt for CommandNames<'_> {
    type Error = std::io::Error;

    fn export(
        self,
        configuration: &tauri_specta::BuilderConfiguration,
        _: &Path,
    ) -> Result<(), Self::Error> {
        self.0.extend(
            configuration
                .commands
                .iter()
                .map(|command| command.name().to_string()),
        );
        Ok(())
    }
}

/// Write the TypeScript bindings of every command to `path`.
pub fn export_bindings(path: &Path) -> Result<(), String> {
    let typescript = specta_typescript::Typescript::default()
        .header("// Generated from src-tauri by `UPDATE_BINDINGS=1 cargo test -p dragoman-app --test bindings`.");
    specta_builder::<tauri::Wry>()
        .export(typescript, path)
        .map_err(|e| e.to_string())
}

/// Run the app; returns the process's exit code.
pub fn run(launch: Launch) -> ExitCode {
    // A smoke run reports how long the window took to be ready: the start-up benchmark.
    let started = Instant::now();
    let workspace = Workspace::for_user();
    let daily = workspace.clone();
    std::thread::spawn(move || daily.keep_daily_backups());
    // A linked memory syncs every minute from the start, not only once work begins.
    if let Ok(database) = workspace.database() {
        workspace.team().start(database);
    }
    let builder = app_builder(tauri::Builder::default(), workspace);
    let builder = match launch {
        Launch::Window => builder,
        Launch::Smoke => builder.on_page_load(move |webview, payload| {
            if payload.event() == PageLoadEvent::Finished {
                tauri::async_runtime::spawn(smoke(webview.app_handle().clone(), started));
            }
        }),
    };
    if launch == Launch::Smoke {
        std::thread::spawn(|| {
            std::thread::sleep(SMOKE_DEADLINE);
            eprintln!("smoke: no result within {SMOKE_DEADLINE:?}");
            std::process::exit(3);
        });
    }
    match builder.run(tauri::generate_context!()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dragoman: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The smoke run's work once the page has loaded: the demo through the real commands.
async fn smoke<R: Runtime>(app: tauri::AppHandle<R>, started: Instant) {
    let outcome = async {
        let project = commands::demo::open_demo(app.state()).await?;
        let view =
            commands::editor::open_alignment(app.state(), app.state(), project.alignment).await?;
        Ok::<_, AppError>((project.database, view.beads.len()))
    }
    .await;
    match outcome {
        Ok((database, beads)) => {
            let ms = started.elapsed().as_millis();
            println!(
                "smoke: window loaded, demo aligned into {beads} beads, database {database}, ready after {ms} ms"
            );
            app.exit(0);
        }
        Err(e) => {
            eprintln!("smoke: {e}");
            app.exit(1);
        }
    }
}
