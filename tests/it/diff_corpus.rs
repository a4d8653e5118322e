//! Word diffs and segmentation on the real corpus. Expected ops were decided by reading the
//! paragraphs side by side (Guangdong 2012 is the source Xianning, Guizhou and Qinghai reuse).

use std::time::{Duration, Instant};

use crate::common::{Rng, check_invariants, corpus, paragraph};
use duizhao::diff::{DiffOp, DiffOptions, DiffTag, Granularity, WordDiff, diff_spans, render_text};
use duizhao::segment::tokenize;
use duizhao::segment::tokenize::tokenize_str;
use duizhao::text::{CharText, Span};

fn diff(a: &CharText, a_span: Span, b: &CharText, b_span: Span) -> WordDiff {
    let d = diff_spans(a, a_span, b, b_span, &DiffOptions::default());
    if let Err(e) = check_invariants(a, a_span, b, b_span, &d) {
        panic!("{e}\n{:#?}", d.ops);
    }
    d
}

/// (tag, A text, B text) of every op, for snapshot-like assertions.
fn texts<'t>(a: &'t CharText, b: &'t CharText, ops: &[DiffOp]) -> Vec<(DiffTag, &'t str, &'t str)> {
    ops.iter().map(|op| (op.tag, a.slice(op.a), b.slice(op.b))).collect()
}

const SHARED_FINANCING: &str = "鼓励金融机构在风险可控的前提下，采用无形资产和动产质押融资方式，扩大电子商务企业贷款抵质押品范围，\
探索发展网络联贷联保等中小企业网络融资产品。支持电子商务企业通过境内外证券市场融资，符合条件的可列为重点上市培育企业。\
支持和引导电子商务企业引入风险投资、战略投资，发行电子商务中小企业集合债券。";

#[test]
fn financing_sections_guangdong_xianning() {
    let (g, x) = (corpus("guangdong-2012.txt"), corpus("xianning-2014.txt"));
    let (gs, xs) = (paragraph(&g, "（二十四）加强融资支持"), paragraph(&x, "（二）加大金融扶持力度"));
    let d = diff(&g, gs, &x, xs);
    assert_eq!(d.fallback, None);
    let ops = texts(&g, &x, &d.ops);
    assert_eq!(ops.len(), 3, "{ops:#?}");
    // The headings differ: 加强融资支持 against 加大金融扶持力度 shares too little to refine.
    assert_eq!(ops[0], (DiffTag::Replace, "（二十四）加强融资支持。", "（二）加大金融扶持力度。"));
    // All three shared sentences are one Equal op, although Xianning writes 抵（质）押品.
    assert_eq!(ops[1].0, DiffTag::Equal);
    assert_eq!(ops[1].1, SHARED_FINANCING);
    assert_eq!(ops[1].2, SHARED_FINANCING.replace("抵质押品", "抵（质）押品"));
    // Guangdong's fund sentence gave way to Xianning's guarantee sentence and its 责任单位 note; the
    // word 电子商务 the two happen to share is not reported as equal.
    assert_eq!(
        ops[2],
        (
            DiffTag::Replace,
            "推动设立广东省电子商务风险投资基金。",
            "鼓励各级、各类政府性担保平台支持电子商务企业的发展，优先为电子商务企业提供融资担保服务。（责任单位：市政府金融办）"
        )
    );
}

#[test]
fn xianning_adds_a_sentence_to_the_shared_financing_clause() {
    let (g, x) = (corpus("guangdong-2012.txt"), corpus("xianning-2014.txt"));
    let gs = paragraph(&g, "（二十四）加强融资支持");
    let shared_end = g.as_str().find("推动设立广东省").map(|b| g.char_offset(b)).unwrap_or(0);
    let xs = paragraph(&x, "（二）加大金融扶持力度");
    let d = diff(&g, Span::new(gs.start, shared_end), &x, xs);
    let ops = texts(&g, &x, &d.ops);
    assert_eq!(ops.len(), 3, "{ops:#?}");
    assert_eq!(ops[1].1, SHARED_FINANCING);
    assert_eq!(
        ops[2],
        (
            DiffTag::Insert,
            "",
            "鼓励各级、各类政府性担保平台支持电子商务企业的发展，优先为电子商务企业提供融资担保服务。（责任单位：市政府金融办）"
        )
    );
    assert_eq!(d.ops[2].a, Span::new(shared_end, shared_end));
}

#[test]
fn tax_sections_guangdong_xianning() {
    let (g, x) = (corpus("guangdong-2012.txt"), corpus("xianning-2014.txt"));
    let (gs, xs) = (paragraph(&g, "（二十三）落实税收优惠政策"), paragraph(&x, "（五）落实税收优惠政策"));
    let d = diff(&g, gs, &x, xs);
    let ops = texts(&g, &x, &d.ops);
    let has = |op: (DiffTag, &str, &str)| ops.contains(&op);
    assert_eq!(ops[0], (DiffTag::Replace, "（二十三）", "（五）"));
    assert!(has((DiffTag::Equal, "落实税收优惠政策。", "落实税收优惠政策。")), "{ops:#?}");
    assert!(has((DiffTag::Insert, "", "全面落实小微企业的税收优惠政策，")));
    // The R&D deduction: Xianning drops one 在 and one 成本, the rest is verbatim.
    assert!(has((
        DiffTag::Equal,
        "为开发新技术、新产品、新工艺发生的符合税法规定的研究开发费用，未形成无形资产计入当期损益的，在按照规定据实扣除的基础上，按照研究开发费的50%",
        "为开发新技术、新产品、新工艺发生的符合税法规定的研究开发费用，未形成无形资产计入当期损益的，在按照规定据实扣除的基础上，按照研究开发费的50%"
    )));
    assert!(has((DiffTag::Delete, "在", "")));
    assert!(has((
        DiffTag::Equal,
        "计算应纳税所得额时加计扣除；形成无形资产的，按照无形资产",
        "计算应纳税所得额时加计扣除；形成无形资产的，按照无形资产"
    )));
    assert!(has((DiffTag::Delete, "成本", "")));
    assert!(has((DiffTag::Delete, "和电子发票应用", "")));
    // 「认定为高新技术企业」 moved from Guangdong's last sentence into Xianning's new one.
    let moved: Vec<_> = ops.iter().filter(|op| op.0 == DiffTag::Move).collect();
    assert!(moved.iter().any(|op| op.1 == "认定为高新技术企业、" && op.2 == "认定为高新技术企业"), "{moved:#?}");
}

#[test]
fn land_use_sections_guangdong_guizhou() {
    let (g, z) = (corpus("guangdong-2012.txt"), corpus("guizhou-2014.txt"));
    let (gs, zs) = (paragraph(&g, "（二十五）加强用地支持"), paragraph(&z, "(三)强化用地支持"));
    let d = diff(&g, gs, &z, zs);
    let ops = texts(&g, &z, &d.ops);
    assert_eq!(ops[0], (DiffTag::Replace, "（二十五）加强", "(三)强化"));
    assert_eq!(ops[1], (DiffTag::Equal, "用地支持。各地级以上", "用地支持。各地级以上"));
    assert_eq!(ops[2], (DiffTag::Insert, "", "城"));
    for op in [(DiffTag::Delete, "标杆", ""), (DiffTag::Insert, "", "引进的"), (DiffTag::Delete, "龙头", "")] {
        assert!(ops.contains(&op), "{op:?} missing from {ops:#?}");
    }
    let clause = "情况下，鼓励利用空置厂房、仓储用房等存量房产发展电子商务园区，在不改变用地主体、不重新开发建设等前提下，其土地用途可暂不变更。";
    assert_eq!(ops.last(), Some(&(DiffTag::Equal, clause, clause)));
}

#[test]
fn variant_characters_are_not_changes() {
    let (g, x) = (corpus("guangdong-2012.txt"), corpus("xianning-2014.txt"));
    let (gs, xs) = (paragraph(&g, "（二）发展目标"), paragraph(&x, "（二）发展目标"));
    let d = diff(&g, gs, &x, xs);
    let ops = texts(&g, &x, &d.ops);
    assert!(ops.contains(&(DiffTag::Equal, "电子商务发展水平显著提升，", "电子商务发展水平显着提升，")), "{ops:#?}");
    // Guangdong's 2015 targets are gone from Xianning.
    assert!(
        ops.iter().any(|op| op.0 == DiffTag::Delete && op.1.starts_with("到2015年，全省电子商务交易额比2010年翻两番"))
    );
}

#[test]
fn numbers_are_refined_by_character() {
    let a = CharText::new("到2015年，全省电子商务交易额突破3.2万亿元。".to_string());
    let b = CharText::new("到2017年，全省电子商务交易额突破3.2万亿元。".to_string());
    let d = diff(&a, Span::new(0, a.char_len()), &b, Span::new(0, b.char_len()));
    let ops = texts(&a, &b, &d.ops);
    assert_eq!(
        ops,
        vec![
            (DiffTag::Equal, "到201", "到201"),
            (DiffTag::Replace, "5", "7"),
            (DiffTag::Equal, "年，全省电子商务交易额突破3.2万亿元。", "年，全省电子商务交易额突破3.2万亿元。")
        ]
    );
    // Words with nothing in common stay whole.
    let a = CharText::new("加大财政支持力度".to_string());
    let b = CharText::new("强化财政支持力度".to_string());
    let d = diff(&a, Span::new(0, a.char_len()), &b, Span::new(0, b.char_len()));
    assert_eq!(texts(&a, &b, &d.ops)[0], (DiffTag::Replace, "加大", "强化"));
}

#[test]
fn a_moved_paragraph_is_one_move_op() {
    let g = corpus("guangdong-2012.txt");
    let (tax, finance, land) = (
        paragraph(&g, "（二十三）落实税收优惠政策"),
        paragraph(&g, "（二十四）加强融资支持"),
        paragraph(&g, "（二十五）加强用地支持"),
    );
    let a = CharText::new([tax, finance, land].map(|s| g.slice(s)).join("\n"));
    let b = CharText::new([land, tax, finance].map(|s| g.slice(s)).join("\n"));
    let d = diff(&a, Span::new(0, a.char_len()), &b, Span::new(0, b.char_len()));
    let moves: Vec<_> = d.ops.iter().filter(|op| op.tag == DiffTag::Move).collect();
    assert_eq!(moves.len(), 1, "{:#?}", texts(&a, &b, &d.ops));
    assert_eq!(a.slice(moves[0].a).trim(), g.slice(land));
    assert_eq!(b.slice(moves[0].b).trim(), g.slice(land));
    assert!(d.ops.iter().all(|op| matches!(op.tag, DiffTag::Equal | DiffTag::Move)), "{:#?}", d.ops);
    assert_eq!(d.changed_chars(), (0, 0));
    let text = render_text(&a, &b, &d, false);
    assert!(text.contains(&format!("{}<]", g.slice(land))), "{text}");
    assert!(text.contains(&format!("{{>{}", g.slice(land))), "{text}");

    // With a threshold above the paragraph's length the same change is a delete and an insert.
    let options = DiffOptions { min_move_chars: 10_000, ..DiffOptions::default() };
    let d = diff_spans(&a, Span::new(0, a.char_len()), &b, Span::new(0, b.char_len()), &options);
    assert!(d.ops.iter().all(|op| op.tag != DiffTag::Move));
    assert!(d.ops.iter().any(|op| op.tag == DiffTag::Delete) && d.ops.iter().any(|op| op.tag == DiffTag::Insert));
}

#[test]
fn render_marks_changes() {
    let a = CharText::new("加大财政支持力度。".to_string());
    let b = CharText::new("强化财政支持。".to_string());
    let d = diff(&a, Span::new(0, a.char_len()), &b, Span::new(0, b.char_len()));
    // The final 。 is dropped punctuation after the last compared char, so it goes with the last op.
    assert_eq!(render_text(&a, &b, &d, false), "[-加大-]{+强化+}财政支持[-力度。-]");
    assert_eq!(
        render_text(&a, &b, &d, true),
        "\u{1b}[31m加大\u{1b}[0m\u{1b}[32m强化\u{1b}[0m财政支持\u{1b}[31m力度。\u{1b}[0m"
    );
}

#[test]
fn whole_documents_diff_within_the_deadline() {
    let names =
        ["guangdong-2012.txt", "guizhou-2014.txt", "xianning-2014.txt", "guangzhou-2014.txt", "qinghai-2016.txt"];
    let docs: Vec<CharText> = names.iter().map(|n| corpus(n)).collect();
    for (i, a) in docs.iter().enumerate() {
        for b in &docs[i + 1..] {
            for granularity in [Granularity::Word, Granularity::Char] {
                let options = DiffOptions { granularity, timeout: Duration::from_secs(20), ..DiffOptions::default() };
                let (a_span, b_span) = (Span::new(0, a.char_len()), Span::new(0, b.char_len()));
                let d = diff_spans(a, a_span, b, b_span, &options);
                assert_eq!(d.fallback, None);
                check_invariants(a, a_span, b, b_span, &d).unwrap_or_else(|e| panic!("{e}"));
            }
        }
    }
    // Guangdong against Xianning: the 137-char financing clause comes out unchanged (equal or moved),
    // except its first word 鼓励, which the whole-document diff pairs with another 鼓励 of Xianning.
    let (g, x) = (&docs[0], &docs[2]);
    let d = diff(g, Span::new(0, g.char_len()), x, Span::new(0, x.char_len()));
    let start = g.char_offset(g.as_str().find(SHARED_FINANCING).unwrap_or(0));
    let clause = Span::new(start, start + SHARED_FINANCING.chars().count());
    let changed: usize = d
        .ops
        .iter()
        .filter(|op| !matches!(op.tag, DiffTag::Equal | DiffTag::Move))
        .map(|op| op.a.overlap(clause))
        .sum();
    assert!(changed <= 2, "{changed} chars of the clause changed");
}

#[test]
fn tokenizer_keeps_policy_terms_whole_in_the_corpus() {
    let z = corpus("guizhou-2014.txt");
    let at = z.as_str().find("加快推动物联网").map(|b| z.char_offset(b)).unwrap_or(0);
    let words: Vec<&str> = tokenize(&z, Span::new(at, at + 7)).into_iter().map(|s| z.slice(s)).collect();
    assert_eq!(words, vec!["加快", "推动", "物联网"]);
    assert!(tokenize_str("鼓励多种模式跨境电子商务发展").contains(&"跨境电子商务"));
    assert!(tokenize_str("按照研究开发费用的50%加计扣除").contains(&"加计扣除"));
    assert!(tokenize_str("采用以奖代补、贷款贴息等支持方式").contains(&"以奖代补"));
    assert!(tokenize_str("探索发展网络联贷联保等中小企业网络融资产品").contains(&"网络联贷联保"));
    // Tokens of a whole document tile it.
    let g = corpus("guangdong-2012.txt");
    let tokens = tokenize(&g, Span::new(0, g.char_len()));
    assert_eq!(tokens.iter().map(|&t| g.slice(t)).collect::<String>(), g.as_str());
}

/// `n` chars of sentences from the corpus, shuffled deterministically.
fn corpus_text(chars: usize, seed: u64) -> String {
    let all: String = ["guangdong-2012.txt", "guizhou-2014.txt", "xianning-2014.txt"]
        .map(|n| corpus(n).as_str().to_string())
        .concat();
    let sentences: Vec<&str> = all.split_inclusive('。').collect();
    let mut rng = Rng(seed);
    let mut out = String::new();
    while out.chars().count() < chars {
        out.push_str(sentences[rng.below(sentences.len())]);
    }
    out
}

/// `n` pseudo-random CJK chars with a full stop now and then: unrelated to any policy text.
fn random_text(chars: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    (0..chars)
        .map(|i| if i % 23 == 22 { '。' } else { char::from_u32(0x4E00 + rng.below(0x5000) as u32).unwrap_or('一') })
        .collect()
}

#[test]
fn unrelated_megabyte_texts_hit_the_deadline_and_stay_valid() {
    let a = CharText::new(corpus_text(350_000, 7));
    let b = CharText::new(random_text(350_000, 11));
    assert!(a.as_str().len() >= 1_000_000 && b.as_str().len() >= 1_000_000);
    let (a_span, b_span) = (Span::new(0, a.char_len()), Span::new(0, b.char_len()));
    for granularity in [Granularity::Word, Granularity::Char] {
        let options = DiffOptions { granularity, timeout: Duration::from_millis(1), ..DiffOptions::default() };
        let started = Instant::now();
        let d = diff_spans(&a, a_span, &b, b_span, &options);
        let elapsed = started.elapsed();
        assert!(d.fallback.is_some(), "{granularity:?}");
        // Reading and normalising 2 MB is the only unbounded work; in a debug build it takes well
        // under a second.
        assert!(elapsed < Duration::from_secs(5), "{granularity:?} took {elapsed:?}");
        check_invariants(&a, a_span, &b, b_span, &d).unwrap_or_else(|e| panic!("{granularity:?}: {e}"));
    }
}
