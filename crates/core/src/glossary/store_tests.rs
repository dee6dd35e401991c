//! The starter glossary through the store: imported, loaded back, merged by policy.

use super::csv;
use crate::glossary::{Concept, Term, TermStatus};
use crate::lang::LanguageTag;
use crate::store::glossary::{
    ConceptImport, ConceptPolicy, ensure, import, list, load, set_enabled,
};
use crate::store::open_in_memory;

fn starter() -> Vec<Concept> {
    csv::read(
        include_str!("../../../../glossary/diplomatic.csv"),
        b',',
        None,
        &crate::limits::Limits::default(),
    )
    .unwrap()
}

#[test]
fn imports_and_loads_back_what_was_given() {
    let mut conn = open_in_memory().unwrap();
    let tx = conn.transaction().unwrap();
    let id = ensure(&tx, "Diplomatic", 10).unwrap();
    let report = import(&tx, id, &starter(), ConceptPolicy::Merge, Some("tester")).unwrap();
    tx.commit().unwrap();
    assert_eq!(
        report,
        ConceptImport {
            added: 329,
            updated: 0,
            skipped: 0
        }
    );
    let loaded: Vec<Concept> = load(&conn, &[])
        .unwrap()
        .into_iter()
        .map(|s| s.concept)
        .collect();
    assert_eq!(loaded, starter());
    assert_eq!(list(&conn).unwrap()[0].concepts, 329);
}

#[test]
fn policies_decide_about_known_concepts() {
    let mut conn = open_in_memory().unwrap();
    let tx = conn.transaction().unwrap();
    let id = ensure(&tx, "g", 0).unwrap();
    import(&tx, id, &starter()[..2], ConceptPolicy::Merge, None).unwrap();
    let mut changed = starter()[..2].to_vec();
    let ru = LanguageTag::parse("ru").unwrap();
    let mut forbidden = Term::new(ru, "межрегиональная встреча");
    forbidden.status = TermStatus::Forbidden;
    changed[0].terms.push(forbidden);
    assert_eq!(
        import(&tx, id, &changed, ConceptPolicy::Skip, None).unwrap(),
        ConceptImport {
            added: 0,
            updated: 0,
            skipped: 2
        }
    );
    assert_eq!(
        import(&tx, id, &changed, ConceptPolicy::Merge, None).unwrap(),
        ConceptImport {
            added: 0,
            updated: 1,
            skipped: 1
        },
        "only the concept with a new term changes"
    );
    let loaded = load(&tx, &[]).unwrap();
    assert_eq!(
        loaded[0].concept.terms.last().unwrap().status,
        TermStatus::Forbidden
    );
    changed[0].terms.truncate(1);
    import(&tx, id, &changed[..1], ConceptPolicy::Overwrite, None).unwrap();
    assert_eq!(
        load(&tx, &[]).unwrap()[0].concept.terms.len(),
        1,
        "overwrite replaces"
    );
}

#[test]
fn disabled_glossaries_are_left_out_unless_named() {
    let mut conn = open_in_memory().unwrap();
    let tx = conn.transaction().unwrap();
    let a = ensure(&tx, "a", 1).unwrap();
    let b = ensure(&tx, "b", 5).unwrap();
    import(&tx, a, &starter()[..1], ConceptPolicy::Merge, None).unwrap();
    import(&tx, b, &starter()[1..3], ConceptPolicy::Merge, None).unwrap();
    let order: Vec<String> = load(&tx, &[])
        .unwrap()
        .into_iter()
        .map(|s| s.glossary)
        .collect();
    assert_eq!(order, ["b", "b", "a"], "higher priority first");
    assert!(set_enabled(&tx, "b", false).unwrap());
    assert_eq!(load(&tx, &[]).unwrap().len(), 1);
    assert_eq!(load(&tx, &["b".to_string()]).unwrap().len(), 2);
}
