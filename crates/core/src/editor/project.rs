//! An alignment kept in the store: every change is made in memory, written in one
//! transaction, and taken back in memory if the write fails, so what the app shows and
//! what the file holds never part.

use serde::{Deserialize, Serialize};

use super::EditorError;
use super::edit::Edit;
use super::grid::EditableAlignment;
use super::history::{HISTORY_LIMIT, History, Step};
use crate::Timestamp;
use crate::align::AlignOptions;
pub use crate::store::alignments::{ProjectId, ProjectInfo};
use crate::store::{self, Connection, alignments};

/// An alignment project open in the editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignmentProject {
    /// The project's id in the store.
    pub id: ProjectId,
    /// Its name.
    pub name: String,
    /// Its beads as they read now.
    pub alignment: EditableAlignment,
    /// What can be undone and redone, kept across restarts.
    pub history: History,
}

impl AlignmentProject {
    /// Store `alignment` as a new project called `name`.
    pub fn create(
        conn: &mut Connection,
        name: &str,
        alignment: EditableAlignment,
        now: Timestamp,
    ) -> Result<Self, EditorError> {
        let tx = store::begin(conn)?;
        let id = alignments::insert(
            &tx,
            name,
            alignment.languages(),
            alignment.documents(),
            alignment.beads(),
            now,
        )?;
        store::commit(tx)?;
        Ok(Self {
            id,
            name: name.to_string(),
            alignment,
            history: History::default(),
        })
    }

    /// Resume the project `id` where it was left, history included.
    pub fn open(conn: &Connection, id: ProjectId) -> Result<Self, EditorError> {
        let info = alignments::info(conn, id)?.ok_or(EditorError::NoSuchProject(id.0))?;
        let beads = alignments::beads(conn, id, info.languages.len())?;
        let alignment = EditableAlignment::from_beads(info.languages, info.documents, beads)?;
        Ok(Self {
            id,
            name: info.name,
            alignment,
            history: History::from_stored(alignments::history(conn, id)?, id)?,
        })
    }

    /// Every project in the store, most recently changed first.
    pub fn list(conn: &Connection) -> Result<Vec<ProjectInfo>, EditorError> {
        Ok(alignments::list(conn)?)
    }

    /// Delete the project `id`; `false` when there was none.
    pub fn delete(conn: &mut Connection, id: ProjectId) -> Result<bool, EditorError> {
        let tx = store::begin(conn)?;
        let deleted = alignments::delete(&tx, id)?;
        store::commit(tx)?;
        Ok(deleted)
    }

    /// Make `edit` and save it.
    pub fn edit(
        &mut self,
        conn: &mut Connection,
        edit: &Edit,
        now: Timestamp,
    ) -> Result<&Step, EditorError> {
        let step = self.alignment.apply(edit)?;
        self.record(conn, step, now)
    }

    /// Realign the stretches between confirmed beads with `opts` and save it as one step.
    pub fn realign_rest(
        &mut self,
        conn: &mut Connection,
        opts: &AlignOptions,
        now: Timestamp,
    ) -> Result<&Step, EditorError> {
        let step = self.alignment.realign_rest(opts)?;
        self.record(conn, step, now)
    }

    fn record(
        &mut self,
        conn: &mut Connection,
        step: Step,
        now: Timestamp,
    ) -> Result<&Step, EditorError> {
        if let Err(e) = save_step(conn, self.id, &step, now) {
            self.alignment.undo_step(&step);
            return Err(e);
        }
        self.history.push(step);
        Ok(self.history.undo.last().expect("just pushed"))
    }

    /// Undo the most recent step and save it.
    pub fn undo(&mut self, conn: &mut Connection, now: Timestamp) -> Result<&Step, EditorError> {
        let step = self.history.undo.last().ok_or(EditorError::NothingToUndo)?;
        let tx = store::begin(conn)?;
        alignments::move_step(&tx, self.id, &step.splices, true, now)?;
        store::commit(tx)?;
        self.history
            .undo(&mut self.alignment)
            .ok_or(EditorError::NothingToUndo)
    }

    /// Redo the step undone last and save it.
    pub fn redo(&mut self, conn: &mut Connection, now: Timestamp) -> Result<&Step, EditorError> {
        let step = self.history.redo.last().ok_or(EditorError::NothingToRedo)?;
        let tx = store::begin(conn)?;
        alignments::move_step(&tx, self.id, &step.splices, false, now)?;
        store::commit(tx)?;
        self.history
            .redo(&mut self.alignment)
            .ok_or(EditorError::NothingToRedo)
    }
}

fn save_step(
    conn: &mut Connection,
    id: ProjectId,
    step: &Step,
    now: Timestamp,
) -> Result<(), EditorError> {
    let tx = store::begin(conn)?;
    let record = serde_json::to_string(step).expect("a step is plain data");
    alignments::push_step(&tx, id, &step.splices, &record, HISTORY_LIMIT, now)?;
    store::commit(tx)?;
    Ok(())
}
