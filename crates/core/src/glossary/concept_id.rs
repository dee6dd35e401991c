//! Concept ids: the one scheme for an id Dragoman makes (a concept added without one, a
//! TBX export's replacement for an id XML cannot carry), `c-` and 16 hex digits.
//!
//! A made id is an XML NCName, so TBX exports keep it, and it never comes from a term's
//! text: "Генеральн", saved by a sloppy selection, must not stay the id once the term is
//! corrected. It is made once, when the concept is stored, and edits leave it alone.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Whether `id` is an XML `ID` (an NCName): a letter or `_`, then letters, digits, `-`,
/// `.` and `_`. Narrower than XML allows (no combining marks, no `·`), which only means
/// a rare valid id is replaced, never that an invalid one is kept.
pub fn is_xml_id(id: &str) -> bool {
    let letter = |c: char| c.is_ascii_alphabetic() || (c >= '\u{c0}' && c.is_alphabetic());
    let mut chars = id.chars();
    chars.next().is_some_and(|c| letter(c) || c == '_')
        && chars.all(|c| letter(c) || c.is_ascii_digit() || matches!(c, '-' | '.' | '_'))
}

/// The id made from `seed`: the same seed gives the same id on every machine.
pub fn from_seed(seed: &[u8]) -> String {
    format!("c-{:016x}", fnv1a(seed))
}

/// A new id, unlike any made before by this or another run: the clock, the process and
/// a counter, hashed. The caller still checks it against the glossary's ids.
pub fn fresh() -> String {
    static MADE: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut seed = nanos.to_le_bytes().to_vec();
    seed.extend(std::process::id().to_le_bytes());
    seed.extend(MADE.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    from_seed(&seed)
}

/// 64-bit FNV-1a: a hash that is the same on every machine and in every build, which
/// the standard library's hasher does not promise.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_ids_are_xml_ids_and_differ() {
        let ids: Vec<String> = (0..1000).map(|_| fresh()).collect();
        assert!(
            ids.iter().all(|id| is_xml_id(id) && id.len() == 18),
            "{ids:?}"
        );
        let distinct: std::collections::HashSet<&String> = ids.iter().collect();
        assert_eq!(distinct.len(), ids.len());
        assert_eq!(from_seed(b"x"), from_seed(b"x"));
    }

    #[test]
    fn xml_ids_are_told_apart() {
        for id in [
            "dip-001",
            "AC",
            "_x",
            "межрегиональный",
            "c-0011aabbccddeeff",
        ] {
            assert!(is_xml_id(id), "{id}");
        }
        for id in ["", "1st", "межрегиональный форум", "R&D", "-x", "a:b"] {
            assert!(!is_xml_id(id), "{id}");
        }
    }
}
