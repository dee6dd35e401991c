//! The one way units are written: a [`Writer`] owns the transaction and the fuzzy
//! index's buffer, so the rules of a consistent memory are kept here rather than by
//! every caller. Postings are buffered (writing them one by one made imports crawl) and
//! must reach the table before a unit is deleted or replaced, and before the commit; a
//! bulk writer may drop the secondary indexes of an empty memory, and must build them
//! again before the commit. The writer does both itself. Dropping it without
//! [`Writer::commit`] rolls everything back, indexes included.

use rusqlite::{Connection, Transaction};

use super::{TranslationUnit, UnitForms, UnitId, UnitMetadata, Variant};
use crate::Timestamp;
use crate::lang::LanguageTag;
use crate::store::fuzzy_index::{IndexBuffer, NewToken, Vocabulary};
use crate::store::{StoreError, concordance};

/// Units being written in one transaction.
pub struct Writer<'c> {
    tx: Transaction<'c>,
    index: IndexBuffer,
}

impl<'c> Writer<'c> {
    /// Begin writing units, the write lock taken at once (see [`crate::store::begin`]):
    /// another process's write is waited for, and a long import fails, if it must, at
    /// its start rather than its end.
    pub fn begin(conn: &'c mut Connection) -> Result<Self, StoreError> {
        Ok(Self::over(crate::store::begin(conn)?))
    }

    fn over(tx: Transaction<'c>) -> Self {
        Self {
            tx,
            index: IndexBuffer::new(),
        }
    }

    /// Prepare for thousands of units: the concordance index gathers more in memory
    /// before writing, and an empty memory's secondary indexes are dropped until the
    /// commit builds them again in one pass.
    pub fn bulk(&mut self) -> Result<(), StoreError> {
        concordance::prepare_bulk_write(&self.tx)?;
        self.index.defer_secondary(&self.tx)?;
        Ok(())
    }

    /// The transaction, for reads and for writes to other tables that belong with these
    /// units (an alignment's approved marks, a job's confirmed segment).
    pub fn transaction(&self) -> &Transaction<'c> {
        &self.tx
    }

    /// The memory's words with their token ids, so that units' forms can be computed
    /// with ids on another thread ([`UnitForms::with_ids`]).
    pub fn vocabulary(&self) -> Result<Vocabulary, StoreError> {
        Vocabulary::load(&self.tx)
    }

    /// Store the words a unit's forms name that the memory has no id for yet (see
    /// [`UnitForms::with_ids`]); before the unit itself.
    pub fn add_tokens(&mut self, new: &[NewToken]) -> Result<(), StoreError> {
        self.index.add_tokens(&self.tx, new)
    }

    /// Store `unit`, indexed by `forms` (computed ahead, perhaps on another thread).
    pub fn insert_with_forms(
        &mut self,
        unit: &TranslationUnit,
        forms: &UnitForms,
    ) -> Result<UnitId, StoreError> {
        if let Some(bad) = unit.variants.iter().find_map(Variant::unstorable) {
            return Err(StoreError::Unstorable(bad));
        }
        super::insert_buffered(&self.tx, unit, forms, &mut self.index)
    }

    /// Store `unit`.
    pub fn insert(&mut self, unit: &TranslationUnit) -> Result<UnitId, StoreError> {
        self.insert_with_forms(unit, &UnitForms::of(unit))
    }

    /// A stored unit with exactly `unit`'s languages and texts, units written by this
    /// writer included.
    pub fn find_identical(&self, unit: &TranslationUnit) -> Result<Option<UnitId>, StoreError> {
        super::find_identical(&self.tx, &self.index, unit)
    }

    /// The units whose variant in `lang` has the exact form of `text`, oldest first.
    pub fn with_segment(&self, lang: &LanguageTag, text: &str) -> Result<Vec<UnitId>, StoreError> {
        super::with_segment(&self.tx, &self.index, lang, text)
    }

    /// The unit `id`, as this transaction sees it.
    pub fn get(&self, id: UnitId) -> Result<Option<TranslationUnit>, StoreError> {
        super::get(&self.tx, id)
    }

    /// Replace unit `id`'s metadata.
    pub fn update_metadata(&self, id: UnitId, meta: &UnitMetadata) -> Result<(), StoreError> {
        super::update_metadata(&self.tx, id, meta)
    }

    /// Delete unit `id` with every index entry of its variants; `false` when there was
    /// none. Buffered postings are written first, so none of the unit's is left behind.
    pub fn delete(&mut self, id: UnitId) -> Result<bool, StoreError> {
        self.index.flush(&self.tx)?;
        super::delete(&self.tx, id)
    }

    /// Delete every unit `filter` selects, with every index entry of their variants.
    pub fn delete_matching(
        &mut self,
        filter: &super::UnitFilter,
    ) -> Result<super::Deletion, StoreError> {
        self.index.flush(&self.tx)?;
        super::delete_matching(&self.tx, filter)
    }

    /// Set unit `id`'s variant in `v.lang` to `v` (adding the language when the unit
    /// has none), its index entries with it.
    pub fn replace_variant(&mut self, id: UnitId, v: &Variant) -> Result<(), StoreError> {
        if let Some(bad) = v.unstorable() {
            return Err(StoreError::Unstorable(bad));
        }
        self.index.flush(&self.tx)?;
        super::replace_variant(&self.tx, id, v)
    }

    /// Correct unit `id`'s variant in `v.lang` to `v`: the text it replaces is kept as
    /// an earlier version ([`super::versions`]), and the unit is marked changed by `by`
    /// at `at`. `false` (nothing written) when the unit holds that text already or does
    /// not exist.
    pub fn correct_variant(
        &mut self,
        id: UnitId,
        v: &Variant,
        by: Option<&str>,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let Some(mut unit) = self.get(id)? else {
            return Ok(false);
        };
        let old = unit.variants.iter().find(|o| o.lang == v.lang);
        if old.is_some_and(|o| o.text == v.text && o.markup == v.markup) {
            return Ok(false);
        }
        if let Some(old) = old {
            super::versions::record(&self.tx, id, old, &unit.meta, at)?;
        }
        self.replace_variant(id, v)?;
        unit.meta.changed_at = at;
        unit.meta.changed_by = by.map(str::to_string);
        self.update_metadata(id, &unit.meta)?;
        Ok(true)
    }

    /// Write what is buffered, build deferred indexes again, and commit.
    pub fn commit(mut self) -> Result<(), StoreError> {
        self.index.finish(&self.tx)?;
        Ok(self.tx.commit()?)
    }
}
