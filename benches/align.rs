//! Section alignment at scale (issue 10: ten documents of 100 articles each aligned in under 100 ms),
//! and the five-document corpus alignment with and without reuse evidence.
//!
//! The ten documents are a synthetic family of regulations built from the corpus sentences: each
//! keeps most articles of a common base with local edits, drops some, adds its own and moves a few,
//! the way provincial and city regulations implement a national one.

use criterion::{Criterion, criterion_group, criterion_main};
use duizhao::align::{AlignOptions, align_with};
use duizhao::analysis::AnalysisOptions;
use duizhao::model::Document;

const DOCUMENTS: usize = 10;
const ARTICLES: usize = 100;
const PER_CHAPTER: usize = 10;

/// Chinese numeral for 1..=199 (enough for article numbers).
fn numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (hundreds, tens, ones) = (n / 100, (n / 10) % 10, n % 10);
    let mut out = String::new();
    if hundreds > 0 {
        out.push_str(DIGITS[hundreds]);
        out.push('百');
        if tens == 0 && ones > 0 {
            out.push('零');
        }
    }
    if tens > 0 {
        if !(tens == 1 && hundreds == 0) {
            out.push_str(DIGITS[tens]);
        }
        out.push('十');
    }
    if ones > 0 {
        out.push_str(DIGITS[ones]);
    }
    out
}

struct Rng(u64);

impl Rng {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

fn family() -> Vec<Document> {
    let sentences: Vec<String> = duizhao::corpus::embedded_documents()
        .iter()
        .flat_map(|doc| doc.text.as_str().split('。').map(str::trim).map(str::to_string).collect::<Vec<_>>())
        .filter(|s| s.chars().count() >= 20 && s.chars().count() <= 90)
        .collect();
    let mut rng = Rng(42);
    let base: Vec<String> = (0..ARTICLES)
        .map(|_| format!("{}。{}。", sentences[rng.next(sentences.len())], sentences[rng.next(sentences.len())]))
        .collect();
    (0..DOCUMENTS)
        .map(|d| {
            let mut articles: Vec<String> = base
                .iter()
                .map(|article| match rng.next(10) {
                    0 => format!("{}。", sentences[rng.next(sentences.len())]),
                    1 | 2 => article.replacen("电子商务", "网络交易", 1).replacen("省", "市", 2),
                    _ => article.clone(),
                })
                .collect();
            for _ in 0..5 {
                let at = rng.next(ARTICLES - 1);
                articles.swap(at, at + 1);
            }
            let mut text = format!("某地实施条例（第{}稿）\n", d + 1);
            for (index, article) in articles.iter().enumerate() {
                if index % PER_CHAPTER == 0 {
                    text.push_str(&format!(
                        "第{}章　第{}部分\n",
                        numeral(index / PER_CHAPTER + 1),
                        index / PER_CHAPTER + 1
                    ));
                }
                text.push_str(&format!("第{}条　{}\n", numeral(index + 1), article));
            }
            Document::from_text(format!("D{}", d + 1), format!("family-{d}.txt"), text)
        })
        .collect()
}

fn align(c: &mut Criterion) {
    duizhao::segment::warm_up();
    let options = AnalysisOptions::default();
    let documents = family();
    let articles: usize = documents.iter().map(|d| d.sections.len()).sum();
    assert!(articles >= DOCUMENTS * ARTICLES, "{articles} sections");
    let reuse = duizhao::reuse::detect(&documents, &options.reuse, &options.normalize);
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    group.bench_function("ten documents of 100 articles", |b| {
        b.iter(|| align_with(&documents, &reuse, &[], &AlignOptions::default()))
    });
    let corpus = duizhao::corpus::embedded_documents();
    let corpus_reuse = duizhao::reuse::detect(&corpus, &options.reuse, &options.normalize);
    group.bench_function("corpus, with reuse evidence", |b| {
        b.iter(|| align_with(&corpus, &corpus_reuse, &[], &AlignOptions::default()))
    });
    group.finish();
}

criterion_group!(benches, align);
criterion_main!(benches);
