//! Word-diff benchmarks: corpus sections, whole corpus documents, and the bounded worst cases
//! (2 MB without punctuation against a mutated copy; two unrelated 1 MB texts).
//!
//! Run with `cargo bench --bench diff`. The worst cases run under the default 500 ms deadline, so
//! their time is the deadline plus reading, normalising and (for the word diff) segmenting.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use duizhao::diff::{DiffOptions, Granularity, WordDiff, diff_spans};
use duizhao::text::{CharText, Span};

const GUANGDONG: &str = include_str!("../corpus/guangdong-2012.txt");
const GUIZHOU: &str = include_str!("../corpus/guizhou-2014.txt");
const XIANNING: &str = include_str!("../corpus/xianning-2014.txt");

/// Deterministic xorshift so generated texts never change between runs.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// The line of `text` starting with `heading`, as a char span.
fn paragraph(text: &CharText, heading: &str) -> Span {
    let s = text.as_str();
    let start = s.find(heading).unwrap_or(0);
    let end = s[start..].find('\n').map_or(s.len(), |e| start + e);
    Span::new(text.char_offset(start), text.char_offset(end))
}

/// About `bytes` bytes of corpus wording with every punctuation mark and space removed.
fn no_punctuation(bytes: usize) -> String {
    let plain: String = [GUANGDONG, GUIZHOU, XIANNING]
        .concat()
        .chars()
        .filter(|&c| c.is_alphanumeric() && !c.is_ascii_punctuation())
        .collect();
    let mut out = String::with_capacity(bytes + plain.len());
    while out.len() < bytes {
        out.push_str(&plain);
    }
    out
}

/// A copy of `text` with a small edit (replace, delete or insert a char) every ~300 chars.
fn mutated(text: &str, seed: u64) -> String {
    let mut rng = Rng(seed);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for &c in &chars {
        if rng.below(300) == 0 {
            match rng.below(3) {
                0 => out.push(chars[rng.below(chars.len())]),
                1 => {}
                _ => {
                    out.push(c);
                    out.push(chars[rng.below(chars.len())]);
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `bytes` bytes of corpus sentences in a shuffled order.
fn shuffled_sentences(bytes: usize, seed: u64) -> String {
    let all = [GUANGDONG, GUIZHOU, XIANNING].concat();
    let sentences: Vec<&str> = all.split_inclusive('。').collect();
    let mut rng = Rng(seed);
    let mut out = String::new();
    while out.len() < bytes {
        out.push_str(sentences[rng.below(sentences.len())]);
    }
    out
}

/// `bytes` bytes of pseudo-random CJK text: unrelated to any policy wording.
fn random_cjk(bytes: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut out = String::new();
    let mut i = 0;
    while out.len() < bytes {
        i += 1;
        out.push(if i % 23 == 0 { '。' } else { char::from_u32(0x4E00 + rng.below(0x5000) as u32).unwrap_or('一') });
    }
    out
}

fn whole(a: &CharText, b: &CharText, options: &DiffOptions) -> WordDiff {
    diff_spans(a, Span::new(0, a.char_len()), b, Span::new(0, b.char_len()), options)
}

/// One timed run, printed, so the report can say whether the deadline was hit.
fn describe(name: &str, a: &CharText, b: &CharText, options: &DiffOptions) {
    let started = Instant::now();
    let d = whole(a, b, options);
    eprintln!(
        "{name}: {} + {} chars, {} ops, one run {:?}, fallback: {}",
        a.char_len(),
        b.char_len(),
        d.ops.len(),
        started.elapsed(),
        d.fallback.as_deref().unwrap_or("none")
    );
}

fn corpus_benches(c: &mut Criterion) {
    duizhao::segment::warm_up();
    let (g, x) = (CharText::new(GUANGDONG.to_string()), CharText::new(XIANNING.to_string()));
    let (gs, xs) = (paragraph(&g, "（二十四）加强融资支持"), paragraph(&x, "（二）加大金融扶持力度"));
    let word = DiffOptions::default();
    let chars = DiffOptions { granularity: Granularity::Char, ..DiffOptions::default() };
    describe("guangdong-xianning whole, word", &g, &x, &word);

    let mut group = c.benchmark_group("corpus");
    group.sample_size(20).measurement_time(Duration::from_secs(4)).warm_up_time(Duration::from_secs(1));
    group.bench_function("section financing (G 二十四 vs X 二), word", |bench| {
        bench.iter(|| diff_spans(black_box(&g), gs, black_box(&x), xs, &word))
    });
    group.bench_function("whole guangdong vs xianning, word", |bench| {
        bench.iter(|| whole(black_box(&g), black_box(&x), &word))
    });
    group.bench_function("whole guangdong vs xianning, char", |bench| {
        bench.iter(|| whole(black_box(&g), black_box(&x), &chars))
    });
    group.finish();
}

fn worst_case_benches(c: &mut Criterion) {
    duizhao::segment::warm_up();
    let word = DiffOptions::default();
    let plain = CharText::new(no_punctuation(2_000_000));
    let edited = CharText::new(mutated(plain.as_str(), 3));
    let a = CharText::new(shuffled_sentences(1_000_000, 5));
    let b = CharText::new(random_cjk(1_000_000, 9));
    describe("2 MB no punctuation vs mutated copy, word", &plain, &edited, &word);
    describe("two unrelated 1 MB texts, word", &a, &b, &word);

    let mut group = c.benchmark_group("worst");
    group.sample_size(10).measurement_time(Duration::from_secs(10)).warm_up_time(Duration::from_secs(1));
    group.bench_function("2 MB no punctuation vs mutated copy, word", |bench| {
        bench.iter(|| whole(black_box(&plain), black_box(&edited), &word))
    });
    group.bench_function("two unrelated 1 MB texts, word", |bench| {
        bench.iter(|| whole(black_box(&a), black_box(&b), &word))
    });
    group.finish();
}

criterion_group!(benches, corpus_benches, worst_case_benches);
criterion_main!(benches);
