//! File formats: how alignments and memories are written for other tools and scripts,
//! and how memories made elsewhere are read.

pub mod beads;
pub mod table;
pub mod tmx;
pub mod tmx_read;
mod tmx_source;
pub mod xliff;
pub mod xliff_read;
