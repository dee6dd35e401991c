//! `dragoman alignment …`: the alignment editor's saved projects from the command line:
//! make one from files, list, show, approve into the memory, export, delete.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use dragoman_core::Timestamp;
use dragoman_core::align::{self, AlignOptions};
use dragoman_core::editor::{
    AlignmentProject, Approve, EditableAlignment, ExportFormat, ProjectId, export,
};
use dragoman_core::limits::Limits;
use dragoman_core::store;

use crate::input::{self, Cutting};
use crate::output::{self, Approval, NewProject, ProjectBeads, ProjectLine};

#[derive(Args)]
pub struct AlignmentArgs {
    /// The database (default: dragoman.sqlite in the user's data directory).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print JSON instead of text for people.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: AlignmentCommand,
}

#[derive(Subcommand)]
enum AlignmentCommand {
    /// Align two or three files and save them as a new project; prints its id (with
    /// --json, as `{"id": N}`).
    New(NewArgs),
    /// List the projects, most recently changed first.
    List,
    /// Print a project's beads: flags (C confirmed, A approved), confidence, texts.
    Show(ProjectArg),
    /// Approve confirmed beads (or all above a confidence) into the memory.
    Approve(ApproveArgs),
    /// Write a project as TMX, TSV or XLSX.
    Export(ExportArgs),
    /// Delete a project.
    Delete(ProjectArg),
}

#[derive(Args)]
struct NewArgs {
    /// The project's name.
    #[arg(long)]
    name: String,
    /// Language of each file, comma-separated in file order (detected when omitted).
    #[arg(long)]
    langs: Option<String>,
    /// Each line is one segment; never re-split.
    #[arg(long)]
    presegmented: bool,
    /// Two or three versions of the same text: .txt, .docx or .html.
    #[arg(required = true, num_args = 2..=3)]
    files: Vec<PathBuf>,
}

#[derive(Args)]
struct ProjectArg {
    /// The project's id.
    id: i64,
}

#[derive(Args)]
struct ApproveArgs {
    /// Also approve unconfirmed beads at least this confident.
    #[arg(long)]
    min_confidence: Option<f32>,
    /// The project's id.
    id: i64,
}

/// `--format` values of `alignment export`.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// TMX 1.4b.
    Tmx,
    /// Tab-separated, a column per language.
    Tsv,
    /// Excel workbook, a column per language.
    Xlsx,
}

#[derive(Args)]
struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "tmx")]
    format: Format,
    /// Write to this file instead of stdout.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// The project's id.
    id: i64,
}

pub fn run(args: AlignmentArgs, author: Option<&str>, limits: &Limits) -> Result<()> {
    let path = match &args.db {
        Some(path) => path.clone(),
        None => store::default_path()?,
    };
    let mut conn = store::open(&path)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.command {
        AlignmentCommand::New(a) => {
            let langs = input::parse_langs(a.langs.as_deref(), &a.files)?;
            let cutting = if a.presegmented {
                Cutting::Presegmented
            } else {
                Cutting::Rules(None)
            };
            let docs = a
                .files
                .iter()
                .zip(langs)
                .map(|(path, lang)| input::load(path, lang, &cutting, limits))
                .collect::<Result<Vec<_>>>()?;
            let alignment = align::align(&docs, &AlignOptions::default())?;
            let grid = EditableAlignment::from_alignment(&docs, &alignment)?;
            let project = AlignmentProject::create(&mut conn, &a.name, grid, Timestamp::now())?;
            let id = project.id.0;
            if args.json {
                output::write_line(&mut out, &NewProject { id })?;
            } else {
                writeln!(out, "{id}")?;
            }
        }
        AlignmentCommand::List => {
            for p in AlignmentProject::list(&conn)? {
                if args.json {
                    output::write_line(&mut out, &ProjectLine::from(&p))?;
                } else {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{} beads, {} confirmed, {} approved",
                        p.id.0,
                        p.name,
                        p.documents.join(" | "),
                        p.beads,
                        p.confirmed,
                        p.approved
                    )?;
                }
            }
        }
        AlignmentCommand::Show(a) => {
            let project = AlignmentProject::open(&conn, ProjectId(a.id))?;
            if args.json {
                output::write_line(&mut out, &ProjectBeads::from(&project.alignment))?;
            } else {
                write!(out, "{}", project.alignment.render())?;
            }
        }
        AlignmentCommand::Approve(a) => {
            let mut project = AlignmentProject::open(&conn, ProjectId(a.id))?;
            let which = match a.min_confidence {
                Some(min) => Approve::MinConfidence { min },
                None => Approve::Confirmed,
            };
            let report = project.approve(&mut conn, which, author, Timestamp::now())?;
            if args.json {
                output::write_line(&mut out, &Approval::from(&report))?;
            } else {
                writeln!(
                    out,
                    "added {}, duplicates {}, already approved {}, one-sided {}",
                    report.added, report.duplicates, report.already_approved, report.too_few_sides
                )?;
            }
        }
        AlignmentCommand::Export(a) => {
            let project = AlignmentProject::open(&conn, ProjectId(a.id))?;
            let format = match a.format {
                Format::Tmx => ExportFormat::Tmx,
                Format::Tsv => ExportFormat::Tsv,
                Format::Xlsx => ExportFormat::Xlsx,
            };
            match &a.out {
                Some(path) => {
                    let file = std::fs::File::create(path)
                        .with_context(|| format!("{}: cannot create", path.display()))?;
                    let mut file = BufWriter::new(file);
                    export(&project.alignment, format, &mut file)?;
                    file.flush()?;
                }
                None => {
                    export(&project.alignment, format, &mut out)?;
                }
            }
        }
        AlignmentCommand::Delete(a) => {
            if !AlignmentProject::delete(&mut conn, ProjectId(a.id))? {
                anyhow::bail!("there is no alignment project {}", a.id);
            }
        }
    }
    out.flush()?;
    Ok(())
}
