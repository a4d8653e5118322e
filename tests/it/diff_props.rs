//! Property tests: the diff invariants of `src/diff/mod.rs` on random mixes of Chinese, ASCII,
//! full-width chars, punctuation and whitespace, for related and unrelated texts, sub-spans, both
//! granularities, and deadlines that are generous or already over.

use std::time::Duration;

use crate::common::check_invariants;
use duizhao::diff::{DiffOptions, Granularity, diff_spans, render_text};
use duizhao::text::{CharText, Span};
use proptest::prelude::*;

/// Pieces chosen to hit normalisation: brackets inside terms, variant chars, Chinese years,
/// full-width letters and digits, both widths of punctuation, the ideographic space.
const PIECES: &[&str] = &[
    "电子商务",
    "抵（质）押品",
    "抵质押品",
    "显着",
    "显著",
    "二〇一四年",
    "2014年",
    "物联网",
    "推动",
    "加大",
    "强化",
    "财政支持",
    "的",
    "和",
    "，",
    "。",
    "、",
    "；",
    "（",
    "）",
    "“",
    "”",
    "《",
    "》",
    "　",
    "\n",
    " ",
    "Ｂ２Ｃ",
    "b2c",
    "ABC",
    "１２３",
    "123",
    "!",
    "！",
    "?",
    "...",
    "——",
    "跨境电子商务",
    "加计扣除",
    "以奖代补",
    "鼓励金融机构在风险可控的前提下",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(PIECES).prop_map(String::from),
        1 => "[\u{4e00}-\u{4e2f}a-zＡ-Ｚ0-9，。（）　 ]{1,5}",
    ]
}

/// An edit applied to a list of pieces.
#[derive(Clone, Debug)]
enum Edit {
    Delete(prop::sample::Index),
    Insert(prop::sample::Index, String),
    Replace(prop::sample::Index, String),
    /// Cut a run of up to 6 pieces and put it back elsewhere.
    Move(prop::sample::Index, usize, prop::sample::Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Edit::Delete),
        (any::<prop::sample::Index>(), piece()).prop_map(|(i, p)| Edit::Insert(i, p)),
        (any::<prop::sample::Index>(), piece()).prop_map(|(i, p)| Edit::Replace(i, p)),
        (any::<prop::sample::Index>(), 1usize..7, any::<prop::sample::Index>())
            .prop_map(|(i, n, j)| Edit::Move(i, n, j)),
    ]
}

fn apply(mut pieces: Vec<String>, edits: &[Edit]) -> Vec<String> {
    for edit in edits {
        match edit {
            Edit::Delete(i) if !pieces.is_empty() => {
                pieces.remove(i.index(pieces.len()));
            }
            Edit::Insert(i, p) => {
                let at = i.index(pieces.len() + 1);
                pieces.insert(at, p.clone());
            }
            Edit::Replace(i, p) if !pieces.is_empty() => {
                let at = i.index(pieces.len());
                pieces[at].clone_from(p);
            }
            Edit::Move(i, n, j) if !pieces.is_empty() => {
                let start = i.index(pieces.len());
                let end = (start + n).min(pieces.len());
                let block: Vec<String> = pieces.drain(start..end).collect();
                let at = j.index(pieces.len() + 1);
                for (k, p) in block.into_iter().enumerate() {
                    pieces.insert(at + k, p);
                }
            }
            _ => {}
        }
    }
    pieces
}

/// Texts A and B: B is an edited copy of A, or an unrelated text.
fn texts() -> impl Strategy<Value = (String, String)> {
    let related = (prop::collection::vec(piece(), 0..40), prop::collection::vec(edit(), 0..8))
        .prop_map(|(a, edits)| (a.concat(), apply(a, &edits).concat()));
    let unrelated = (prop::collection::vec(piece(), 0..30), prop::collection::vec(piece(), 0..30))
        .prop_map(|(a, b)| (a.concat(), b.concat()));
    prop_oneof![3 => related, 1 => unrelated]
}

fn options() -> impl Strategy<Value = DiffOptions> {
    (any::<bool>(), 1usize..12, prop::sample::select(vec![0u64, 1_000])).prop_map(
        |(word, min_move_chars, timeout_ms)| DiffOptions {
            granularity: if word { Granularity::Word } else { Granularity::Char },
            timeout: Duration::from_millis(timeout_ms),
            min_move_chars,
        },
    )
}

/// A sub-span from two indices (any order), sometimes reaching past the end of the text.
fn span(len: usize, x: prop::sample::Index, y: prop::sample::Index, whole: bool) -> Span {
    if whole {
        return Span::new(0, len + 3);
    }
    let (x, y) = (x.index(len + 1), y.index(len + 1));
    Span::new(x.min(y), x.max(y))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn ops_keep_the_documented_invariants(
        (a, b) in texts(),
        options in options(),
        (ax, ay, bx, by) in (any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<prop::sample::Index>()),
        (a_whole, b_whole) in (any::<bool>(), any::<bool>()),
    ) {
        let (a, b) = (CharText::new(a), CharText::new(b));
        let a_span = span(a.char_len(), ax, ay, a_whole);
        let b_span = span(b.char_len(), bx, by, b_whole);
        let d = diff_spans(&a, a_span, &b, b_span, &options);
        if let Err(e) = check_invariants(&a, a_span, &b, b_span, &d) {
            return Err(TestCaseError::fail(format!("{e}\nA={:?}\nB={:?}\n{:#?}", a.slice(a_span), b.slice(b_span), d.ops)));
        }
        // Rendering never loses A's text: dropping B's insertions and the markers gives A back.
        let text = render_text(&a, &b, &d, false);
        prop_assert!(text.len() >= a.slice(crate::common::clamp(&a, a_span)).len());
    }

    #[test]
    fn a_text_against_itself_is_one_equal_op((a, _) in texts(), word in any::<bool>()) {
        let a = CharText::new(a);
        let options = DiffOptions {
            granularity: if word { Granularity::Word } else { Granularity::Char },
            timeout: Duration::from_secs(1),
            ..DiffOptions::default()
        };
        let whole = Span::new(0, a.char_len());
        let d = diff_spans(&a, whole, &a, whole, &options);
        prop_assert_eq!(d.changed_chars(), (0, 0));
        prop_assert!(d.ops.len() <= 1, "{:?}", d.ops);
    }
}
