//! Lever extraction on arbitrary text: never a panic, every span inside the text and non-empty, and
//! the same result for the same text.

use duizhao::levers::extract_text;
use proptest::prelude::*;

/// Text made of the chars the scanner reacts to, so that the odd combinations come up often.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "0",
        "1",
        "2",
        "5",
        "9",
        "２",
        "０",
        ".",
        "-",
        "~",
        "至",
        "到",
        "一",
        "二",
        "两",
        "十",
        "百",
        "千",
        "万",
        "亿",
        "〇",
        "点",
        "元",
        "%",
        "％",
        "倍",
        "个",
        "月",
        "年",
        "日",
        "天",
        "周",
        "岁",
        "小时",
        "工作日",
        "家",
        "人",
        "名",
        "项",
        "以上",
        "以下",
        "以内",
        "内",
        "前",
        "左右",
        "不低于",
        "不超过",
        "超",
        "自",
        "从",
        "起",
        "施行",
        "有效期",
        "之日",
        "第",
        "《",
        "》",
        "〔",
        "〕",
        "“",
        "”",
        "\"",
        "(",
        ")",
        "（",
        "）",
        "责任单位",
        "牵头单位",
        ":",
        "：",
        "、",
        ",",
        "，",
        "。",
        "；",
        "\n",
        "市财政局",
        "省商务厅",
        "支持",
        "鼓励",
        "应",
        "可",
        "必须",
        "不得",
        "的",
        "企业",
        "B",
        "百分之",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn extraction_is_total_and_spans_lie_in_the_text(text in tricky_text()) {
        let chars = text.chars().count();
        let levers = extract_text(&text);
        for lever in &levers {
            prop_assert!(lever.span.start < lever.span.end, "{lever:?}");
            prop_assert!(lever.span.end <= chars, "{lever:?} beyond {chars} chars");
            prop_assert!(!lever.value.is_empty(), "{lever:?}");
            let _ = lever.display_value();
        }
        prop_assert!(levers.windows(2).all(|w| w[0].span.start <= w[1].span.start));
        prop_assert_eq!(extract_text(&text), levers);
    }
}
