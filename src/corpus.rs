//! The five e-commerce policies (2012–2016) bundled into the binary: the app's default documents
//! and the test corpus. Metadata the texts lack (Guangdong's title and 文号, Guizhou's year) comes
//! from `corpus/MANIFEST.tsv`.

use crate::model::{Document, Metadata, PolicyDate};

/// File name and contents of each bundled document, in file-name order: the order `corpus/*.txt`
/// gives the command line, so the app and the CLI number the documents alike.
pub const FILES: &[(&str, &str)] = &[
    ("guangdong-2012.txt", include_str!("../corpus/guangdong-2012.txt")),
    ("guangzhou-2014.txt", include_str!("../corpus/guangzhou-2014.txt")),
    ("guizhou-2014.txt", include_str!("../corpus/guizhou-2014.txt")),
    ("qinghai-2016.txt", include_str!("../corpus/qinghai-2016.txt")),
    ("xianning-2014.txt", include_str!("../corpus/xianning-2014.txt")),
];

/// The manifest: file, region, issuer, title, doc_number, date, notes (tab separated).
pub const MANIFEST: &str = include_str!("../corpus/MANIFEST.tsv");

/// One manifest row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ManifestEntry {
    /// File name.
    pub file: String,
    /// Region, e.g. "广东省 Guangdong (province)".
    pub region: String,
    /// Metadata stated by the manifest (fields the manifest marks "(not in text)" are `None`).
    pub metadata: Metadata,
}

/// Parse a manifest in the MANIFEST.tsv layout.
pub fn parse_manifest(manifest: &str) -> Vec<ManifestEntry> {
    let field = |value: Option<&str>| -> Option<String> {
        let value = value?.trim();
        (!value.is_empty() && !value.starts_with('(')).then(|| value.to_string())
    };
    manifest
        .lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let date = cols.get(5).and_then(|d| manifest_date(d));
            ManifestEntry {
                file: cols.first().unwrap_or(&"").trim().to_string(),
                region: cols.get(1).unwrap_or(&"").trim().to_string(),
                metadata: Metadata {
                    issuer: field(cols.get(2).copied()),
                    title: field(cols.get(3).copied()),
                    doc_number: field(cols.get(4).copied()),
                    date_kind: date.as_ref().map(|_| crate::model::DateKind::Given),
                    date,
                    effective: None,
                    dates: Vec::new(),
                },
            }
        })
        .collect()
}

/// "2012-12-25", "2014 (no day in text)", "c. 2014 (…)" → the leading ISO date or year.
fn manifest_date(value: &str) -> Option<PolicyDate> {
    let value = value.trim().trim_start_matches("c.").trim();
    let date: String = value.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
    PolicyDate::parse_iso(date.trim_end_matches('-'))
}

/// Fill metadata the text lacks from the manifest (text wins where both have a value).
pub fn apply_manifest(document: &mut Document, entry: &ManifestEntry) {
    let found = &mut document.metadata;
    let given = &entry.metadata;
    if found.title.is_none() {
        found.title.clone_from(&given.title);
    }
    if found.doc_number.is_none() {
        found.doc_number.clone_from(&given.doc_number);
    }
    if found.issuer.is_none() {
        found.issuer.clone_from(&given.issuer);
    }
    // A full date from the manifest beats a year inferred from the 文号.
    let found_parts = found.date.map_or(0, |d| d.parts());
    if let Some(date) = given.date.filter(|d| d.parts() > found_parts) {
        found.date = Some(date);
        found.date_kind = Some(crate::model::DateKind::Given);
        found.dates.push(crate::model::DatedEvent { kind: crate::model::DateKind::Given, date, by: None });
    }
}

/// What the app reads from a document's own text, in the words of the manifest's `app_reads` column:
/// the metadata found in the text and the number of sections of each numbering kind.
pub fn describe_reading(document: &Document) -> String {
    use crate::model::SectionKind;
    let text = crate::text::CharText::new(document.text.as_str().to_string());
    let sections = crate::outline::outline(&text, &document.id);
    let found = crate::outline::metadata::extract(&text, &sections);
    let field = |name: &str, value: &Option<String>| value.as_ref().map(|v| format!("{name}={v}"));
    let mut parts: Vec<String> = [
        field("title", &found.title),
        field("number", &found.doc_number),
        field("issuer", &found.issuer),
        field("date", &found.date.map(|d| d.iso())),
        field("effective", &found.effective),
    ]
    .into_iter()
    .flatten()
    .collect();
    let kinds = [
        (SectionKind::Chapter, "第X章"),
        (SectionKind::Article, "第X条"),
        (SectionKind::Part, "一、"),
        (SectionKind::Subpart, "（一）"),
        (SectionKind::Item, "1、"),
        (SectionKind::Subitem, "（1）"),
        (SectionKind::Circled, "①"),
        (SectionKind::Preamble, "preamble"),
        (SectionKind::EnclosedTitle, "enclosed"),
        (SectionKind::Closing, "closing"),
    ];
    let counts: Vec<String> = kinds
        .iter()
        .filter_map(|(kind, name)| {
            let count = sections.iter().filter(|s| s.kind == *kind).count();
            (count > 0).then(|| format!("{name}×{count}"))
        })
        .collect();
    parts.push(format!("sections: {}", counts.join(" ")));
    parts.join("; ")
}

/// The bundled documents, outlined, with ids D1..D5 and manifest metadata applied.
pub fn embedded_documents() -> Vec<Document> {
    let manifest = parse_manifest(MANIFEST);
    let mut documents: Vec<Document> = FILES
        .iter()
        .enumerate()
        .map(|(index, (name, text))| {
            let mut document = Document::from_text(format!("D{}", index + 1), format!("corpus/{name}"), *text);
            if let Some(entry) = manifest.iter().find(|e| e.file == *name) {
                apply_manifest(&mut document, entry);
            }
            document
        })
        .collect();
    crate::model::assign_display_names(&mut documents);
    documents
}
