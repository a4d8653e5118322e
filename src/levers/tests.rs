//! The hard cases of lever extraction, on text written for the tests.

use super::*;

fn find(text: &str, kind: LeverKind) -> Vec<Lever> {
    extract_text(text).into_iter().filter(|l| l.kind == kind).collect()
}

fn values(text: &str, kind: LeverKind) -> Vec<(String, String)> {
    find(text, kind).into_iter().map(|l| (l.value, l.unit)).collect()
}

fn pair(value: &str, unit: &str) -> (String, String) {
    (value.to_string(), unit.to_string())
}

#[test]
fn chinese_and_arabic_money_agree() {
    let text = "省财政每年安排专项资金一千万元，市财政安排1000万元，县财政安排１０００万元。";
    let money = find(text, LeverKind::Money);
    assert_eq!(money.len(), 3);
    assert!(money.iter().all(|l| l.value == "10000000" && l.unit == "元"));
    assert_eq!(money[0].payer.as_deref(), Some("省财政"));
    assert_eq!(money[0].period.as_deref(), Some("每年"));
    assert_eq!(money[1].payer.as_deref(), Some("市财政"));
    // Spans are char offsets into the text as written.
    let chars: Vec<char> = text.chars().collect();
    let first: String = chars[money[0].span.start..money[0].span.end].iter().collect();
    assert_eq!(first, "一千万元");
    let third: String = chars[money[2].span.start..money[2].span.end].iter().collect();
    assert_eq!(third, "１０００万元");
}

#[test]
fn large_units_and_bare_units() {
    assert_eq!(values("交易额突破3.2万亿元。", LeverKind::Money), vec![pair("3200000000000", "元")]);
    assert_eq!(values("培育交易额超百亿元的企业。", LeverKind::Money), vec![pair("10000000000", "元")]);
    // 万元 without a number or a word making it an amount is not a lever.
    assert!(values("单位为万元。", LeverKind::Money).is_empty());
    assert!(values("推动多元化发展，一元化管理。", LeverKind::Money).is_empty());
}

#[test]
fn chinese_years_are_targets_and_dates() {
    let text =
        "到二〇一五年，培育示范企业二十家以上。本办法自二〇一六年一月一日起施行，有效期至二〇二〇年十二月三十一日。";
    let counts = find(text, LeverKind::Count);
    assert_eq!(counts.len(), 1);
    assert_eq!((counts[0].value.as_str(), counts[0].unit.as_str(), counts[0].bound), ("20", "家", Bound::AtLeast));
    assert_eq!(counts[0].target_year, Some(2015));
    assert_eq!(values(text, LeverKind::Duration), vec![pair("2016-01-01", "起"), pair("2020-12-31", "至")]);
}

#[test]
fn ranges_and_bounds() {
    let text = "打造1-3个示范城市，建设５～１０个基地；补贴不超过50万元，首期出资不低于注册资本的20%，其余2年内缴足，留存时间不少于6个月。";
    assert_eq!(values(text, LeverKind::Count), vec![pair("1-3", "个"), pair("5-10", "个")]);
    let money = find(text, LeverKind::Money);
    assert_eq!((money[0].value.as_str(), money[0].bound), ("500000", Bound::AtMost));
    let rate = find(text, LeverKind::Rate);
    assert_eq!((rate[0].value.as_str(), rate[0].bound), ("20", Bound::AtLeast));
    assert_eq!(rate[0].of.as_deref(), Some("注册资本"));
    let durations = find(text, LeverKind::Duration);
    assert_eq!(
        durations.iter().map(|l| (l.value.as_str(), l.unit.as_str(), l.bound)).collect::<Vec<_>>(),
        vec![("2", "年", Bound::AtMost), ("6", "月", Bound::AtLeast)]
    );
    assert_eq!(find("企业增长20%以上。", LeverKind::Rate)[0].bound, Bound::AtLeast);
}

#[test]
fn percentages_of_different_bases_in_one_sentence() {
    let text = "按照研究开发费用的50%加计扣除，按照无形资产成本的150%摊销，网络零售额占社会消费品零售总额的10%，给予培训费用百分之三十的补贴。";
    let rates = find(text, LeverKind::Rate);
    let got: Vec<(&str, Option<&str>)> = rates.iter().map(|l| (l.value.as_str(), l.of.as_deref())).collect();
    assert_eq!(
        got,
        vec![
            ("50", Some("研究开发费用")),
            ("150", Some("无形资产成本")),
            ("10", Some("社会消费品零售总额")),
            ("30", Some("培训费用")),
        ]
    );
}

#[test]
fn document_numbers_citations_and_article_numbers_are_not_levers() {
    let text = "根据《广东省电子商务条例（2015年修订）》（粤府〔2012〕12号）第十二条、第3项和2014年3月1日起施行的《办法》，\
                实施“万村千乡”工程和“5个100工程”，组织4G网络建设。";
    let levers = extract_text(text);
    assert!(levers.iter().all(|l| l.kind == LeverKind::Modal), "no numeric lever in {levers:?}");
    // List numbering and a lone 一 before a measure word are not counts either.
    assert!(find("（1）建设一批平台。2. 每家企业只能享受一项扶持。", LeverKind::Count).is_empty());
    // Years that start nothing are not levers; the signature date neither.
    assert!(find("比2010年翻两番。\n2012年12月25日", LeverKind::Duration).is_empty());
}

#[test]
fn departments_labelled_and_unlabelled() {
    let text = "加大财政支持。（责任单位：市财政局、市国税局）\n\
                落实奖励。(牵头单位:市经贸委,配合单位:市发展改革委、财政局〔并负责协调〕)\n\
                加强监管。(省商务厅、省工商局,各市、自治州人民政府)\n\
                加强宣传（广播、电视、报纸）等。\n";
    let deps = values(text, LeverKind::Department);
    assert_eq!(
        deps,
        vec![
            pair("市财政局、市国税局", "责任单位"),
            pair("市经贸委", "牵头单位"),
            pair("市发展改革委、财政局〔并负责协调〕", "配合单位"),
            pair("省商务厅、省工商局,各市、自治州人民政府", "责任单位"),
        ]
    );
    assert_eq!(words::department_names("市发展改革委、财政局〔并负责协调〕"), vec!["市发展改革委", "财政局"]);
}

#[test]
fn modal_verbs_and_their_nouns() {
    let text = "鼓励企业上网，支持平台建设，给予政策支持。应与劳动者签订合同，可申请补贴，应用电子商务，\
                不得设置前置审批，服务器必须设在本市，安全可靠。";
    let modals: Vec<(String, Option<u8>)> =
        find(text, LeverKind::Modal).into_iter().map(|l| (l.value, l.strength)).collect();
    assert_eq!(
        modals,
        vec![
            ("鼓励".to_string(), Some(2)),
            ("支持".to_string(), Some(3)),
            ("应当".to_string(), Some(4)),
            ("可以".to_string(), Some(1)),
            ("不得".to_string(), Some(5)),
            ("必须".to_string(), Some(5)),
        ]
    );
}

#[test]
fn start_dates_in_words() {
    let durations =
        values("本方案自发布之日起实行，有效期至2017年12月31日。从2013年起，连续5年投入。", LeverKind::Duration);
    assert_eq!(durations, vec![pair("发布之日", "起"), pair("2017-12-31", "至"), pair("2013", "起"), pair("5", "年")]);
}

#[test]
fn display_values_read_like_the_text() {
    let money = find("每年投入5亿元，奖励30万元以上。", LeverKind::Money);
    assert_eq!(money[0].display_value(), "5亿元");
    assert_eq!(money[1].display_value(), "≥30万元");
}

#[test]
fn law_style_ranges_ages_and_time_limits() {
    let text = "处五千元以上五万元以下的罚款；处5万元以上10万元以下的罚款。患有重大疾病的七十周岁以上老年人。\
                应当在二十四小时内转交，并自受理申请之日起五个工作日内完成审查。本条例自公布之日起施行。";
    let money = values(text, LeverKind::Money);
    assert_eq!(money, vec![pair("5000-50000", "元"), pair("50000-100000", "元")]);
    let ages = find(text, LeverKind::Count);
    assert_eq!((ages[0].value.as_str(), ages[0].unit.as_str(), ages[0].bound), ("70", "岁", Bound::AtLeast));
    // A procedural time limit is a duration; only the start of validity is a start date.
    assert_eq!(
        values(text, LeverKind::Duration),
        vec![pair("24", "小时"), pair("5", "工作日"), pair("公布之日", "起")]
    );
}

#[test]
fn deadlines_before_an_event_multiples_and_starts_without_qi() {
    let text = "人民法院在开庭10日前送交；于5月10日前报送；可以并处1倍以上3倍以下的罚款。自2013年11月1日施行。";
    assert_eq!(values(text, LeverKind::Duration), vec![pair("10", "日"), pair("2013-11-01", "起")]);
    assert_eq!(values(text, LeverKind::Rate), vec![pair("1-3", "倍")]);
}
