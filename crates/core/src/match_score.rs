//! How close a stored segment is to the one being translated, as a number the memory, the
//! jobs and the exchange formats all carry; [`crate::tm::score`] says how it is computed.

use serde::Serialize;

/// A match score: 0–100, or 101 for a context match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct MatchScore(pub u8);

impl MatchScore {
    /// The same segment.
    pub const EXACT: Self = Self(100);
    /// The same segment between the same neighbours.
    pub const CONTEXT: Self = Self(101);
    /// The highest score of a match whose words differ.
    pub const MAX_FUZZY: Self = Self(94);
    /// The lowest "nearly exact" score.
    pub const MIN_NEARLY_EXACT: Self = Self(95);
}
