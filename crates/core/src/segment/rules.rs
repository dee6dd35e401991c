//! The rule engine: SRX semantics, found in one pass.
//!
//! SRX defines a break at a position when, among the rules in order, the first whose
//! `beforebreak` matches text ending there and whose `afterbreak` matches text starting
//! there is a `break="yes"` rule. Trying every rule at every character is quadratic in
//! practice (each regex re-reads its context), so the engine works in two steps:
//!
//! 1. **Candidates.** Only a position where some *break* rule's `beforebreak` can end can
//!    break. All those ends are found in one linear pass with a lazy DFA over every break
//!    rule's `beforebreak` at once, in "all matches, overlapping" mode so that `...` yields
//!    an end after each dot. The DFA runs on the patterns with their assertions (`\b`, `^`,
//!    `$`) removed: that only adds ends, never loses one, and keeps the DFA away from
//!    Unicode word boundaries, which lazy DFAs cannot handle on non-ASCII text.
//! 2. **Decision.** At each candidate the rules are tried in order on bounded windows:
//!    `beforebreak` as `(?:…)\z` on at most [`CONTEXT`] bytes ending at the position
//!    (the regex engine searches such end-anchored patterns backwards where it can, so
//!    it usually reads only what the match needs), and
//!    `afterbreak` anchored at the position on at most [`CONTEXT`] bytes after it.
//!
//! The window is part of the semantics: a rule cannot see further than [`CONTEXT`] bytes
//! from the position, while `^`, `\b` and `\z` still see the real text around the window.
//! Breaks never fall inside a grapheme cluster (a letter and its combining accent stay
//! together whatever a rule says), which `unicode-segmentation` decides.

use regex_automata::hybrid::dfa::{DFA, OverlappingState};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::{Anchored, Input, MatchKind, meta};
use regex_syntax::hir::{Hir, HirKind, Repetition};
use unicode_segmentation::GraphemeCursor;

use super::SegmentError;
use super::pattern::translate;
use super::srx::SrxRule;

/// How far, in bytes, a rule's context reaches on each side of a position.
pub(super) const CONTEXT: usize = 256;

/// One rule ready to run. `None` regexes are empty in the SRX file and match anywhere.
#[derive(Debug, Clone)]
struct CompiledRule {
    breaks: bool,
    before: Option<meta::Regex>,
    after: Option<meta::Regex>,
}

/// Where break candidates come from.
#[derive(Debug, Clone)]
enum CandidateFinder {
    /// No break rules at all: nothing ever breaks.
    Nowhere,
    /// A break rule with an empty `beforebreak` can fire anywhere.
    Everywhere,
    /// The ends of every break rule's (relaxed) `beforebreak`.
    Dfa(Box<DFA>),
}

/// An ordered list of compiled rules and the finder for their candidate positions.
#[derive(Debug, Clone)]
pub(super) struct RuleEngine {
    rules: Vec<CompiledRule>,
    finder: CandidateFinder,
}

/// A rule to compile, with the name errors should give it.
pub(super) struct NamedRule<'a> {
    /// Human description, e.g. `rule 3 of languagerule "Russian" (line 40)`.
    pub name: String,
    pub rule: &'a SrxRule,
}

impl RuleEngine {
    /// Compile `rules` in order; the first bad regex is reported with its rule's name.
    pub(super) fn compile(rules: &[NamedRule]) -> Result<Self, SegmentError> {
        let mut compiled = Vec::with_capacity(rules.len());
        let mut relaxed = Vec::new();
        let mut everywhere = false;
        for NamedRule { name, rule } in rules {
            let before = translate_named(&rule.before, name, "beforebreak")?;
            let after = translate_named(&rule.after, name, "afterbreak")?;
            let before_re = compile_named(&before, r"(?:", r")\z", name, "beforebreak")?;
            let after_re = compile_named(&after, "(?:", ")", name, "afterbreak")?;
            if rule.breaks {
                match &before_re {
                    None => everywhere = true,
                    Some(_) => {
                        let hir = regex_syntax::parse(&before).map_err(|e| {
                            invalid(name, "beforebreak", &rule.before, &e.to_string())
                        })?;
                        relaxed.push(without_assertions(&hir));
                    }
                }
            }
            compiled.push(CompiledRule {
                breaks: rule.breaks,
                before: before_re,
                after: after_re,
            });
        }
        let finder = if everywhere {
            CandidateFinder::Everywhere
        } else if relaxed.is_empty() {
            CandidateFinder::Nowhere
        } else {
            // The relaxed patterns parsed and compiled above, so this cannot fail for a
            // reason the user could fix; fall back to trying every position if it does.
            match candidate_dfa(&relaxed) {
                Some(dfa) => CandidateFinder::Dfa(Box::new(dfa)),
                None => CandidateFinder::Everywhere,
            }
        };
        Ok(Self {
            rules: compiled,
            finder,
        })
    }

    /// The byte offsets strictly inside `text` where it breaks, in increasing order.
    pub(super) fn breaks(&self, text: &str) -> Vec<usize> {
        self.candidates(text)
            .into_iter()
            .filter(|&p| self.breaks_at(text, p))
            .collect()
    }

    /// Whether `text` breaks at byte offset `p`: the first rule matching there decides.
    pub(super) fn breaks_at(&self, text: &str, p: usize) -> bool {
        if p == 0 || p >= text.len() || !is_grapheme_boundary(text, p) {
            return false;
        }
        self.rules
            .iter()
            .find(|r| r.matches_at(text, p))
            .is_some_and(|r| r.breaks)
    }

    /// Positions where a break rule's `beforebreak` may end, sorted, without repeats.
    fn candidates(&self, text: &str) -> Vec<usize> {
        let dfa = match &self.finder {
            CandidateFinder::Nowhere => return Vec::new(),
            CandidateFinder::Everywhere => return every_position(text),
            CandidateFinder::Dfa(dfa) => dfa,
        };
        let mut cache = dfa.create_cache();
        let input = Input::new(text);
        let mut state = OverlappingState::start();
        let mut ends = Vec::new();
        loop {
            if dfa
                .try_search_overlapping_fwd(&mut cache, &input, &mut state)
                .is_err()
            {
                // The DFA gave up (its cache thrashed): every position is still correct.
                return every_position(text);
            }
            match state.get_match() {
                Some(m) => ends.push(m.offset()),
                None => break,
            }
        }
        ends.sort_unstable();
        ends.dedup();
        ends
    }
}

impl CompiledRule {
    fn matches_at(&self, text: &str, p: usize) -> bool {
        let before_ok = self.before.as_ref().is_none_or(|re| {
            let input = Input::new(&text[..p]).range(window_start(text, p)..);
            re.search(&input).is_some()
        });
        before_ok
            && self.after.as_ref().is_none_or(|re| {
                let input = Input::new(&text[..window_end(text, p)])
                    .range(p..)
                    .anchored(Anchored::Yes);
                re.search(&input).is_some()
            })
    }
}

/// Every char boundary strictly inside `text`.
fn every_position(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .filter(|&i| i > 0)
        .collect()
}

fn window_start(text: &str, p: usize) -> usize {
    let mut s = p.saturating_sub(CONTEXT);
    while !text.is_char_boundary(s) {
        s += 1;
    }
    s
}

fn window_end(text: &str, p: usize) -> usize {
    let mut e = (p + CONTEXT).min(text.len());
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    e
}

fn is_grapheme_boundary(text: &str, p: usize) -> bool {
    text.is_char_boundary(p)
        && GraphemeCursor::new(p, text.len(), true)
            .is_boundary(text, 0)
            .unwrap_or(true)
}

fn translate_named(java: &str, rule: &str, part: &'static str) -> Result<String, SegmentError> {
    translate(java).map_err(|construct| SegmentError::UnsupportedPattern {
        rule: format!("{rule}, {part}"),
        pattern: java.to_string(),
        construct,
    })
}

fn compile_named(
    pattern: &str,
    prefix: &str,
    suffix: &str,
    rule: &str,
    part: &'static str,
) -> Result<Option<meta::Regex>, SegmentError> {
    if pattern.is_empty() {
        return Ok(None);
    }
    meta::Regex::new(&format!("{prefix}{pattern}{suffix}"))
        .map(Some)
        .map_err(|e| invalid(rule, part, pattern, &e.to_string()))
}

fn invalid(rule: &str, part: &str, pattern: &str, reason: &str) -> SegmentError {
    SegmentError::InvalidPattern {
        rule: format!("{rule}, {part}"),
        pattern: pattern.to_string(),
        reason: reason.to_string(),
    }
}

/// `hir` with every look-around assertion replaced by the empty string: it matches a
/// superset of what `hir` matches.
fn without_assertions(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Capture(c) => without_assertions(&c.sub),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(without_assertions(&r.sub)),
        }),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(without_assertions).collect()),
        HirKind::Alternation(parts) => {
            Hir::alternation(parts.iter().map(without_assertions).collect())
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => hir.clone(),
    }
}

fn candidate_dfa(patterns: &[Hir]) -> Option<DFA> {
    let nfa = thompson::Compiler::new()
        .configure(thompson::Config::new().which_captures(WhichCaptures::None))
        .build_many_from_hir(patterns)
        .ok()?;
    DFA::builder()
        .configure(DFA::config().match_kind(MatchKind::All))
        .build_from_nfa(nfa)
        .ok()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn rule(breaks: bool, before: &str, after: &str) -> SrxRule {
        SrxRule {
            breaks,
            before: before.into(),
            after: after.into(),
            line: 1,
        }
    }

    fn engine(rules: &[SrxRule]) -> RuleEngine {
        let named: Vec<_> = rules
            .iter()
            .enumerate()
            .map(|(i, rule)| NamedRule {
                name: format!("rule {}", i + 1),
                rule,
            })
            .collect();
        RuleEngine::compile(&named).unwrap()
    }

    /// The definition, executed literally: every rule at every char boundary.
    fn reference_breaks(engine: &RuleEngine, text: &str) -> Vec<usize> {
        (1..text.len())
            .filter(|&p| text.is_char_boundary(p))
            .filter(|&p| engine.breaks_at(text, p))
            .collect()
    }

    fn sample_rules() -> Vec<SrxRule> {
        vec![
            rule(false, r"\b(?:Mr|Dr|т\.е)\.", r"\s"),
            rule(false, r"^\d+\.", r"\s"),
            rule(true, r"\d\.", r"\s+\p{Lu}"),
            rule(false, r"\p{Lu}\.", r"\s"),
            rule(true, r"[.?!…]+[»”)]*", r"\s+[«(]?\p{Lu}"),
            rule(true, r"\n", r"\p{Lu}"),
            rule(true, r"\.\.", ""),
        ]
    }

    #[test]
    fn first_matching_rule_decides() {
        let e = engine(&sample_rules());
        let text = "Mr. Smith left. Dr. Who «came». Then A. Bell rang…\nDone";
        let cut: Vec<_> = e.breaks(text);
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(cut, vec![at(" Dr"), at(" Then"), at("\nDone"), at("Done")]);
    }

    #[test]
    fn dots_in_a_row_each_end_a_candidate() {
        let e = engine(&[rule(true, r"\.\.", "")]);
        assert_eq!(e.breaks("a...b"), vec![3, 4]);
    }

    #[test]
    fn no_break_rules_alone_never_break() {
        let e = engine(&[rule(false, r"\.", r"\s")]);
        assert!(e.breaks("A. B. C.").is_empty());
    }

    #[test]
    fn empty_before_means_anywhere() {
        let e = engine(&[rule(true, "", "x")]);
        assert_eq!(e.breaks("axbx"), vec![1, 3]);
    }

    #[test]
    fn never_breaks_inside_a_grapheme() {
        // "e" + combining acute: a rule breaking after "e" must not split the accent off.
        let e = engine(&[rule(true, "e", "")]);
        assert_eq!(e.breaks("e\u{301}x ex"), vec![6]);
    }

    #[test]
    fn context_is_bounded_but_anchors_see_the_real_text() {
        let e = engine(&[rule(true, r"^a\.", r"\s")]);
        let long = format!("a. {}a. b", "x".repeat(CONTEXT * 2));
        assert_eq!(e.breaks(&long), vec![2], "^ only matches at the real start");
    }

    /// The built-in rules, with their `\b`, `^` and Unicode classes, on text made of the
    /// pieces they look for. Run by hand so each language's rules compile once.
    #[test]
    fn built_in_rules_agree_with_reference() {
        use proptest::test_runner::TestRunner;

        // What the built-in rules look for, separated by `|`.
        const PIECES: &str = "т.д.|т. е.|г.|2018|гг.|н.э.|см.|D.C.|В.|Путин|və s.|E.ə.|İ.|Əliyev|27.09.2018|27-ci|s.|m.|Mr.|U.S.|p.m.|ET|Sept.|No.|5|3.5|e.g.|The|«|»|„|“|\"|(|)|…|...|?!|.|—|-|•| | | |\n|\n\n|word|слово|Слово|söz";
        let langs = ["ru", "az", "az-Cyrl", "en", "de"];
        let engines: Vec<RuleEngine> = langs
            .iter()
            .map(|l| {
                let tag = crate::lang::LanguageTag::parse(l).unwrap();
                crate::segment::Segmenter::builtin(&tag).engine
            })
            .collect();
        let pieces = prop::collection::vec(
            prop::sample::select(PIECES.split('|').collect::<Vec<_>>()),
            0..40,
        );
        TestRunner::default()
            .run(&(pieces, 0..engines.len()), |(pieces, i)| {
                let text: String = pieces.concat();
                let e = &engines[i];
                prop_assert_eq!(e.breaks(&text), reference_breaks(e, &text), "{}", langs[i]);
                Ok(())
            })
            .unwrap();
    }

    proptest! {
        #[test]
        fn fast_path_agrees_with_reference(text in "[a-cA-CЖжə .?!…»«\n0-9Mrт]{0,60}") {
            let e = engine(&sample_rules());
            prop_assert_eq!(e.breaks(&text), reference_breaks(&e, &text));
        }
    }
}
