//! ZIP-based files (DOCX, XLSX) opened within the [limits](crate::limits): the one
//! place their archives are read.
//!
//! A few megabytes of zip can unpack to gigabytes (a zip bomb). So the number of entries
//! is checked when the file is opened, and a part is refused before any of it is
//! unpacked when the size it declares is beyond what the limit still allows. The size
//! declared may lie: the zip reader refuses a part that unpacks to more, and the part is
//! read through a reader that stops one byte past the limit whatever the zip reader
//! does. A part over the limit is refused, never cut short; the parts read from one
//! file count together.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use crate::limits::{Exceeded, Limit, Limits};

/// Why a part of a ZIP-based file cannot be read.
#[derive(Debug)]
pub(crate) enum PackageError {
    /// Not a zip archive, or a damaged one (cut short, encrypted, a bad checksum).
    NotZip(String),
    /// The archive has no part of this name.
    Missing(String),
    /// Beyond the number of entries or the bytes unpacked.
    Exceeded(Exceeded),
}

/// An archive open for reading its parts.
pub(crate) struct Package<'b> {
    archive: ZipArchive<Cursor<&'b [u8]>>,
    /// Bytes unpacked from it so far.
    unpacked: u64,
    max_unpacked: u64,
}

impl<'b> Package<'b> {
    /// Open the archive `bytes`, refusing one with more entries than `limits` allow.
    pub(crate) fn open(bytes: &'b [u8], limits: &Limits) -> Result<Self, PackageError> {
        let archive =
            ZipArchive::new(Cursor::new(bytes)).map_err(|e| PackageError::NotZip(e.to_string()))?;
        limits
            .check(Limit::ZipEntries, archive.len() as u64)
            .map_err(PackageError::Exceeded)?;
        Ok(Self {
            archive,
            unpacked: 0,
            max_unpacked: limits.get(Limit::UnpackedBytes),
        })
    }

    /// Whether the archive has a part named `name`.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// The names of the archive's parts, in archive order (a name that is not text is
    /// left out: no part Dragoman reads has one).
    pub(crate) fn names(&self) -> Vec<String> {
        self.archive
            .file_names()
            .filter_map(|name| name.ok().map(|n| n.into_owned()))
            .collect()
    }

    /// The bytes of part `name`, unpacked.
    pub(crate) fn read(&mut self, name: &str) -> Result<Vec<u8>, PackageError> {
        let over = PackageError::Exceeded(Exceeded {
            limit: Limit::UnpackedBytes,
            max: self.max_unpacked,
        });
        let left = self.max_unpacked - self.unpacked;
        let mut part = match self.archive.by_name(name) {
            Ok(part) => part,
            Err(ZipError::FileNotFound) => return Err(PackageError::Missing(name.to_string())),
            Err(e) => return Err(PackageError::NotZip(e.to_string())),
        };
        // The declared size refuses an honest bomb before any work; the bounded read
        // catches one whose header lies.
        if part.size() > left {
            return Err(over);
        }
        let mut out = Vec::with_capacity(part.size() as usize);
        (&mut part)
            .take(left + 1)
            .read_to_end(&mut out)
            .map_err(|e| PackageError::NotZip(format!("{name}: {e}")))?;
        if out.len() as u64 > left {
            return Err(over);
        }
        self.unpacked += out.len() as u64;
        Ok(out)
    }

    /// The archive, to copy its parts into another.
    pub(crate) fn into_archive(self) -> ZipArchive<Cursor<&'b [u8]>> {
        self.archive
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    use super::*;

    /// A zip archive of `parts`, deflated.
    pub(crate) fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in parts {
            zip.start_file(*name, SimpleFileOptions::default()).unwrap();
            zip.write_all(content).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// `zip` with the uncompressed size of every entry declared as `size`, in the local
    /// headers and the central directory: a bomb that lies about what it holds.
    pub(crate) fn declaring(mut zip: Vec<u8>, size: u32) -> Vec<u8> {
        let patch = |zip: &mut Vec<u8>, signature: &[u8], at: usize| {
            let mut i = 0;
            while let Some(k) = zip[i..].windows(4).position(|w| w == signature) {
                let field = i + k + at;
                zip[field..field + 4].copy_from_slice(&size.to_le_bytes());
                i += k + 4;
            }
        };
        patch(&mut zip, b"PK\x03\x04", 22);
        patch(&mut zip, b"PK\x01\x02", 24);
        zip
    }

    #[test]
    fn reads_parts_and_counts_them_together() {
        let zip = zip_of(&[("a.xml", &[b'a'; 600]), ("b.xml", &[b'b'; 600])]);
        let limits = Limits::default().with(Limit::UnpackedBytes, 1000);
        let mut package = Package::open(&zip, &limits).unwrap();
        assert!(package.has("a.xml") && !package.has("c.xml"));
        assert_eq!(package.read("a.xml").unwrap().len(), 600);
        assert!(matches!(
            package.read("b.xml"),
            Err(PackageError::Exceeded(Exceeded {
                limit: Limit::UnpackedBytes,
                max: 1000
            }))
        ));
        assert!(matches!(
            package.read("c.xml"),
            Err(PackageError::Missing(_))
        ));
    }

    #[test]
    fn refuses_too_many_entries_and_what_is_not_a_zip() {
        let zip = zip_of(&[("a", b"1"), ("b", b"2"), ("c", b"3")]);
        let limits = Limits::default().with(Limit::ZipEntries, 2);
        assert!(matches!(
            Package::open(&zip, &limits),
            Err(PackageError::Exceeded(Exceeded {
                limit: Limit::ZipEntries,
                ..
            }))
        ));
        assert!(matches!(
            Package::open(b"not a zip", &Limits::default()),
            Err(PackageError::NotZip(_))
        ));
    }

    /// A part whose header claims 10 bytes but unpacks to a megabyte is refused as
    /// the damaged archive it is.
    #[test]
    fn a_part_lying_about_its_size_is_refused() {
        let zip = declaring(zip_of(&[("bomb.xml", &vec![b'x'; 1 << 20])]), 10);
        let limits = Limits::default().with(Limit::UnpackedBytes, 4096);
        let mut package = Package::open(&zip, &limits).unwrap();
        assert!(matches!(
            package.read("bomb.xml"),
            Err(PackageError::NotZip(message)) if message.contains("declared")
        ));
    }
}
