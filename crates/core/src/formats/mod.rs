//! File formats: how alignments and memories are written for other tools and scripts.

pub mod beads;
pub mod tmx;
