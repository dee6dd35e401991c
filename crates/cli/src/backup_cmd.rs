//! `dragoman backup` and `dragoman restore`: a copy of the database made while it is in
//! use, and putting one back after checking it.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use dragoman_core::store::{self, backup};

use crate::output::{self, BackupMade, Restoration};

#[derive(Args)]
pub struct BackupArgs {
    /// Where to write the copy (replaced if it exists).
    file: PathBuf,
    /// The database (default: dragoman.sqlite in the user's data directory).
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print JSON instead of text for people.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// The copy to put back: a Dragoman database that passes SQLite's integrity check.
    file: PathBuf,
    /// The database to replace (default: dragoman.sqlite in the user's data directory);
    /// it is first kept as DATABASE.before-restore-TIME.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print JSON instead of text for people.
    #[arg(long)]
    json: bool,
}

/// The database `--db` names, or the user's default one.
pub fn database(db: &Option<PathBuf>) -> Result<PathBuf> {
    Ok(match db {
        Some(path) => path.clone(),
        None => store::default_path()?,
    })
}

pub fn backup(a: BackupArgs) -> Result<()> {
    let conn = store::open_existing(&database(&a.db)?)?;
    backup::backup(&conn, &a.file)?;
    let made = BackupMade {
        file: a.file.display().to_string(),
        bytes: std::fs::metadata(&a.file)?.len(),
    };
    if a.json {
        output::write_line(&mut std::io::stdout().lock(), &made)?;
    } else {
        note!(
            "{}: copy of the memory written ({} bytes)",
            made.file,
            made.bytes
        );
    }
    Ok(())
}

pub fn restore(a: RestoreArgs) -> Result<()> {
    let mut conn = store::open(&database(&a.db)?)?;
    let restored = backup::restore(&mut conn, &a.file)?;
    let done = Restoration {
        file: a.file.display().to_string(),
        previous: restored.previous.display().to_string(),
    };
    if a.json {
        output::write_line(&mut std::io::stdout().lock(), &done)?;
    } else {
        note!(
            "{}: restored; the memory as it was is kept in {}",
            done.file,
            done.previous
        );
    }
    Ok(())
}
