//! The document model shared by every stage of the pipeline.
//!
//! `ingest` produces a [`Decoded`] text, `outline` turns it into a [`Document`] with [`Metadata`] and
//! [`Section`]s. Later stages refer to documents and sections by index, never by copied strings.

use serde::{Deserialize, Serialize};

use crate::text::{CharText, Span};

/// The container a document was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text in any supported encoding.
    Txt,
    /// Word 2007+ document.
    Docx,
    /// HTML page.
    Html,
    /// PDF with a text layer.
    Pdf,
}

impl Format {
    /// The lowercase name used in reports ("txt", "docx", …).
    pub fn name(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }
}

/// Text decoded from a file, before any structure is read from it.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text exactly as decoded (BOM removed, nothing normalised).
    pub text: String,
    /// The container format.
    pub format: Format,
    /// Name of the character encoding found (e.g. "UTF-8", "GB18030", "UTF-16LE").
    pub encoding: String,
    /// Problems worth telling the user about (undecodable bytes, dropped content, …).
    pub warnings: Vec<String>,
}

impl Decoded {
    /// Text that was never a file, or whose file was plain UTF-8 (the bundled corpus, generated
    /// documents, tests): format txt, encoding "UTF-8", no warnings. One constructor, so that the
    /// encoding name such documents report is the same everywhere.
    pub fn plain(text: impl Into<String>) -> Self {
        Decoded { text: text.into(), format: Format::Txt, encoding: "UTF-8".into(), warnings: Vec::new() }
    }
}

/// A date as precise as the source states it: 2019, 2019-10 or 2019-10-22.
///
/// Policy documents are often dated by year only (a 文号 〔2014〕) or by month; comparing such dates
/// with full ones must not invent a day, so month and day stay optional.
///
/// Serialised as its ISO form (`"2019-10"`), as reports and the manifest write dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PolicyDate {
    /// Calendar year, e.g. 2019.
    pub year: i32,
    /// Month 1–12, when known.
    pub month: Option<u8>,
    /// Day 1–31, when known (only with a month).
    pub day: Option<u8>,
}

impl PolicyDate {
    /// Read `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (also with `/` or `.` between the parts); `None` for
    /// anything else or an impossible month/day.
    pub fn parse_iso(text: &str) -> Option<PolicyDate> {
        let mut parts = text.trim().split(['-', '/', '.']);
        let year_part = parts.next()?;
        if year_part.len() != 4 {
            return None;
        }
        let year: i32 = year_part.parse().ok()?;
        let month: Option<u8> = match parts.next() {
            Some(m) => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let day: Option<u8> = match parts.next() {
            Some(d) => Some(d.parse().ok().filter(|d| (1..=31).contains(d))?),
            None => None,
        };
        if parts.next().is_some() || (1000..=9999).contains(&year).then_some(()).is_none() {
            return None;
        }
        Some(PolicyDate { year, month, day: month.and(day) })
    }

    /// How many parts are known: 1 (year), 2 (and month) or 3 (and day).
    pub fn parts(&self) -> usize {
        1 + usize::from(self.month.is_some()) + usize::from(self.day.is_some())
    }

    /// ISO form with as many parts as are known: `2019`, `2019-10`, `2019-10-22`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

impl Serialize for PolicyDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for PolicyDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PolicyDate::parse_iso(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date (YYYY, YYYY-MM or YYYY-MM-DD): {text}")))
    }
}

impl std::fmt::Display for PolicyDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.iso())
    }
}

/// What a date of a document records. Regulations carry several (adopted, approved, promulgated,
/// effective); only some say when the text was written, which is what reuse direction needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateKind {
    /// 通过: adopted by a congress, its standing committee or an executive meeting.
    Adopted,
    /// 公布 / 发布 (by 令): promulgated.
    Promulgated,
    /// 印发: issued as a 公文.
    Issued,
    /// 成文日期: the date under the signature of a 公文.
    Written,
    /// 批准: approved by a higher body (local regulations of cities).
    Approved,
    /// 修正 / 修订 / 修改: amended.
    Amended,
    /// 发布时间 / 发布日期 of a web page: when the page went online.
    Published,
    /// 施行 / 实施 / 生效: in force from.
    Effective,
    /// Only the year of the 文号 (〔2014〕).
    NumberYear,
    /// Only the year named in the title (「2025年区级部门预算」): the weakest evidence.
    TitleYear,
    /// Stated by a manifest or edited by the user.
    Given,
}

impl DateKind {
    /// The Chinese word for the kind, as documents write it (通过, 批准, …).
    pub fn word(self) -> &'static str {
        match self {
            DateKind::Adopted => "通过",
            DateKind::Promulgated => "公布",
            DateKind::Issued => "印发",
            DateKind::Written => "成文",
            DateKind::Approved => "批准",
            DateKind::Amended => "修正",
            DateKind::Published => "发布",
            DateKind::Effective => "施行",
            DateKind::NumberYear => "文号年份",
            DateKind::TitleYear => "标题年份",
            DateKind::Given => "指定",
        }
    }

    /// Whether the date says when the text was made (通过/公布/印发/成文): the dates reuse direction is
    /// decided on. Approval, publication online and entry into force all come later.
    pub fn is_adoption(self) -> bool {
        matches!(self, DateKind::Adopted | DateKind::Promulgated | DateKind::Issued | DateKind::Written)
    }
}

/// One date found in a document, with what it records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedEvent {
    /// What the date records.
    pub kind: DateKind,
    /// The date.
    pub date: PolicyDate,
    /// The body that acted, when the text says (e.g. 德州市人民代表大会常务委员会 for 通过).
    pub by: Option<String>,
}

/// Facts about a document found in its text (or supplied by a manifest or the user).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// Document title, e.g. 关于加快发展电子商务的意见.
    pub title: Option<String>,
    /// Document number (文号), e.g. 粤府办〔2012〕131号.
    pub doc_number: Option<String>,
    /// Issuing body, e.g. 广东省人民政府办公厅.
    pub issuer: Option<String>,
    /// Issue date, with as many parts as are known; serialised as ISO `YYYY-MM-DD`, `YYYY-MM` or
    /// `YYYY` (the form reports, the manifest and the index have always used).
    pub date: Option<PolicyDate>,
    /// Effective period as written (自…起施行，有效期至…).
    pub effective: Option<String>,
    /// Every date found, in the order found (text first, then the container's own metadata).
    #[serde(default)]
    pub dates: Vec<DatedEvent>,
    /// What [`Metadata::date`] records: chosen from `dates` by [`Metadata::choose_date`], or
    /// [`DateKind::Given`] when a manifest or the user set it. `None` when no date is known.
    #[serde(default)]
    pub date_kind: Option<DateKind>,
}

impl Metadata {
    /// The year of [`Metadata::date`], if any.
    pub fn year(&self) -> Option<i32> {
        self.date.map(|date| date.year)
    }

    /// The dates of `kind`, in the order found.
    pub fn dates_of(&self, kind: DateKind) -> impl Iterator<Item = &DatedEvent> {
        self.dates.iter().filter(move |event| event.kind == kind)
    }

    /// Set [`Metadata::date`] from [`Metadata::dates`]: the earliest adoption-type date (通过, 公布,
    /// 印发, 成文) — the day the text existed, which is what "who copied whom" is about. Without one:
    /// the web page's publication, then approval, then entry into force (all later than the text,
    /// so still an upper bound), then the 文号 year, then a year named in the title. A date set by a manifest or the user is kept.
    pub fn choose_date(&mut self) {
        if self.date_kind == Some(DateKind::Given) && self.date.is_some() {
            return;
        }
        let earliest = |pred: &dyn Fn(DateKind) -> bool| {
            self.dates
                .iter()
                .filter(|e| pred(e.kind))
                // A full date beats a bare year of the same year: more precise, not later.
                .min_by_key(|e| (e.date.year, e.date.month.unwrap_or(13), e.date.day.unwrap_or(32)))
                .map(|e| (e.kind, e.date))
        };
        let chosen = earliest(&DateKind::is_adoption)
            .or_else(|| earliest(&|k| k == DateKind::Published))
            .or_else(|| earliest(&|k| k == DateKind::Approved))
            .or_else(|| earliest(&|k| k == DateKind::Effective))
            .or_else(|| earliest(&|k| k == DateKind::Amended))
            .or_else(|| earliest(&|k| k == DateKind::NumberYear))
            .or_else(|| earliest(&|k| k == DateKind::TitleYear));
        if let Some((kind, date)) = chosen {
            self.date = Some(date);
            self.date_kind = Some(kind);
        }
    }
}

/// What kind of numbering introduced a section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// Text before the first heading (addressee, preamble) or a cover notice.
    Preamble,
    /// A document issued inside a cover notice starts here (its title line).
    EnclosedTitle,
    /// 第X章.
    Chapter,
    /// 第X条.
    Article,
    /// 一、
    Part,
    /// （一）
    Subpart,
    /// 1、 1. 1．
    Item,
    /// （1）
    Subitem,
    /// ① …
    Circled,
    /// Closing signature and date block, effective-period clause and similar tail matter.
    Closing,
}

/// One section of a document's 公文 outline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Stable id, e.g. "D1.S12".
    pub id: String,
    /// Depth in the outline: 0 for preamble/closing/enclosed title, 1 for 一、 or 第X章, …
    pub level: u8,
    /// How the section was numbered.
    pub kind: SectionKind,
    /// The number as written, e.g. "（二十二）", "1、" ("" for unnumbered blocks).
    pub number: String,
    /// Numeric value of the number, e.g. 22 for （二十二）.
    pub ordinal: Option<u32>,
    /// The heading text without number and final punctuation, e.g. 强化财政支持.
    pub title: String,
    /// Span of number + title as written (run-in headings end before the body text).
    pub heading: Span,
    /// From the heading to the start of the next section of the same or a higher level.
    pub span: Span,
    /// Span of the section's own body text (after the heading, before any child section).
    pub body: Span,
    /// Index of the parent section in [`Document::sections`].
    pub parent: Option<usize>,
}

/// A loaded, outlined document.
#[derive(Clone, Debug)]
pub struct Document {
    /// "D1", "D2", … in load order.
    pub id: String,
    /// Path as given by the user (or the corpus name of an embedded document).
    pub path: String,
    /// Short label for display, e.g. the file stem.
    pub label: String,
    /// The container format.
    pub format: Format,
    /// Encoding found while decoding.
    pub encoding: String,
    /// Warnings from decoding and outlining.
    pub warnings: Vec<String>,
    /// Size of the input in bytes.
    pub bytes: u64,
    /// The decoded text.
    pub text: CharText,
    /// Metadata found in the text (possibly corrected by a manifest or the user).
    pub metadata: Metadata,
    /// The outline, in document order.
    pub sections: Vec<Section>,
}

impl Document {
    /// A document of plain text with no outline and no metadata: the base that tests and hand-built
    /// documents fill in (`Document { sections, ..Document::plain(…) }`), so the encoding, format and
    /// size such documents report come from [`Decoded::plain`] in one place. Use
    /// [`crate::outline::build_document`] or `Document::from_text` to read the outline.
    pub fn plain(id: impl Into<String>, path: impl Into<String>, text: impl Into<String>) -> Document {
        let path = path.into();
        let Decoded { text, format, encoding, warnings } = Decoded::plain(text);
        Document {
            id: id.into(),
            label: path.clone(),
            path,
            format,
            encoding,
            warnings,
            bytes: text.len() as u64,
            text: CharText::new(text),
            metadata: Metadata::default(),
            sections: Vec::new(),
        }
    }

    /// Number of chars in the decoded text.
    pub fn chars(&self) -> usize {
        self.text.char_len()
    }

    /// The text of `span`.
    pub fn slice(&self, span: Span) -> &str {
        self.text.slice(span)
    }

    /// The innermost section containing char offset `offset`.
    ///
    /// Children follow their parent in document order and siblings never overlap, so the last
    /// section whose span contains the offset is the innermost one.
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        self.sections.iter().rposition(|section| section.span.start <= offset && offset < section.span.end)
    }

    /// The name to show and cite: [`Document::label`], set by [`assign_display_names`] (issuer or
    /// region, year and short title, distinct within the loaded set).
    pub fn display_name(&self) -> &str {
        &self.label
    }

    /// The file name without folder and extension ("guangdong-2012").
    pub fn file_stem(&self) -> String {
        std::path::Path::new(&self.path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.clone())
    }
}

/// How many kinds of distinguishing detail [`display_names`] may add (issuer, date, 文号, file, id).
const EXTRAS: usize = 5;

/// Longest short title kept in a display name (chars); longer ones are cut with 「…」.
const SHORT_TITLE_CHARS: usize = 16;

/// The one function that names documents for people: issuer or region + year + short title, as a
/// reader would cite it (「德州 2021 优化营商环境条例」, 「国务院 2019 优化营商环境条例」), the file
/// name only when the text says nothing. Names are distinct within `documents`: documents that would
/// share a name get what tells them apart (the issuer in full, the full date, the 文号, the file
/// name), the document id only as a last resort.
pub fn display_names(documents: &[Document]) -> Vec<String> {
    let mut names: Vec<String> = documents.iter().map(base_name).collect();
    // What may tell two documents apart, in the order a reader would use it.
    let extras = |doc: &Document| -> [Option<String>; EXTRAS] {
        let date = doc.metadata.date.filter(|d| d.month.is_some()).map(|d| d.iso());
        let issuer = doc.metadata.issuer.as_deref().map(issuer_without_region).filter(|i| !i.is_empty());
        [issuer, date, doc.metadata.doc_number.clone(), Some(doc.file_stem()), Some(doc.id.clone())]
    };
    let all_extras: Vec<[Option<String>; EXTRAS]> = documents.iter().map(extras).collect();
    let distinct = |names: &[String]| names.iter().enumerate().all(|(i, n)| names[i + 1..].iter().all(|m| m != n));
    let columns = (0..EXTRAS).map(|level| all_extras.iter().map(|e| e[level].clone()).collect::<Vec<_>>());
    for column in columns {
        if distinct(&names) {
            break;
        }
        let snapshot = names.clone();
        for (i, name) in snapshot.iter().enumerate() {
            let group: Vec<usize> = (0..snapshot.len()).filter(|&j| snapshot[j] == *name).collect();
            if group.len() < 2 {
                continue;
            }
            let values: Vec<Option<&String>> = group.iter().map(|&j| column[j].as_ref()).collect();
            let mine = column[i].as_ref();
            let differs = values.iter().any(|v| *v != mine);
            if differs && let Some(value) = mine.filter(|v| !name.contains(v.as_str())) {
                names[i] = format!("{name}（{value}）");
            }
        }
    }
    // Still equal (same id twice, or extras that are themselves equal): number them.
    let snapshot = names.clone();
    for (i, name) in snapshot.iter().enumerate() {
        if snapshot.iter().filter(|n| *n == name).count() > 1 {
            let nth = snapshot[..i].iter().filter(|n| *n == name).count() + 1;
            names[i] = format!("{name}（{nth}）");
        }
    }
    names
}

/// Set every document's [`Document::label`] to its [`display_names`] entry. Call after loading a
/// set, reordering it or changing metadata.
pub fn assign_display_names(documents: &mut [Document]) {
    let names = display_names(documents);
    for (document, name) in documents.iter_mut().zip(names) {
        document.label = name;
    }
}

/// The name of one document on its own (not yet made distinct).
pub fn base_name(doc: &Document) -> String {
    let metadata = &doc.metadata;
    let issuer = metadata.issuer.as_deref().map(str::trim).filter(|i| !i.is_empty());
    let title = metadata.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
    // A national body (国务院, 商务部) is its own place; 「市人民政府办公室」 without its city is not.
    let national = issuer.filter(|i| !i.starts_with(['省', '市', '区', '县', '州', '自']) && region_of(i).is_none());
    let place = issuer
        .and_then(region_of)
        .or_else(|| national.map(short_body))
        .or_else(|| title.and_then(region_of))
        .or_else(|| region_in_text(doc));
    let year = metadata.year();
    let short = title.map(|t| short_title(t, issuer, place.as_deref(), year)).filter(|t| !t.is_empty());
    let mut parts: Vec<String> = Vec::new();
    parts.extend(place);
    parts.extend(year.map(|y| y.to_string()));
    parts.extend(short);
    // A text that records a later revision is that revision's text: 「国务院 2020 保障中小企业款项
    // 支付条例（2025 修订）」, so that two versions of one regulation read apart.
    let revised = metadata.dates.iter().filter(|e| e.kind == DateKind::Amended).map(|e| e.date.year).max();
    if let (Some(revised), Some(year), Some(last)) = (revised, year, parts.last_mut())
        && revised > year
    {
        last.push_str(&format!("（{revised} 修订）"));
    }
    if parts.is_empty() || (title.is_none() && parts.len() < 2) {
        // Too little in the text to cite by: the file name, with what is known.
        let stem = doc.file_stem();
        if parts.iter().any(|p| stem.contains(p.as_str())) {
            parts = vec![stem];
        } else {
            parts.push(stem);
        }
    }
    parts.join(" ")
}

/// 「中华人民共和国商务部」 → 「商务部」, 「全国人民代表大会常务委员会」 → 「全国人大常委会」: national bodies
/// as they are cited.
fn short_body(issuer: &str) -> String {
    let body = issuer.strip_prefix("中华人民共和国").unwrap_or(issuer);
    body.replace("人民代表大会常务委员会", "人大常委会").replace("人民代表大会", "人大")
}

/// The title as cited: without the issuer or region in front, without 「关于」, and without the
/// 「关于印发《…》的通知」 wrapper; cut to [`SHORT_TITLE_CHARS`].
fn short_title(title: &str, issuer: Option<&str>, place: Option<&str>, year: Option<i32>) -> String {
    let mut t = title.trim().to_string();
    // 「…关于印发《X》的通知」 is cited as X.
    if let (Some(open), Some(close)) = (t.find('《'), t.rfind('》'))
        && open < close
        && t[..open].contains("印发")
    {
        t = t[open + '《'.len_utf8()..close].to_string();
    }
    if let Some(issuer) = issuer
        && let Some(rest) = t.strip_prefix(issuer)
    {
        t = rest.to_string();
    }
    // 「上海市普陀区2025年…」: the region chain in front, whatever the place in the name says.
    let without_regions = issuer_without_region(&t);
    if without_regions.chars().count() >= 2 && without_regions != t {
        t = without_regions;
    }
    if let Some(place) = place
        && let Some(rest) = t.strip_prefix(place)
    {
        // 「德州市优化…」 with place 「德州」: drop the administrative suffix too.
        let rest = rest
            .strip_prefix("维吾尔自治区")
            .or_else(|| rest.strip_prefix("壮族自治区"))
            .or_else(|| rest.strip_prefix("回族自治区"))
            .or_else(|| rest.strip_prefix("自治区"))
            .or_else(|| rest.strip_prefix(['省', '市', '县', '区', '州']))
            .unwrap_or(rest);
        t = rest.to_string();
    }
    if let Some(year) = year {
        for prefix in [format!("{year}年度"), format!("{year}年")] {
            if let Some(rest) = t.strip_prefix(&prefix) {
                t = rest.to_string();
                break;
            }
        }
    }
    let t = t.strip_prefix("中华人民共和国").unwrap_or(&t);
    let t = t.trim_start_matches("关于").trim();
    let t = t.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '（' | '）' | '(' | ')'));
    if t.chars().count() > SHORT_TITLE_CHARS {
        let cut: String = t.chars().take(SHORT_TITLE_CHARS - 1).collect();
        format!("{cut}…")
    } else {
        t.to_string()
    }
}

/// Provinces, for documents whose issuer and title do not say where they are from.
const PROVINCES: [&str; 34] = [
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
    "台湾",
    "香港",
    "澳门",
];

/// The region named in the body: the city whose name starts like the 文号 (咸政办发 → 咸宁市), or the
/// province named most often (at least three times).
fn region_in_text(doc: &Document) -> Option<String> {
    let text: Vec<char> = doc.text.as_str().chars().collect();
    if let Some(first) = doc.metadata.doc_number.as_deref().and_then(|n| n.chars().next()) {
        let found = text.windows(3).find(|w| {
            w[0] == first
                && ('\u{4E00}'..='\u{9FFF}').contains(&w[1])
                && matches!(w[2], '市' | '省' | '州' | '县' | '区')
        });
        if let Some(window) = found {
            return Some(window[..2].iter().collect());
        }
    }
    let body = doc.text.as_str();
    PROVINCES
        .iter()
        .map(|p| (body.matches(p).count(), *p))
        .filter(|(count, _)| *count >= 3)
        .max_by_key(|(count, p)| (*count, std::cmp::Reverse(*p)))
        .map(|(_, p)| p.to_string())
}

/// Ethnic names in the names of autonomous regions and prefectures, dropped when citing the place.
const ETHNIC_NAMES: &[&str] = &[
    "维吾尔",
    "朝鲜族",
    "土家族",
    "蒙古族",
    "哈萨克族",
    "布依族",
    "哈尼族",
    "壮族",
    "回族",
    "藏族",
    "苗族",
    "彝族",
    "侗族",
    "瑶族",
    "白族",
    "傣族",
    "黎族",
    "羌族",
    "满族",
];

/// 「广东省人民政府办公厅」 → 「广东」, 「咸宁市…」 → 「咸宁」, 「内蒙古自治区…」 → 「内蒙古」.
pub fn region_of(text: &str) -> Option<String> {
    let chars: Vec<char> = text.trim().chars().take(12).collect();
    for (i, &c) in chars.iter().enumerate() {
        let end = match c {
            '省' | '市' | '州' | '县' | '区' if (2..=4).contains(&i) => Some(i),
            '自' if chars.get(i + 1) == Some(&'治') && (2..=5).contains(&i) => Some(i),
            _ => None,
        };
        if let Some(end) = end {
            let mut prefix: String = chars[..end].iter().collect();
            // 「广西壮族自治区」 is cited as 广西, 「延边朝鲜族自治州」 as 延边.
            if c == '自'
                && let Some(stripped) = ETHNIC_NAMES.iter().find_map(|name| prefix.strip_suffix(name))
                && stripped.chars().count() >= 2
            {
                prefix = stripped.to_string();
            }
            // 「市人民政府」 has no region before 市; 「国务院」 and similar are not regions.
            if !prefix.contains(['人', '政', '府', '关', '于']) {
                // 「上海市普陀区…」, 「湖北省咸宁市…」: the smaller unit that follows says more.
                let after = if chars.get(end) == Some(&'自') { end + 3 } else { end + 1 };
                let inner = chars.get(after..).and_then(|rest| {
                    let at = rest.iter().take(5).position(|c| matches!(c, '市' | '区' | '县' | '州'))?;
                    let name: String = rest[..at].iter().collect();
                    ((2..=4).contains(&at) && !name.contains(['人', '政', '府', '关', '于', '部', '门']))
                        .then_some(name)
                });
                return Some(inner.unwrap_or(prefix));
            }
        }
    }
    None
}

/// The issuer without the region in front: 「上海市普陀区人民政府办公室」 → 「人民政府办公室」, which
/// tells two bodies of one region apart without repeating the region.
fn issuer_without_region(issuer: &str) -> String {
    let mut rest = issuer.trim();
    loop {
        let chars: Vec<char> = rest.chars().take(6).collect();
        let unit = chars.iter().position(|c| matches!(c, '省' | '市' | '区' | '县' | '州'));
        match unit {
            Some(at) if (2..=4).contains(&at) => {
                let name: String = chars[..at].iter().collect();
                if name.contains(['人', '政', '府']) {
                    return rest.to_string();
                }
                let cut: usize = chars[..=at].iter().map(|c| c.len_utf8()).sum();
                rest = &rest[cut..];
            }
            _ => return rest.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_dates_parse_print_and_serialise_as_iso() {
        let full = PolicyDate { year: 2019, month: Some(10), day: Some(22) };
        assert_eq!(PolicyDate::parse_iso("2019-10-22"), Some(full));
        assert_eq!(PolicyDate::parse_iso("2019/10/22"), Some(full));
        assert_eq!(PolicyDate::parse_iso("2014").map(|d| d.iso()).as_deref(), Some("2014"));
        assert_eq!(PolicyDate::parse_iso("2014-03").map(|d| d.iso()).as_deref(), Some("2014-03"));
        for bad in ["2019-13-01", "2019-10-32", "19-10-01", "二〇一九", "2019-10-01-01", ""] {
            assert_eq!(PolicyDate::parse_iso(bad), None, "{bad}");
        }
        assert_eq!(serde_json::to_string(&full).ok().as_deref(), Some("\"2019-10-22\""));
        assert_eq!(serde_json::from_str::<PolicyDate>("\"2019-10\"").ok().map(|d| d.month), Some(Some(10)));
        assert!(serde_json::from_str::<PolicyDate>("\"yesterday\"").is_err());
    }

    #[test]
    fn the_direction_date_is_the_earliest_adoption_then_weaker_kinds() {
        let event = |kind, year, month, day| DatedEvent {
            kind,
            date: PolicyDate { year, month: Some(month), day: Some(day) },
            by: None,
        };
        let mut m = Metadata {
            dates: vec![
                event(DateKind::Effective, 2020, 1, 1),
                event(DateKind::Promulgated, 2019, 10, 22),
                event(DateKind::Adopted, 2019, 10, 8),
                event(DateKind::Published, 2019, 10, 23),
            ],
            ..Metadata::default()
        };
        m.choose_date();
        assert_eq!((m.date.map(|d| d.iso()).as_deref(), m.date_kind), (Some("2019-10-08"), Some(DateKind::Adopted)));
        // Approval comes before entry into force when nothing says when the text was adopted.
        let mut m = Metadata {
            dates: vec![event(DateKind::Effective, 2021, 12, 1), event(DateKind::Approved, 2021, 9, 30)],
            ..Metadata::default()
        };
        m.choose_date();
        assert_eq!(m.date.map(|d| d.iso()).as_deref(), Some("2021-09-30"));
        // A date the user gave stays.
        let mut m = Metadata {
            date: PolicyDate::parse_iso("2020-05-01"),
            date_kind: Some(DateKind::Given),
            dates: vec![event(DateKind::Adopted, 2019, 1, 1)],
            ..Metadata::default()
        };
        m.choose_date();
        assert_eq!(m.date.map(|d| d.iso()).as_deref(), Some("2020-05-01"));
    }

    #[test]
    fn regions_issuers_and_short_titles() {
        assert_eq!(region_of("上海市普陀区人民政府办公室").as_deref(), Some("普陀"));
        assert_eq!(region_of("湖北省咸宁市人民政府").as_deref(), Some("咸宁"));
        assert_eq!(region_of("广西壮族自治区人民政府").as_deref(), Some("广西"));
        assert_eq!(region_of("新疆维吾尔自治区人民政府办公厅").as_deref(), Some("新疆"));
        assert_eq!(region_of("延边朝鲜族自治州人民政府").as_deref(), Some("延边"));
        assert_eq!(region_of("国务院办公厅"), None);
        assert_eq!(issuer_without_region("上海市普陀区商务委员会"), "商务委员会");
        assert_eq!(issuer_without_region("国务院办公厅"), "国务院办公厅");
        assert_eq!(short_body("全国人民代表大会常务委员会"), "全国人大常委会");
        assert_eq!(short_body("中华人民共和国商务部"), "商务部");
        assert_eq!(
            short_title("广东省人民政府办公厅关于印发《广东省电子商务发展规划》的通知", None, Some("广东"), None),
            "电子商务发展规划"
        );
        assert_eq!(short_title("中华人民共和国两用物项出口管制条例", None, None, Some(2024)), "两用物项出口管制条例");
        assert_eq!(
            short_title("关于加快发展电子商务和现代物流业促进产业转型升级的若干意见", None, None, None).chars().count(),
            16
        );
    }
}
