//! Which shared fingerprints make candidate pairs worth comparing: the measurement behind the
//! folder scan's evidence rule (`duizhao::scan::evidence`, BENCHMARKS.md).
//!
//! `cargo run --release --example candidate_classes -- N DIR [RARE] [STEP]` reads the folder of N
//! documents that `SCAN_SCALE_KEEP=DIR cargo run --release --example scan_scale -- N` kept, and
//! counts every pair of documents that share at least two fingerprints of the kind that can count as
//! evidence, by class: how many shared fingerprints are held by at most RARE documents (default
//! [`duizhao::scan::RARE_DOC_FREQ`]), by at most `max_doc_freq`, or are sampled frequent ones. For
//! each class it prints the pairs, those the generator's ground truth relates (a direct copy or two
//! copies of one popular passage), and whether the current rule compares them. For the classes the
//! rule leaves out or only just keeps, it runs the reuse engine on one pair in STEP (default 200)
//! and scores what it finds, so that a rule's cost in recall is measured rather than guessed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::AtomicBool;

use duizhao::model::Document;
use duizhao::scan::progress::{Control, Silent};
use duizhao::scan::{MIN_EVIDENCE, ScanOptions, evidence, index};
use duizhao::synth::SynthConfig;

/// Shared fingerprints of a pair: held by at most RARE documents, by at most `max_doc_freq`, and
/// sampled frequent ones; each capped at 6 in the table.
type Class = (u16, u16, u16);

/// A pair's class and its evidence under the scan's own rule ([`evidence`], summed).
#[derive(Default)]
struct Shared {
    class: Class,
    evidence: usize,
}

fn pair_key(a: usize, b: usize) -> u64 {
    ((a.min(b) as u64) << 32) | a.max(b) as u64
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [documents, root, rest @ ..] = args.as_slice() else {
        return Err("candidate_classes N DIR [RARE] [STEP]".into());
    };
    let documents: usize = documents.parse()?;
    let root = Path::new(root);
    let rare_cap: usize = rest.first().map(|a| a.parse()).transpose()?.unwrap_or(duizhao::scan::RARE_DOC_FREQ);
    let step: u64 = rest.get(1).map(|a| a.parse()).transpose()?.unwrap_or(200);

    let source = duizhao::synth::scale_source();
    let config = SynthConfig::scale(documents);
    let generated = duizhao::synth::generate(&[source.as_str()], &config);
    let popular = config.popular_passages;
    let mut related: HashSet<u64> = HashSet::new();
    let mut popular_copies: HashMap<usize, Vec<usize>> = HashMap::new();
    for copy in &generated.copies {
        related.insert(pair_key(copy.from_doc, copy.to_doc));
        if copy.from_doc < popular {
            popular_copies.entry(copy.from_doc).or_default().push(copy.to_doc);
        }
    }
    for docs in popular_copies.values() {
        for (i, &x) in docs.iter().enumerate() {
            for &y in docs[i + 1..].iter().filter(|&&y| y != x) {
                related.insert(pair_key(x, y));
            }
        }
    }

    let options = ScanOptions { cache_dir: Some(root.join("cache")), ..ScanOptions::default() };
    let cancel = AtomicBool::new(false);
    let control = Control::new(&Silent, &cancel);
    let opened = index::open(&root.join("corpus"), &options, false, &control)?;
    let corpus = &opened.index;
    let by_name: HashMap<&str, usize> =
        generated.documents.iter().enumerate().map(|(i, d)| (d.name.as_str(), i)).collect();
    let doc_of: Vec<Option<usize>> = corpus
        .entries
        .iter()
        .map(|e| e.path.file_name().and_then(|n| n.to_str()).and_then(|n| by_name.get(n).copied()))
        .collect();
    let max_doc_freq = options.max_doc_freq_for(corpus.entries.len());
    let hard_doc_freq = options.hard_doc_freq_for(corpus.entries.len());

    // Every pair sharing a fingerprint that can count, with its class. Held in a hash map: this is
    // an analysis tool for a machine with memory to spare (12 GB at 100,000 documents), not the scan.
    let mut classes: HashMap<u64, Shared> = HashMap::new();
    let mut groups = corpus.postings.groups()?;
    while let Some((hash, docs)) = groups.next_group()? {
        let weight = evidence(hash, docs.len(), max_doc_freq, hard_doc_freq);
        if weight == 0 {
            continue;
        }
        let slot = |shared: &mut Shared| {
            let c = &mut shared.class;
            if docs.len() <= rare_cap.min(max_doc_freq) {
                c.0 = c.0.saturating_add(1);
            } else if docs.len() <= max_doc_freq {
                c.1 = c.1.saturating_add(1);
            } else {
                c.2 = c.2.saturating_add(1);
            }
            shared.evidence += weight;
        };
        for (x, &a) in docs.iter().enumerate() {
            for &b in &docs[x + 1..] {
                slot(classes.entry((u64::from(a) << 32) | u64::from(b)).or_default());
            }
        }
    }
    // By class and whether the scan compares the pair (with a RARE other than the scan's, one class
    // can hold both).
    let mut table: BTreeMap<(Class, bool), (usize, usize)> = BTreeMap::new();
    let mut sample: BTreeMap<(Class, bool), Vec<(usize, usize)>> = BTreeMap::new();
    for (&pair, Shared { class, evidence }) in &classes {
        if class.0 + class.1 + class.2 < 2 {
            continue;
        }
        let compared = *evidence >= MIN_EVIDENCE;
        let capped = ((class.0.min(6), class.1.min(6), class.2.min(6)), compared);
        let (Some(a), Some(b)) = (doc_of[(pair >> 32) as usize], doc_of[(pair & 0xFFFF_FFFF) as usize]) else {
            continue;
        };
        let row = table.entry(capped).or_default();
        row.0 += 1;
        row.1 += usize::from(related.contains(&pair_key(a, b)));
        // The classes around the threshold: left out, or kept with the least weight.
        let marginal = *evidence <= MIN_EVIDENCE;
        if marginal && pair.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(24) % step == 0 {
            sample.entry(capped).or_default().push((a, b));
        }
    }
    println!("rare (<= {rare_cap} docs)\tcommon (<= {max_doc_freq})\tsampled frequent\tcompared\tpairs\trelated");
    let (mut kept, mut kept_related, mut all, mut all_related) = (0, 0, 0, 0);
    for ((class, compared), (pairs, rel)) in &table {
        println!("{}\t{}\t{}\t{}\t{pairs}\t{rel}", class.0, class.1, class.2, if *compared { "yes" } else { "no" });
        all += pairs;
        all_related += rel;
        if *compared {
            kept += pairs;
            kept_related += rel;
        }
    }
    println!("pairs sharing two or more: {all} ({all_related} related); compared: {kept} ({kept_related} related)");
    for ((class, compared), pairs) in &sample {
        let (mut found, mut with_reuse) = (Vec::new(), 0);
        for &(a, b) in pairs {
            let docs = [
                Document::from_text("D1", "a.txt", generated.documents[a].text.clone()),
                Document::from_text("D2", "b.txt", generated.documents[b].text.clone()),
            ];
            let report = duizhao::reuse::detect(&docs, &options.reuse, &options.normalize);
            let before = found.len();
            found.extend(report.passages.iter().filter(|p| !p.boilerplate).map(|p| (a, p.a.span, b, p.b.span)));
            with_reuse += usize::from(found.len() > before);
        }
        let keys: HashSet<u64> = pairs.iter().map(|&(a, b)| pair_key(a, b)).collect();
        let mut within = generated.clone();
        within.copies.retain(|c| keys.contains(&pair_key(c.from_doc, c.to_doc)));
        let score = within.score(&found, options.reuse.min_chars);
        println!(
            "class {class:?} ({}): {} pairs sampled (1 in {step}), {with_reuse} with reuse, {} of {} passages true; known copies {} ({} under 50 chars), found {} ({})",
            if *compared { "compared" } else { "left out" },
            pairs.len(),
            score.true_passages,
            score.passages,
            score.copies,
            score.short_copies,
            score.found,
            score.short_found
        );
    }
    Ok(())
}
