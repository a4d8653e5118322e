//! The documents a session works on, and what the user did to them: their order (which decides the
//! numbering D1…Dn), their dates (which decide the reuse direction) and the manual alignment
//! corrections. Every edit that moves documents returns the [`Remap`] of old to new indices, so a
//! caller holding indices (the app's current pair, say) follows the documents rather than the slots.
//!
//! No drawing here: the desktop app keeps one `Workspace` and sends its documents to the analysis.

use rustc_hash::FxHashSet;

use crate::align::AlignmentOverride;
use crate::comparison::document_number;
use crate::model::{Document, PolicyDate};
use crate::segment::normalize::{fold_width, is_punctuation};

/// Share of shingles two texts must have in common to be versions of one document.
pub const NEAR_DUPLICATE: f32 = 0.8;

/// Length in chars of the shingles compared to find another version of a document.
const SHINGLE: usize = 8;

/// What adding a document did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Added {
    /// A new document, now at `index`.
    New {
        /// Its index.
        index: usize,
    },
    /// The same text is already loaded at `existing` (whitespace aside): nothing was added, since a
    /// second copy would count every shared passage twice and change every copy ratio.
    Duplicate {
        /// The document with this content.
        existing: usize,
    },
    /// Added at `index`, but it is another version of the document at `of`: the user should know.
    NearDuplicate {
        /// Its index.
        index: usize,
        /// The loaded document it resembles.
        of: usize,
        /// Share of shared wording (0–1).
        similarity: f32,
    },
}

/// Old document index → new index (`None`: the document was removed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remap(Vec<Option<usize>>);

impl Remap {
    /// Where the document that was at `old` is now.
    pub fn get(&self, old: usize) -> Option<usize> {
        self.0.get(old).copied().flatten()
    }
}

/// The loaded documents and the user's corrections.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    documents: Vec<Document>,
    /// The wording of each document, computed once when it is added (same order as `documents`).
    prints: Vec<Print>,
    overrides: Vec<AlignmentOverride>,
}

/// What identifies a document's wording: the text without whitespace and punctuation, and its
/// shingles (hashed), for finding another version.
#[derive(Clone, Debug, Default)]
struct Print {
    wording: Vec<char>,
    shingles: FxHashSet<u64>,
}

impl Print {
    fn of(document: &Document) -> Print {
        let wording = fingerprint(document);
        let shingles = wording.windows(SHINGLE).map(hash).collect();
        Print { wording, shingles }
    }
}

impl Workspace {
    /// An empty workspace.
    pub fn new() -> Workspace {
        Workspace::default()
    }

    /// The documents, in order (index = position; ids D1…Dn).
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// The manual alignment corrections, with document indices of the current order.
    pub fn overrides(&self) -> &[AlignmentOverride] {
        &self.overrides
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    /// True when nothing is loaded.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// The index of the document read from `path`, if loaded.
    pub fn position_of_path(&self, path: &std::path::Path) -> Option<usize> {
        self.documents.iter().position(|d| std::path::Path::new(&d.path) == path)
    }

    /// Add `document` unless its text is already loaded; tell whether it is another version of a
    /// loaded one.
    pub fn add(&mut self, document: Document) -> Added {
        let print = Print::of(&document);
        if let Some(existing) = self.prints.iter().position(|p| p.wording == print.wording) {
            return Added::Duplicate { existing };
        }
        let near = self
            .prints
            .iter()
            .enumerate()
            .map(|(i, p)| (i, resemblance(&print.shingles, &p.shingles)))
            .filter(|(_, similarity)| *similarity >= NEAR_DUPLICATE)
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
        self.documents.push(document);
        self.prints.push(print);
        let index = self.documents.len() - 1;
        self.renumber();
        match near {
            Some((of, similarity)) => Added::NearDuplicate { index, of, similarity },
            None => Added::New { index },
        }
    }

    /// Remove the document at `index`, with its corrections.
    pub fn remove(&mut self, index: usize) -> Option<Remap> {
        if index >= self.documents.len() {
            return None;
        }
        let remap = Remap(
            (0..self.documents.len())
                .map(|d| match d.cmp(&index) {
                    std::cmp::Ordering::Less => Some(d),
                    std::cmp::Ordering::Equal => None,
                    std::cmp::Ordering::Greater => Some(d - 1),
                })
                .collect(),
        );
        self.documents.remove(index);
        self.prints.remove(index);
        self.apply(&remap);
        Some(remap)
    }

    /// Move the document at `from` to position `to`; the others keep their relative order.
    pub fn move_to(&mut self, from: usize, to: usize) -> Option<Remap> {
        let count = self.documents.len();
        if from >= count || to >= count || from == to {
            return None;
        }
        let moved = |d: usize| -> usize {
            if d == from {
                to
            } else if from < to && d > from && d <= to {
                d - 1
            } else if to < from && d >= to && d < from {
                d + 1
            } else {
                d
            }
        };
        let remap = Remap((0..count).map(|d| Some(moved(d))).collect());
        let document = self.documents.remove(from);
        self.documents.insert(to, document);
        let print = self.prints.remove(from);
        self.prints.insert(to, print);
        self.apply(&remap);
        Some(remap)
    }

    /// Set or clear a document's date (it decides which way reuse went). False if no such document.
    pub fn set_date(&mut self, index: usize, date: Option<PolicyDate>) -> bool {
        match self.documents.get_mut(index) {
            Some(document) => {
                document.metadata.date_kind = date.as_ref().map(|_| crate::model::DateKind::Given);
                document.metadata.date = date;
                true
            }
            None => false,
        }
    }

    /// Put `section` of `doc` into the row of `topic`, replacing an earlier pin of that document
    /// into that row or an exclusion of that section.
    pub fn pin(&mut self, doc: usize, section: usize, topic: String) {
        self.overrides.retain(|o| match o {
            AlignmentOverride::Unpin { doc: d, section: s } => !(*d == doc && *s == section),
            AlignmentOverride::Pin { doc: d, topic: t, .. } => !(*d == doc && *t == topic),
        });
        self.overrides.push(AlignmentOverride::Pin { doc, section, topic });
    }

    /// Unpin `section` of `doc`: a section the user pinned goes back to the row the analysis
    /// computed for it (the pin is dropped); a section placed by the analysis is kept out of every
    /// row.
    pub fn unpin(&mut self, doc: usize, section: usize) {
        let before = self.overrides.len();
        self.overrides
            .retain(|o| !matches!(o, AlignmentOverride::Pin { doc: d, section: s, .. } if *d == doc && *s == section));
        if self.overrides.len() == before {
            self.overrides.push(AlignmentOverride::Unpin { doc, section });
        }
    }

    /// Forget every manual correction.
    pub fn clear_overrides(&mut self) {
        self.overrides.clear();
    }

    fn apply(&mut self, remap: &Remap) {
        self.overrides = self
            .overrides
            .iter()
            .filter_map(|o| match o {
                AlignmentOverride::Pin { doc, section, topic } => {
                    Some(AlignmentOverride::Pin { doc: remap.get(*doc)?, section: *section, topic: topic.clone() })
                }
                AlignmentOverride::Unpin { doc, section } => {
                    Some(AlignmentOverride::Unpin { doc: remap.get(*doc)?, section: *section })
                }
            })
            .collect();
        self.renumber();
    }

    /// Give documents their ids D1…Dn by position, and their sections ids under them.
    fn renumber(&mut self) {
        for (index, document) in self.documents.iter_mut().enumerate() {
            let id = document_number(index);
            if document.id != id {
                for section in &mut document.sections {
                    let rest = section.id.split_once('.').map(|(_, rest)| rest.to_owned());
                    section.id = match rest {
                        Some(rest) => format!("{id}.{rest}"),
                        None => format!("{id}.{}", section.id),
                    };
                }
                document.id = id;
            }
        }
        // Names are distinct within the loaded set, so they follow every change of the set.
        crate::model::assign_display_names(&mut self.documents);
    }
}

/// The wording of a document: its text without whitespace and punctuation, full-width folded. Two
/// files with the same wording are the same document, whatever their names, encodings or layout.
fn fingerprint(document: &Document) -> Vec<char> {
    document.text.as_str().chars().filter(|c| !c.is_whitespace() && !is_punctuation(*c)).map(fold_width).collect()
}

/// A deterministic hash of a shingle (FNV-1a over the chars).
fn hash(chars: &[char]) -> u64 {
    chars.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &c| (h ^ u64::from(u32::from(c))).wrapping_mul(0x0100_0000_01b3))
}

/// Share of the smaller text's shingles found in the other (containment): a version with a clause
/// added or dropped still resembles the one it came from.
fn resemblance(a: &FxHashSet<u64>, b: &FxHashSet<u64>) -> f32 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.is_empty() {
        return 0.0;
    }
    let shared = small.iter().filter(|s| large.contains(*s)).count();
    // The larger text must not dwarf the smaller one: a paragraph quoted in a long document is reuse,
    // not another version.
    let size = small.len() as f32 / large.len() as f32;
    if size < NEAR_DUPLICATE { 0.0 } else { shared as f32 / small.len() as f32 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str, text: &str) -> Document {
        Document::plain("", path, text)
    }

    const POLICY: &str = "一、总体要求\n加快发展电子商务，推动传统产业转型升级，培育新的经济增长点。\n二、主要措施\n（一）加强融资支持。鼓励金融机构在风险可控的前提下，采用无形资产和动产质押融资方式。\n（二）落实税收政策。对符合条件的电子商务企业，按规定享受高新技术企业税收优惠。\n三、保障措施\n各地要加强组织领导，明确责任分工，抓好工作落实。\n";

    #[test]
    fn the_same_text_is_the_same_document_and_another_version_is_flagged() {
        let mut workspace = Workspace::new();
        assert_eq!(workspace.add(doc("a.txt", POLICY)), Added::New { index: 0 });
        // The same wording under another name, with other line breaks and full-width spaces.
        let copy = POLICY.replace('\n', "\r\n\u{3000}\u{3000}");
        assert_eq!(workspace.add(doc("copy/a.txt", &copy)), Added::Duplicate { existing: 0 });
        assert_eq!(workspace.len(), 1);
        // A revised version: one clause changed.
        let revised = POLICY.replace("抓好工作落实", "确保各项任务落到实处");
        match workspace.add(doc("a-v2.txt", &revised)) {
            Added::NearDuplicate { index: 1, of: 0, similarity } => assert!(similarity > 0.8, "{similarity}"),
            other => panic!("{other:?}"),
        }
        // An unrelated document is simply new.
        let other =
            "关于促进家政服务业发展的通知。各区要完善家政服务体系，加强从业人员培训，规范市场秩序，提高服务质量。";
        assert_eq!(workspace.add(doc("b.txt", other)), Added::New { index: 2 });
        assert_eq!(workspace.documents().iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["D1", "D2", "D3"]);
    }

    #[test]
    fn moving_and_removing_remap_indices_overrides_and_ids() {
        let mut workspace = Workspace::new();
        for (i, text) in
            ["甲文件的内容各不相同之一", "乙文件的内容各不相同之二", "丙文件的内容各不相同之三"].iter().enumerate()
        {
            workspace.add(doc(&format!("{i}.txt"), text));
        }
        workspace.pin(2, 0, "财政支持".into());
        workspace.unpin(0, 1);
        let remap = workspace.move_to(2, 0).expect("a move");
        assert_eq!((remap.get(0), remap.get(1), remap.get(2)), (Some(1), Some(2), Some(0)));
        assert_eq!(workspace.documents()[0].path, "2.txt");
        assert_eq!(workspace.documents()[0].id, "D1");
        assert_eq!(
            workspace.overrides(),
            [
                AlignmentOverride::Pin { doc: 0, section: 0, topic: "财政支持".into() },
                AlignmentOverride::Unpin { doc: 1, section: 1 }
            ]
        );
        let remap = workspace.remove(1).expect("a removal");
        assert_eq!((remap.get(0), remap.get(1), remap.get(2)), (Some(0), None, Some(1)));
        assert_eq!(workspace.overrides(), [AlignmentOverride::Pin { doc: 0, section: 0, topic: "财政支持".into() }]);
        assert_eq!(workspace.documents()[1].id, "D2");
        assert!(workspace.remove(5).is_none());
        assert!(workspace.move_to(0, 0).is_none());
        assert!(workspace.set_date(1, PolicyDate::parse_iso("2014-05")));
        assert_eq!(workspace.documents()[1].metadata.date.map(|d| d.iso()).as_deref(), Some("2014-05"));
    }

    #[test]
    fn unpinning_a_pinned_section_returns_it_to_its_computed_row() {
        let mut workspace = Workspace::new();
        workspace.pin(0, 3, "人才培养".into());
        workspace.unpin(0, 3);
        assert!(workspace.overrides().is_empty(), "the pin is dropped, nothing excluded");
        // A section placed by the analysis is excluded instead.
        workspace.unpin(0, 4);
        assert_eq!(workspace.overrides(), [AlignmentOverride::Unpin { doc: 0, section: 4 }]);
        // Pinning it again lifts the exclusion.
        workspace.pin(0, 4, "人才培养".into());
        assert_eq!(workspace.overrides(), [AlignmentOverride::Pin { doc: 0, section: 4, topic: "人才培养".into() }]);
    }
}
