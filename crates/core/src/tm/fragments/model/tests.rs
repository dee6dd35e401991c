use super::*;

/// A pair from word ids, without anchors.
fn pair(src: &[u32], tgt: &[u32]) -> SentencePair {
    SentencePair {
        src: src.to_vec(),
        tgt: tgt.to_vec(),
        anchors: Anchors::none(src.len(), tgt.len()),
    }
}

/// The model's probability of generating target word `i` from source position `a`
/// (`a == n` the null word), written out from the definition for the reference.
fn generation(table: &HashMap<(u32, u32), f64>, p: &SentencePair, i: usize, a: usize) -> f64 {
    let (n, m) = (p.src.len(), p.tgt.len());
    let weight =
        |j: usize| (-4.0 * ((i as f64 + 1.0) / m as f64 - (j as f64 + 1.0) / n as f64).abs()).exp();
    let z: f64 = (0..n).map(weight).sum();
    let (e, prior) = if a == n {
        (NULL, 0.08)
    } else {
        (p.src[a], 0.92 * weight(a) / z)
    };
    prior * table.get(&(e, p.tgt[i])).copied().unwrap_or(1e-6)
}

/// EM as the textbook writes it: every whole alignment of every pair enumerated, its
/// posterior computed from the product over words, counts collected from alignments.
/// Exponential, so only for tiny corpora.
fn brute_force_em(pairs: &[SentencePair]) -> HashMap<(u32, u32), f64> {
    let mut table: HashMap<(u32, u32), f64> = HashMap::default();
    for p in pairs {
        for &f in &p.tgt {
            for &e in p.src.iter().chain([&NULL]) {
                table.insert((e, f), 1.0);
            }
        }
    }
    for _ in 0..ITERATIONS {
        let mut counts: HashMap<(u32, u32), f64> = HashMap::default();
        for p in pairs {
            let (n, m) = (p.src.len(), p.tgt.len());
            let total = (n + 1).pow(m as u32);
            let mut posts = Vec::with_capacity(total);
            for code in 0..total {
                let mut a = Vec::with_capacity(m);
                let mut rest = code;
                for _ in 0..m {
                    a.push(rest % (n + 1));
                    rest /= n + 1;
                }
                let prob: f64 = (0..m).map(|i| generation(&table, p, i, a[i])).product();
                posts.push((a, prob));
            }
            let z: f64 = posts.iter().map(|x| x.1).sum();
            for (a, prob) in posts {
                for (i, &j) in a.iter().enumerate() {
                    let e = if j == n { NULL } else { p.src[j] };
                    *counts.entry((e, p.tgt[i])).or_default() += prob / z;
                }
            }
        }
        let mut totals: HashMap<u32, f64> = HashMap::default();
        for (&(e, _), &c) in &counts {
            *totals.entry(e).or_default() += c;
        }
        table = counts
            .into_iter()
            .map(|((e, f), c)| ((e, f), c / totals[&e]))
            .collect();
    }
    table
}

#[test]
fn em_agrees_with_enumerating_every_alignment() {
    // "the house" / "das Haus", "the book" / "das Buch", "a book" / "ein Buch", and a
    // pair of unequal lengths.
    let pairs = [
        pair(&[0, 1], &[0, 1]),
        pair(&[0, 2], &[0, 2]),
        pair(&[3, 2], &[3, 2]),
        pair(&[0, 1, 2], &[0, 2]),
    ];
    let fast = train(&pairs);
    let slow = brute_force_em(&pairs);
    assert_eq!(fast.entries().count(), slow.len());
    for ((e, f), p) in slow {
        let got = fast.prob(e, f);
        assert!((got - p).abs() < 1e-5, "t({f}|{e}) = {got}, reference {p}");
    }
    // And it learned something: "house" (1) gives "Haus" (1) above all else.
    assert!(fast.prob(1, 1) > 0.5, "{}", fast.prob(1, 1));
    assert!(fast.prob(1, 1) > fast.prob(1, 0));
}

#[test]
fn viterbi_takes_the_likeliest_generator_of_each_word() {
    let pairs = [
        pair(&[0, 1], &[0, 1]),
        pair(&[0, 2], &[0, 2]),
        pair(&[3, 2], &[3, 2]),
    ];
    let table = train(&pairs);
    let slow = brute_force_em(&pairs);
    let p = pair(&[1, 0], &[0, 1]);
    let links = viterbi(&table, &p);
    // Each target word's best position by the reference's table.
    let best: Vec<Link> = (0..2)
        .filter_map(|i| {
            let j = (0..=2)
                .max_by(|&a, &b| {
                    generation(&slow, &p, i, a).total_cmp(&generation(&slow, &p, i, b))
                })
                .unwrap();
            (j < 2).then_some((j as u16, i as u16))
        })
        .collect();
    assert_eq!(links, best);
    assert_eq!(links, [(1, 0), (0, 1)], "the words swap places");
}

#[test]
fn anchors_bind_numbers_and_terms_and_keep_others_out() {
    let keys = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
    let src = keys("в 2018 встреча министр иностранных дел");
    let tgt = keys("in 2018 the foreign minister met");
    let numbers = |k: &[String]| k.iter().map(|w| w.starts_with('2')).collect::<Vec<_>>();
    let terms = [(keys("министр иностранных дел"), keys("foreign minister"))];
    let anchors = Anchors::find(&src, &numbers(&src), &tgt, &numbers(&tgt), &terms);
    assert_eq!(
        anchors.src,
        [None, Some(0), None, Some(1), Some(1), Some(1)]
    );
    assert_eq!(anchors.tgt, [None, Some(0), None, Some(1), Some(1), None]);
    let mut vocab = Vocabulary::default();
    let p = SentencePair {
        src: src.iter().map(|k| vocab.intern(k)).collect(),
        tgt: tgt.iter().map(|k| vocab.intern(k)).collect(),
        anchors,
    };
    // An untrained table: the anchors alone decide where anchored words go.
    let links = viterbi(&Table::default(), &p);
    assert!(links.contains(&(1, 1)), "2018 ↔ 2018: {links:?}");
    for &(s, t) in &links {
        assert_eq!(
            p.anchors.src[usize::from(s)],
            p.anchors.tgt[usize::from(t)],
            "{links:?}"
        );
    }
    // A number written twice is no anchor.
    let twice = keys("2018 и 2018");
    let a = Anchors::find(&twice, &numbers(&twice), &tgt, &numbers(&tgt), &[]);
    assert_eq!(a.src, [None, None, None]);
}

#[test]
fn grow_diag_final_and_on_a_hand_example() {
    // Forward and backward agree on (0,0) and (2,2); forward adds (1,1), backward (1,2)
    // and (3,3). (1,1) neighbours (0,0) diagonally and reaches unlinked words: grown.
    // (1,2) then joins two linked words: left out. (3,3) neighbours (2,2): grown.
    let forward = [(0, 0), (1, 1), (2, 2)];
    let backward = [(0, 0), (1, 2), (2, 2), (3, 3)];
    assert_eq!(
        grow_diag_final_and(4, 4, &forward, &backward),
        [(0, 0), (1, 1), (2, 2), (3, 3)]
    );
    // Final-and: a link of one direction between two words nothing else reached.
    assert_eq!(
        grow_diag_final_and(3, 3, &[(0, 0)], &[(2, 2)]),
        [(0, 0), (2, 2)]
    );
    assert_eq!(grow_diag_final_and(2, 2, &[], &[]), []);
}

#[test]
fn match_keys_join_inflected_forms() {
    let words = |tag: &str, text: &str| {
        let lang = LanguageTag::parse(tag).unwrap();
        match_keys(&lang, &crate::normal::Normalized::new(&lang, text).words)
    };
    let ru = words("ru", "форума форуме Форум 2018");
    assert_eq!(ru[0], ru[1]);
    assert_eq!(ru[1], ru[2]);
    assert_eq!(ru[3], "2018");
    let az = words("az", "forumda forumun");
    assert_eq!(az[0], az[1]);
}

#[test]
fn pruning_keeps_the_likeliest_translations_of_each_word() {
    let mut t = Table::default();
    for f in 0..40 {
        t.set(0, f, 0.5 / (f as f32 + 1.0));
    }
    t.set(1, 0, 0.001);
    let kept = t.pruned();
    assert_eq!(kept.len(), STORED_PER_WORD);
    assert!(kept.iter().all(|&(e, _, p)| e == 0 && p >= STORED_MIN_PROB));
    assert_eq!(kept[0], (0, 0, 0.5));
}
