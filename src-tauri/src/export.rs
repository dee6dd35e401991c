//! Where exports go: a new file in the exports folder, named after what is exported.

use std::fs::{self, File, OpenOptions};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::error::AppError;

/// Create `folder/<name>.<ext>`, or `<name> (2).<ext>` and so on when taken; the name
/// loses characters file systems refuse. Never overwrites: creation fails if the file
/// appeared meanwhile, and the next number is tried.
pub fn create_unique(folder: &Path, name: &str, ext: &str) -> Result<(PathBuf, File), AppError> {
    let failed = |e: std::io::Error| AppError::write_failed(Some(folder), &e);
    fs::create_dir_all(folder).map_err(failed)?;
    let stem: String = name
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let stem = if stem.trim().is_empty() {
        "alignment".to_string()
    } else {
        stem.trim().to_string()
    };
    for n in 1.. {
        let file = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem} ({n}).{ext}")
        };
        let path = folder.join(file);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(failed(e)),
        }
    }
    unreachable!("an unbounded range ends only by returning")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let (first, _) = create_unique(dir.path(), "Forum: ru/az", "tmx").unwrap();
        let (second, _) = create_unique(dir.path(), "Forum: ru/az", "tmx").unwrap();
        assert_eq!(first.file_name().unwrap(), "Forum_ ru_az.tmx");
        assert_eq!(second.file_name().unwrap(), "Forum_ ru_az (2).tmx");
        let (blank, _) = create_unique(dir.path(), "  ", "tsv").unwrap();
        assert_eq!(blank.file_name().unwrap(), "alignment.tsv");
    }
}
