//! The commands the UI calls, one module per area. Each takes its arguments, calls the
//! core on Tauri's blocking pool and converts the error; the IPC shapes it returns are
//! defined beside it, since only the UI needs them.

pub mod alignment;
pub mod concordance;
pub mod demo;
pub mod editor;
pub mod fragments;
pub mod glossary;
pub mod limits;
pub mod memory;
pub mod team;
pub mod termbase;
pub mod translate;
pub mod upload;
pub mod work;
