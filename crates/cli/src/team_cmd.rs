//! `dragoman team`: a memory shared by a translation service through PostgreSQL (see
//! docs/team.md): set up a team and its members on the server, link this memory to it,
//! sync, and see where the link stands.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use dragoman_core::Timestamp;
use dragoman_core::store;
use dragoman_core::team::postgres::{self, PgServer};
use dragoman_core::team::{self, Access, ServerAddress, Step};

use crate::backup_cmd::database;
use crate::output::{self, TeamStatus, TeamSync};

#[derive(Args)]
pub struct TeamArgs {
    #[command(subcommand)]
    command: TeamCommand,
}

#[derive(Subcommand)]
enum TeamCommand {
    /// Create or migrate the team schema on the server and create the team (an admin's
    /// connection string).
    Init(ServerTeam),
    /// Make a PostgreSQL role, named by `--user ROLE`, a member of the team, creating
    /// the role (without a password) if it does not exist (an admin's connection string).
    Grant(GrantArgs),
    /// Link this memory to a team; its units are shared at the next sync.
    Join(JoinArgs),
    /// Push this memory's changes to the team, then pull the team's.
    Sync(LocalArgs),
    /// The team this memory belongs to, its last sync and what waits for a push.
    Status(LocalArgs),
}

#[derive(Args)]
struct ServerTeam {
    /// A PostgreSQL connection string: `postgres://user@host:5432/db`, or
    /// `host=/run/postgresql user=NAME dbname=DB` for a socket. The password comes from
    /// PGPASSWORD or ~/.pgpass.
    #[arg(long, value_name = "URL")]
    server: String,
    /// The team's name.
    #[arg(long, value_name = "NAME")]
    team: String,
}

#[derive(Clone, Copy, ValueEnum)]
enum AccessArg {
    /// Pull only.
    Read,
    /// Pull and push.
    Write,
}

/// The role is named by the global `--user`: the option every command takes for who is
/// working names, here, who will.
#[derive(Args)]
struct GrantArgs {
    #[command(flatten)]
    at: ServerTeam,
    /// What the member may do.
    #[arg(long, value_enum)]
    access: AccessArg,
}

#[derive(Args)]
struct JoinArgs {
    #[command(flatten)]
    at: ServerTeam,
    /// The database (default: dragoman.sqlite in the user's data directory).
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
}

#[derive(Args)]
struct LocalArgs {
    /// The database (default: dragoman.sqlite in the user's data directory).
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print JSON instead of text for people.
    #[arg(long)]
    json: bool,
}

/// Run a `team` command; `user` is the `--user` given on the command line, if any.
pub fn run(args: TeamArgs, user: Option<&str>) -> Result<()> {
    match args.command {
        TeamCommand::Init(a) => {
            let version = postgres::init(&ServerAddress::parse(&a.server)?, &a.team)?;
            note!("team {:?} ready (server schema version {version})", a.team);
        }
        TeamCommand::Grant(a) => {
            let access = match a.access {
                AccessArg::Read => Access::Read,
                AccessArg::Write => Access::Write,
            };
            let role = user.context("`team grant` needs --user ROLE: the member to add")?;
            postgres::grant(
                &ServerAddress::parse(&a.at.server)?,
                &a.at.team,
                role,
                access,
            )?;
            note!(
                "{role} is a member of team {:?} with {} access",
                a.at.team,
                access.as_str()
            );
        }
        TeamCommand::Join(a) => {
            let path = database(&a.db)?;
            let mut conn = store::open(&path)?;
            let address = ServerAddress::parse(&a.at.server)?;
            let link = team::join(&mut conn, &address, &a.at.team, Timestamp::now())?;
            let (_, pending) = team::status(&conn)?;
            note!(
                "{}: joined team {:?} as {}; {} units and {} glossary concepts to share at \
                 the next sync",
                path.display(),
                link.team,
                link.user,
                pending.changed,
                pending.concepts_changed
            );
        }
        TeamCommand::Sync(a) => {
            let mut conn = store::open_existing(&database(&a.db)?)?;
            let (link, _) = team::status(&conn)?;
            let address = ServerAddress::parse(&link.server)?;
            let mut server = PgServer::connect(&address, &link.team)?;
            let report = team::sync(&mut conn, &mut server, &mut |step| {
                match step {
                    Step::Pushed { done } => note!("pushed {done}"),
                    Step::Pulled { done } => note!("pulled {done}"),
                }
                Ok(())
            })?;
            if a.json {
                output::write_line(&mut std::io::stdout().lock(), &TeamSync::from(&report))?;
            } else {
                note!(
                    "units: pushed {} ({} merged, {} conflicts), pulled {}; concepts: pushed \
                     {} ({} merged, {} conflicts), pulled {}",
                    report.pushed,
                    report.merged,
                    report.conflicts,
                    report.pulled,
                    report.concepts_pushed,
                    report.concepts_merged,
                    report.concept_conflicts,
                    report.concepts_pulled
                );
            }
        }
        TeamCommand::Status(a) => {
            let conn = store::open_existing(&database(&a.db)?)?;
            let (link, pending) = team::status(&conn)?;
            let status = TeamStatus::new(&link, pending);
            if a.json {
                output::write_line(&mut std::io::stdout().lock(), &status)?;
            } else {
                let last = link
                    .last_sync_at
                    .map_or_else(|| "never".to_string(), |t| t.to_tmx());
                let mut out = std::io::stdout().lock();
                writeln!(out, "server: {}", link.server)?;
                writeln!(out, "team: {} (as {})", link.team, link.user)?;
                writeln!(out, "last sync: {last}")?;
                writeln!(
                    out,
                    "pending: {} units changed, {} deleted; {} concepts changed, {} deleted",
                    pending.changed,
                    pending.deleted,
                    pending.concepts_changed,
                    pending.concepts_deleted
                )?;
            }
        }
    }
    Ok(())
}
