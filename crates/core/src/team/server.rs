//! What a sync needs of the team's server (memory units and glossary concepts), as a trait: the sync ([`super::sync()`]) is
//! written against it and the PostgreSQL client ([`super::postgres`]) implements it.

use uuid::Uuid;

use super::TeamError;
use super::shared::{SharedConcept, SharedUnit};

/// A change pushed to the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// The unit's global id.
    pub guid: Uuid,
    /// The server revision the change was made on (0 for a unit never pushed).
    pub base_revision: i64,
    /// The unit's content, or `None` for a deletion.
    pub content: Option<SharedUnit>,
}

/// What the server did with one [`Outgoing`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pushed {
    /// A new unit, now at this revision.
    Added {
        /// Its revision (1).
        revision: i64,
    },
    /// The unit's content replaced the server's, now at `revision`. `conflict`: the
    /// server held a later revision than the change's base (edited elsewhere too); the
    /// replaced version is kept in the unit's history, flagged.
    Updated {
        /// The new revision.
        revision: i64,
        /// Whether the replaced version was not the one the change was made on.
        conflict: bool,
    },
    /// The server held exactly this already (a push repeated after an interruption).
    Unchanged {
        /// The server's revision.
        revision: i64,
    },
    /// The server holds a unit with the same texts under another id: the metadata was
    /// merged into it, and the pushed id is not kept.
    Merged {
        /// The id the unit has on the server.
        into: Uuid,
        /// That unit's revision after the merge.
        revision: i64,
    },
    /// The unit is deleted on the server (or never reached it).
    Deleted,
}

/// A change pulled from the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// The unit's global id.
    pub guid: Uuid,
    /// The server's sequence number of this change.
    pub seq: i64,
    /// The unit's revision after it.
    pub revision: i64,
    /// The unit's content, or `None` when it was deleted.
    pub content: Option<SharedUnit>,
}

/// A change of a glossary concept pushed to the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingConcept {
    /// The concept's global id.
    pub guid: Uuid,
    /// The server revision the change was made on (0 for a concept never pushed).
    pub base_revision: i64,
    /// The concept, or `None` for a deletion.
    pub content: Option<SharedConcept>,
}

/// A change of a glossary concept pulled from the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingConcept {
    /// The concept's global id.
    pub guid: Uuid,
    /// The server's sequence number of this change.
    pub seq: i64,
    /// The concept's revision after it.
    pub revision: i64,
    /// The concept, or `None` when it was deleted.
    pub content: Option<SharedConcept>,
}

/// The team's server, as one client connected to one team sees it.
pub trait TeamServer {
    /// Whether this member may push (has write access).
    fn can_push(&self) -> bool;

    /// Apply `changes` in one server transaction, in order; what each became.
    fn push(&mut self, changes: &[Outgoing]) -> Result<Vec<Pushed>, TeamError>;

    /// Up to `limit` changes with a sequence number above `after`, in sequence order.
    fn pull(&mut self, after: i64, limit: usize) -> Result<Vec<Incoming>, TeamError>;

    /// Apply concept changes in one server transaction, in order; what each became
    /// ([`Pushed::Merged`]: the glossary held a concept with the same id, which took
    /// the pushed one's terms and fields).
    fn push_concepts(&mut self, changes: &[OutgoingConcept]) -> Result<Vec<Pushed>, TeamError>;

    /// Up to `limit` concept changes with a sequence number above `after`, in order.
    fn pull_concepts(
        &mut self,
        after: i64,
        limit: usize,
    ) -> Result<Vec<IncomingConcept>, TeamError>;

    /// Every change with a sequence number above `after`, handed to `each` as it
    /// arrives, for a first pull of a whole memory; an error from `each` stops it. A
    /// unit may come more than once when it changed meanwhile, the last time as the
    /// server holds it now. By default, [`Self::pull`] in batches; a server answers it
    /// with one streamed query where it can.
    fn pull_all(
        &mut self,
        after: i64,
        each: &mut dyn FnMut(Incoming) -> Result<(), TeamError>,
    ) -> Result<(), TeamError> {
        const BATCH: usize = 5000;
        let mut after = after;
        loop {
            let batch = self.pull(after, BATCH)?;
            let full = batch.len() == BATCH;
            for change in batch {
                after = after.max(change.seq);
                each(change)?;
            }
            if !full {
                return Ok(());
            }
        }
    }
}
