//! The persistent, incremental corpus index.
//!
//! Per file: path (relative to the corpus folder), size, modification time, content hash, decoded
//! and normalised length and the number of its fingerprints, in `index.bin`; the winnowed
//! fingerprints themselves are in the inverted file `postings.bin` beside it ([`super::postings`]),
//! read from disk when needed, so that memory does not grow with the folder. Both live in
//! `DIR/.duizhao-index/`, or in the user cache folder when the corpus folder is not writable.
//! `index.bin` is a compact little-endian binary format with a checksum (a damaged index is
//! rebuilt, never trusted); both files are written to temporary files and renamed into place, the
//! postings first, and share a generation number so that a half-finished save is detected.
//!
//! Updating: a file whose size and modification time match its entry is not read at all; any other
//! file is read and hashed, and only decoded and fingerprinted again when its content changed.
//! Entries of files that are gone are dropped, and the postings of the unchanged files are carried
//! over from the previous postings file.

use std::collections::HashMap;
use std::fs;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use rustc_hash::FxHasher;

use super::postings::{Builder, Postings};
use super::progress::Control;
use super::walk::walk;
use super::{IndexFileError, ScanError, ScanOptions, Skipped};
use crate::ingest::{self, MAX_FILE_BYTES};
use crate::model::Format;
use crate::reuse::fingerprint::{NormText, Params, fingerprint_set};
use crate::segment::normalize::NormalizeOptions;
use crate::text::CharText;

/// Name of the index folder kept inside the corpus folder (the walk never enters it).
pub const INDEX_DIR: &str = ".duizhao-index";
const INDEX_FILE: &str = "index.bin";
const POSTINGS_FILE: &str = "postings.bin";
const MAGIC: &[u8; 8] = b"DZSCAN\0\x02";
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What fingerprints in an index mean: they can only be compared under the same parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndexParams {
    /// K-gram length and winnowing window.
    pub params: Params,
    /// What normalisation ignored.
    pub normalize: NormalizeOptions,
}

impl IndexParams {
    /// The parameters `options` ask for.
    pub fn from_options(options: &ScanOptions) -> Self {
        Self { params: options.index_params, normalize: options.normalize }
    }

    /// True when an index built with `self` finds everything `wanted` asks for.
    fn serves(&self, wanted: &IndexParams) -> bool {
        self.params.k == wanted.params.k
            && self.normalize == wanted.normalize
            && self.params.guarantee() <= wanted.params.guarantee()
    }
}

/// One file of the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexEntry {
    /// Path relative to the corpus folder.
    pub path: PathBuf,
    /// Size in bytes when indexed.
    pub size: u64,
    /// Modification time when indexed: seconds and nanoseconds since the Unix epoch.
    pub mtime: (i64, u32),
    /// Hash of the file's bytes.
    pub content_hash: u64,
    /// Hash of the normalised text (equal for documents with the same wording).
    pub text_hash: u64,
    /// Decoded length in chars.
    pub chars: u64,
    /// Normalised length in chars.
    pub norm_chars: u64,
    /// Container format, when decoded.
    pub format: Option<Format>,
    /// Number of distinct fingerprints of the normalised text (their postings are on disk).
    pub fingerprint_count: u64,
    /// Why the file could not be read, when it could not (kept so unchanged bad files are not re-read).
    pub error: Option<String>,
}

/// How an update went.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdateStats {
    /// Document files found by the walk.
    pub files: usize,
    /// Files whose size and time matched their entry: not read.
    pub unchanged: usize,
    /// Files not in the index before.
    pub added: usize,
    /// Files whose content changed.
    pub changed: usize,
    /// Files read whose content turned out unchanged (only their time changed).
    pub touched: usize,
    /// Entries dropped because their file is gone.
    pub removed: usize,
    /// Files read from disk during this update.
    pub read: usize,
    /// Files that could not be read or decoded.
    pub failed: usize,
    /// Why the whole index was rebuilt, when it was (other parameters, damaged file).
    pub rebuilt: Option<String>,
    /// True when no folder had changed, so the walk and the per-file checks were skipped.
    pub walk_skipped: bool,
}

/// The index of a corpus folder.
#[derive(Clone, Debug)]
pub struct CorpusIndex {
    /// The corpus folder (canonical).
    pub root: PathBuf,
    /// Fingerprinting parameters.
    pub params: IndexParams,
    /// One entry per file, sorted by path.
    pub entries: Vec<IndexEntry>,
    /// The fingerprints of every entry, on disk.
    pub postings: Postings,
    /// The folders the walk listed (relative), with their modification times.
    folders: Vec<FolderTime>,
    /// Removes a temporary index (one that could not be saved anywhere) when the last copy of the
    /// index is dropped.
    _temporary: Option<Arc<TemporaryStore>>,
}

/// A folder of the walk (relative to the corpus folder) and its modification time.
type FolderTime = (PathBuf, (i64, u32));

/// A folder in the system temporary folder holding an index that could not be saved.
#[derive(Debug)]
struct TemporaryStore(PathBuf);

impl Drop for TemporaryStore {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// `index.bin` as read from disk, before its postings are opened.
struct SavedIndex {
    params: IndexParams,
    entries: Vec<IndexEntry>,
    generation: u64,
    /// The folders of the walk that built it (relative to the corpus folder), with their times.
    folders: Vec<FolderTime>,
    /// When it was saved (seconds since the Unix epoch).
    saved_at: i64,
}

/// An index brought up to date, with what happened on the way.
#[derive(Debug)]
pub struct Opened {
    /// The index.
    pub index: CorpusIndex,
    /// Counters of the update.
    pub stats: UpdateStats,
    /// Files and folders that could not be used, with reasons (bad entries included).
    pub skipped: Vec<Skipped>,
    /// Decoded texts read during the update, by entry (only when asked for).
    pub texts: Vec<Option<Arc<CharText>>>,
    /// Where the index was saved.
    pub saved_to: Option<PathBuf>,
    /// Why the index could not be saved anywhere (the scan still works, from memory).
    pub save_error: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ReadKind {
    Added,
    Changed,
    Touched,
}

enum Outcome {
    /// The previous entry (by its position in the previous index) still holds; `touched` when the
    /// file was read because its time changed, but its content had not.
    Reused {
        entry: IndexEntry,
        old: usize,
        touched: bool,
    },
    /// The file was read and, when it decoded, fingerprinted into the postings builder.
    Read {
        entry: IndexEntry,
        text: Option<Arc<CharText>>,
        kind: ReadKind,
    },
    Vanished(Skipped),
}

/// Bring the index of `root` up to date (building it if there is none) and save it.
///
/// With `keep_texts`, the normalised texts of files read during the update are returned, so that a
/// following all-pairs comparison does not read them again.
pub fn open(root: &Path, options: &ScanOptions, keep_texts: bool, control: &Control) -> Result<Opened, ScanError> {
    let root = fs::canonicalize(root)
        .map_err(|error| ScanError::NotAFolder { path: root.to_path_buf(), detail: error.to_string() })?;
    if !root.is_dir() {
        return Err(ScanError::NotAFolder { path: root, detail: "it is a file".into() });
    }
    let wanted = IndexParams::from_options(options);
    let locations = index_locations(&root, options);
    let mut stats = UpdateStats::default();
    let mut trusted: Option<(Vec<FolderTime>, PathBuf)> = None;
    // The folder times saved with the index: when the walk sees others, the index is saved again
    // (its postings unchanged), so that the next scan can skip the walk.
    let mut saved_folders: Vec<FolderTime> = Vec::new();
    let (previous, old_postings, params) = match load_first(&locations) {
        Some(Ok((saved, location))) if saved.params.serves(&wanted) => {
            match Postings::open(&location.with_file_name(POSTINGS_FILE), saved.generation) {
                Ok(postings) => {
                    if !options.rescan
                        && options.after_walk.is_none()
                        && folders_unchanged(&root, &saved.folders, saved.saved_at)
                    {
                        trusted = Some((saved.folders, location));
                    } else {
                        saved_folders = saved.folders;
                    }
                    (saved.entries, Some(postings), saved.params)
                }
                Err(detail) => {
                    stats.rebuilt = Some(format!("the saved index could not be used: {detail}"));
                    (Vec::new(), None, wanted)
                }
            }
        }
        Some(Ok(_)) => {
            stats.rebuilt = Some("the index was built with other settings".into());
            (Vec::new(), None, wanted)
        }
        Some(Err(detail)) => {
            stats.rebuilt = Some(format!("the saved index could not be used: {detail}"));
            (Vec::new(), None, wanted)
        }
        None => (Vec::new(), None, wanted),
    };

    if let (Some((folders, location)), Some(postings)) = (trusted, &old_postings) {
        // No folder changed since the index was saved: no file was added, removed or renamed.
        // The walk and the per-file checks are skipped (a file edited in place without its
        // folder changing is caught when it is read again, or by a rescan).
        let n = previous.len();
        stats.files = n;
        stats.unchanged = n;
        stats.walk_skipped = true;
        let skipped = previous
            .iter()
            .filter_map(|e| e.error.as_ref().map(|reason| Skipped { path: root.join(&e.path), reason: reason.clone() }))
            .collect();
        stats.failed = previous.iter().filter(|e| e.error.is_some()).count();
        let index =
            CorpusIndex { root, params, entries: previous, postings: postings.clone(), folders, _temporary: None };
        control.progress.finish();
        return Ok(Opened { index, stats, skipped, texts: vec![None; n], saved_to: Some(location), save_error: None });
    }

    control.progress.phase("finding", 0);
    let walked = walk(&root, control)?;
    if let Some(hook) = &options.after_walk {
        hook(&walked.files);
    }
    let mut skipped = walked.skipped;
    stats.files = walked.files.len();

    // Where the postings of the files read now are collected: the first location that takes a
    // folder, or a temporary folder (the scan still works; the index is not kept).
    let expected = old_postings.as_ref().map_or(0, Postings::len).max(walked.files.len() as u64 * 3_000);
    let mut store: Option<(PathBuf, Builder)> = None;
    let mut store_errors: Vec<String> = Vec::new();
    for location in &locations {
        let dir = location.parent().unwrap_or(Path::new(".")).to_path_buf();
        match Builder::new(&dir.join("buckets.tmp"), expected) {
            Ok(builder) => {
                store = Some((dir, builder));
                break;
            }
            Err(error) => store_errors.push(format!("{}: {error}", dir.display())),
        }
    }
    let temporary = match store {
        Some(_) => None,
        None => {
            let nanos = std::time::SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
            let dir = std::env::temp_dir().join(format!("duizhao-index-{}-{nanos}", std::process::id()));
            let builder = Builder::new(&dir.join("buckets.tmp"), expected)
                .map_err(|error| ScanError::Index { path: dir.clone(), detail: error.to_string() })?;
            store = Some((dir.clone(), builder));
            Some(Arc::new(TemporaryStore(dir)))
        }
    };
    let Some((store_dir, builder)) = store else {
        return Err(ScanError::Index { path: root, detail: "no folder for the index".into() });
    };

    let old: HashMap<&Path, usize> = previous.iter().enumerate().map(|(i, e)| (e.path.as_path(), i)).collect();
    control.progress.phase("indexing", walked.files.len() as u64);
    // Texts are kept only within the all-pairs memory budget; the rest is read again when compared.
    let kept_chars = AtomicUsize::new(0);
    let outcomes: Vec<Result<Outcome, ScanError>> = walked
        .files
        .par_iter()
        .enumerate()
        .map(|(walk_index, path)| {
            control.check()?;
            let relative = path.strip_prefix(&root).unwrap_or(path).to_path_buf();
            let keep = keep_texts && kept_chars.load(Ordering::Relaxed) < options.max_loaded_chars;
            let previous_entry = old.get(relative.as_path()).map(|&i| (i, &previous[i]));
            let mut outcome =
                update_file(path, relative.as_path(), previous_entry, &params, keep, &builder, walk_index)
                    .map_err(|error| ScanError::Index { path: store_dir.clone(), detail: error.to_string() })?;
            if let Outcome::Read { text, .. } = &mut outcome
                && let Some(kept) = text
                && kept_chars.fetch_add(kept.char_len(), Ordering::Relaxed) + kept.char_len() > options.max_loaded_chars
            {
                *text = None;
            }
            control.progress.advance(1);
            Ok(outcome)
        })
        .collect();

    // (entry, where its postings come from, its text)
    let mut found: Vec<(IndexEntry, Source, Option<Arc<CharText>>)> = Vec::with_capacity(outcomes.len());
    for (walk_index, outcome) in outcomes.into_iter().enumerate() {
        match outcome? {
            Outcome::Reused { entry, old, touched } => {
                if touched {
                    stats.read += 1;
                    stats.touched += 1;
                } else {
                    stats.unchanged += 1;
                }
                found.push((entry, Source::Old(old), None));
            }
            Outcome::Read { entry, text, kind } => {
                stats.read += 1;
                match kind {
                    ReadKind::Added => stats.added += 1,
                    ReadKind::Changed => stats.changed += 1,
                    ReadKind::Touched => stats.touched += 1,
                }
                found.push((entry, Source::New(walk_index), text));
            }
            Outcome::Vanished(skip) => skipped.push(skip),
        }
    }
    found.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let kept: std::collections::HashSet<&Path> = found.iter().map(|e| e.0.path.as_path()).collect();
    stats.removed = previous.iter().filter(|e| !kept.contains(e.path.as_path())).count();
    drop(kept);
    let mut new_id: Vec<Option<u32>> = vec![None; walked.files.len()];
    let mut old_id: Vec<Option<u32>> = vec![None; previous.len()];
    for (i, (_, source, _)) in found.iter().enumerate() {
        match *source {
            Source::New(w) => new_id[w] = Some(i as u32),
            Source::Old(o) => old_id[o] = Some(i as u32),
        }
    }
    let mut entries = Vec::with_capacity(found.len());
    let mut texts = Vec::with_capacity(found.len());
    for (entry, _, text) in found {
        if let Some(error) = &entry.error {
            stats.failed += 1;
            skipped.push(Skipped { path: root.join(&entry.path), reason: error.clone() });
        }
        entries.push(entry);
        texts.push(text);
    }
    skipped.sort();
    skipped.dedup();

    let dirty = stats.added + stats.changed + stats.touched + stats.removed > 0 || stats.rebuilt.is_some();
    let saved_here = store_dir.join(INDEX_FILE);
    let unchanged = !dirty && temporary.is_none() && old_postings.is_some() && saved_here.is_file();
    let index_error = |error: std::io::Error| ScanError::Index { path: store_dir.clone(), detail: error.to_string() };
    let (postings, generation) = match old_postings {
        Some(postings) if unchanged => (postings, None),
        old_postings => {
            let generation = new_generation(entries.len());
            let old = old_postings.as_ref().map(|p| (p, old_id.as_slice()));
            let postings =
                builder.finish(&new_id, old, &store_dir.join(POSTINGS_FILE), generation).map_err(index_error)?;
            (postings, Some(generation))
        }
    };
    let folders = walked
        .folders
        .iter()
        .map(|(dir, time)| (dir.strip_prefix(&root).unwrap_or(dir).to_path_buf(), *time))
        .collect();
    let index = CorpusIndex { root, params, entries, postings, folders, _temporary: temporary.clone() };
    let (saved_to, save_error) = match (generation, &temporary) {
        (_, Some(_)) => (None, Some(format!("cannot save the index ({})", store_errors.join("; ")))),
        (None, None) if index.folders != saved_folders => {
            match index.save(&saved_here, index.postings.generation(), &locations) {
                Ok(()) => (Some(saved_here), None),
                Err(error) => (None, Some(format!("{}: {error}", saved_here.display()))),
            }
        }
        (None, None) => (Some(saved_here), None),
        (Some(generation), None) => match index.save(&saved_here, generation, &locations) {
            Ok(()) => (Some(saved_here), None),
            Err(error) => (None, Some(format!("{}: {error}", saved_here.display()))),
        },
    };
    control.progress.finish();
    Ok(Opened { index, stats, skipped, texts, saved_to, save_error })
}

/// Where an entry's postings come from.
#[derive(Clone, Copy)]
enum Source {
    /// The previous postings file, under this entry number.
    Old(usize),
    /// The builder, under this walk position.
    New(usize),
}

/// True when every folder of the last walk still has the time it had then, and none was changed
/// in the two seconds before the index was saved (a change in the same clock tick as the walk
/// would go unseen: such an index is walked again).
fn folders_unchanged(root: &Path, folders: &[FolderTime], saved_at: i64) -> bool {
    !folders.is_empty()
        && folders.iter().all(|(dir, time)| {
            time.0 + 2 < saved_at && fs::metadata(root.join(dir)).is_ok_and(|m| m.is_dir() && modified(&m) == *time)
        })
}

/// A number that changes with every save (time, process, size): ties `index.bin` to its postings.
fn new_generation(entries: usize) -> u64 {
    let nanos = std::time::SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let mut hasher = FxHasher::default();
    hasher.write_u128(nanos);
    hasher.write_u32(std::process::id());
    hasher.write_usize(entries);
    hasher.finish()
}

fn update_file(
    path: &Path,
    relative: &Path,
    old: Option<(usize, &IndexEntry)>,
    params: &IndexParams,
    keep_texts: bool,
    builder: &Builder,
    walk_index: usize,
) -> std::io::Result<Outcome> {
    let vanished = |reason: String| Ok(Outcome::Vanished(Skipped { path: path.to_path_buf(), reason }));
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return vanished("vanished during the scan".into());
        }
        Err(error) => return vanished(format!("cannot read file information: {error}")),
    };
    let size = metadata.len();
    let mtime = modified(&metadata);
    if let Some((i, old)) = old
        && old.size == size
        && old.mtime == mtime
    {
        return Ok(Outcome::Reused { entry: old.clone(), old: i, touched: false });
    }
    let mut entry = IndexEntry {
        path: relative.to_path_buf(),
        size,
        mtime,
        content_hash: 0,
        text_hash: 0,
        chars: 0,
        norm_chars: 0,
        format: None,
        fingerprint_count: 0,
        error: None,
    };
    let kind = if old.is_some() { ReadKind::Changed } else { ReadKind::Added };
    if size > MAX_FILE_BYTES {
        entry.error = Some(format!("too large ({size} bytes; the limit is {MAX_FILE_BYTES} bytes)"));
        return Ok(Outcome::Read { entry, text: None, kind });
    }
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return vanished("vanished during the scan".into());
        }
        Err(error) => {
            entry.error = Some(format!("cannot read: {error}"));
            return Ok(Outcome::Read { entry, text: None, kind });
        }
    };
    entry.size = bytes.len() as u64;
    entry.content_hash = content_hash(&bytes);
    if let Some((i, old)) = old
        && old.content_hash == entry.content_hash
        && old.error.is_none()
        && !keep_texts
    {
        // Only the time changed: the postings carry over.
        let entry = IndexEntry { size: entry.size, mtime, ..old.clone() };
        return Ok(Outcome::Reused { entry, old: i, touched: true });
    }
    let kind = if old.is_some_and(|(_, o)| o.content_hash == entry.content_hash && o.error.is_none()) {
        ReadKind::Touched
    } else {
        kind
    };
    match ingest::read_bytes(path, &bytes) {
        Ok(decoded) => {
            let text = CharText::new(decoded.text);
            let norm = NormText::new(&text, &params.normalize);
            entry.chars = text.char_len() as u64;
            entry.norm_chars = norm.len() as u64;
            entry.text_hash = norm.text_hash();
            entry.format = Some(decoded.format);
            let fingerprints = fingerprint_set(norm.chars(), params.params);
            entry.fingerprint_count = fingerprints.len() as u64;
            builder.add(walk_index as u32, &fingerprints)?;
            let text = keep_texts.then(|| Arc::new(text));
            Ok(Outcome::Read { entry, text, kind })
        }
        Err(error) => {
            entry.error = Some(strip_path(&error.to_string(), path));
            Ok(Outcome::Read { entry, text: None, kind })
        }
    }
}

/// Ingest messages start with the path; the scan lists the path separately.
fn strip_path(message: &str, path: &Path) -> String {
    let prefix = format!("{}: ", path.display());
    message.strip_prefix(&prefix).unwrap_or(message).to_string()
}

/// Modification time as `(seconds, nanoseconds)` since the Unix epoch (`(0, 0)` when unknown).
pub(crate) fn modified(metadata: &fs::Metadata) -> (i64, u32) {
    match metadata.modified() {
        Ok(time) => match time.duration_since(UNIX_EPOCH) {
            Ok(after) => (after.as_secs() as i64, after.subsec_nanos()),
            Err(before) => (-(before.duration().as_secs() as i64), before.duration().subsec_nanos()),
        },
        Err(_) => (0, 0),
    }
}

/// Hash of a file's bytes, for change detection (not security).
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(bytes);
    hasher.write_usize(bytes.len());
    hasher.finish()
}

/// Where the index of `root` may live, in order of preference.
pub fn index_locations(root: &Path, options: &ScanOptions) -> Vec<PathBuf> {
    let mut locations = vec![root.join(INDEX_DIR).join(INDEX_FILE)];
    let cache = options.cache_dir.clone().or_else(crate::cache::user_cache_dir);
    if let Some(cache) = cache {
        let mut hasher = FxHasher::default();
        hasher.write(root.to_string_lossy().as_bytes());
        locations.push(cache.join("duizhao").join(format!("{:016x}", hasher.finish())).join(INDEX_FILE));
    }
    locations
}

fn load_first(locations: &[PathBuf]) -> Option<Result<(SavedIndex, PathBuf), IndexFileError>> {
    locations.iter().find(|l| l.is_file()).map(|path| match fs::read(path) {
        Ok(bytes) => decode(&bytes).map(|saved| (saved, path.clone())),
        Err(error) => Err(IndexFileError::io("cannot read", &error)),
    })
}

impl CorpusIndex {
    /// Absolute path of entry `i`.
    pub fn path_of(&self, i: usize) -> PathBuf {
        self.entries.get(i).map(|e| self.root.join(&e.path)).unwrap_or_default()
    }

    /// Read entry `i` again: its decoded text. Fails (with a message) when the file cannot be read
    /// any more or changed since it was indexed.
    pub fn read_text(&self, i: usize) -> Result<CharText, IndexFileError> {
        let entry = self.entries.get(i).ok_or(IndexFileError::NoSuchDocument)?;
        let path = self.root.join(&entry.path);
        let bytes = fs::read(&path).map_err(|error| IndexFileError::io("cannot read", &error))?;
        if content_hash(&bytes) != entry.content_hash {
            return Err(IndexFileError::Changed);
        }
        let decoded = ingest::read_bytes(&path, &bytes)
            .map_err(|error| IndexFileError::Decode(strip_path(&error.to_string(), &path)))?;
        Ok(CharText::new(decoded.text))
    }

    /// Save `index.bin` at `path` (temporary file + rename), after its postings; copies at the
    /// other `locations` are removed (a stale copy would be loaded first next time).
    fn save(&self, path: &Path, generation: u64, locations: &[PathBuf]) -> Result<(), IndexFileError> {
        let bytes = encode(self, generation);
        crate::report::atomic::write(path, &bytes, &[])
            .map_err(|error| IndexFileError::Io { what: "cannot save the index", detail: error.to_string() })?;
        for other in locations.iter().filter(|l| l.as_path() != path) {
            let _ = fs::remove_file(other);
            let _ = fs::remove_file(other.with_file_name(POSTINGS_FILE));
        }
        Ok(())
    }
}

fn normalize_bits(options: &NormalizeOptions) -> u8 {
    u8::from(options.ignore_punctuation)
        | u8::from(options.ignore_whitespace) << 1
        | u8::from(options.fold_width) << 2
        | u8::from(options.fold_variants) << 3
        | u8::from(options.fold_levels) << 4
}

fn normalize_from_bits(bits: u8) -> NormalizeOptions {
    NormalizeOptions {
        ignore_punctuation: bits & 1 != 0,
        ignore_whitespace: bits & 2 != 0,
        fold_width: bits & 4 != 0,
        fold_variants: bits & 8 != 0,
        fold_levels: bits & 16 != 0,
    }
}

fn format_code(format: Option<Format>) -> u8 {
    match format {
        None => 0,
        Some(Format::Txt) => 1,
        Some(Format::Docx) => 2,
        Some(Format::Html) => 3,
        Some(Format::Pdf) => 4,
    }
}

fn format_from_code(code: u8) -> Option<Format> {
    match code {
        1 => Some(Format::Txt),
        2 => Some(Format::Docx),
        3 => Some(Format::Html),
        4 => Some(Format::Pdf),
        _ => None,
    }
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().as_bytes().to_vec()
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

fn encode(index: &CorpusIndex, generation: u64) -> Vec<u8> {
    let now = std::time::SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    encode_parts(&index.root, &index.params, &index.entries, generation, &index.folders, now)
}

fn encode_parts(
    root: &Path,
    params: &IndexParams,
    entries: &[IndexEntry],
    generation: u64,
    folders: &[FolderTime],
    saved_at: i64,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + entries.len() * 96);
    out.extend_from_slice(MAGIC);
    // Fingerprints depend on how ingest decodes files: another version re-reads everything.
    put_bytes(&mut out, VERSION.as_bytes());
    out.extend_from_slice(&generation.to_le_bytes());
    out.extend_from_slice(&(params.params.k as u32).to_le_bytes());
    out.extend_from_slice(&(params.params.window as u32).to_le_bytes());
    out.push(normalize_bits(&params.normalize));
    put_bytes(&mut out, &path_bytes(root));
    out.extend_from_slice(&(entries.len() as u64).to_le_bytes());
    for entry in entries {
        put_bytes(&mut out, &path_bytes(&entry.path));
        for value in
            [entry.size, entry.mtime.0 as u64, entry.content_hash, entry.text_hash, entry.chars, entry.norm_chars]
        {
            out.extend_from_slice(&value.to_le_bytes());
        }
        out.extend_from_slice(&entry.mtime.1.to_le_bytes());
        out.push(format_code(entry.format));
        match &entry.error {
            Some(error) => {
                out.push(1);
                put_bytes(&mut out, error.as_bytes());
            }
            None => out.push(0),
        }
        out.extend_from_slice(&entry.fingerprint_count.to_le_bytes());
    }
    out.extend_from_slice(&(folders.len() as u64).to_le_bytes());
    for (dir, time) in folders {
        put_bytes(&mut out, &path_bytes(dir));
        out.extend_from_slice(&(time.0 as u64).to_le_bytes());
        out.extend_from_slice(&time.1.to_le_bytes());
    }
    out.extend_from_slice(&(saved_at as u64).to_le_bytes());
    let checksum = content_hash(&out);
    out.extend_from_slice(&checksum.to_le_bytes());
    out
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(bytes);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], IndexFileError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(IndexFileError::Damaged("truncated"))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn u8(&mut self) -> Result<u8, IndexFileError> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, IndexFileError> {
        let mut buf = [0u8; 4];
        buf.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(buf))
    }

    fn u64(&mut self) -> Result<u64, IndexFileError> {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(buf))
    }

    fn len(&mut self, unit: usize) -> Result<usize, IndexFileError> {
        let n = usize::try_from(self.u64()?).map_err(|_| IndexFileError::Damaged("length out of range"))?;
        if n.saturating_mul(unit) > self.bytes.len() - self.at {
            return Err(IndexFileError::Damaged("length past the end"));
        }
        Ok(n)
    }

    fn bytes(&mut self) -> Result<&'a [u8], IndexFileError> {
        let n = self.len(1)?;
        self.take(n)
    }
}

fn decode(bytes: &[u8]) -> Result<SavedIndex, IndexFileError> {
    if bytes.len() < MAGIC.len() + 8 || !bytes.starts_with(MAGIC) {
        return Err(IndexFileError::NotAnIndex);
    }
    let (body, tail) = bytes.split_at(bytes.len() - 8);
    let mut checksum = [0u8; 8];
    checksum.copy_from_slice(tail);
    if content_hash(body) != u64::from_le_bytes(checksum) {
        return Err(IndexFileError::Damaged("checksum mismatch"));
    }
    let mut reader = Reader { bytes: body, at: MAGIC.len() };
    let version = String::from_utf8_lossy(reader.bytes()?).into_owned();
    if version != VERSION {
        return Err(IndexFileError::OtherVersion(version));
    }
    let generation = reader.u64()?;
    let k = reader.u32()? as usize;
    let window = reader.u32()? as usize;
    if k == 0 || window == 0 {
        return Err(IndexFileError::Damaged("bad parameters"));
    }
    let normalize = normalize_from_bits(reader.u8()?);
    // The folder it was built for (a copied index is re-checked file by file anyway).
    let _root = path_from_bytes(reader.bytes()?);
    let count = reader.len(1)?;
    let mut entries = Vec::with_capacity(count);
    for _ in 0..count {
        let path = path_from_bytes(reader.bytes()?);
        let size = reader.u64()?;
        let secs = reader.u64()? as i64;
        let content_hash = reader.u64()?;
        let text_hash = reader.u64()?;
        let chars = reader.u64()?;
        let norm_chars = reader.u64()?;
        let nanos = reader.u32()?;
        let format = format_from_code(reader.u8()?);
        let error = match reader.u8()? {
            0 => None,
            _ => Some(String::from_utf8_lossy(reader.bytes()?).into_owned()),
        };
        let fingerprint_count = reader.u64()?;
        entries.push(IndexEntry {
            path,
            size,
            mtime: (secs, nanos),
            content_hash,
            text_hash,
            chars,
            norm_chars,
            format,
            fingerprint_count,
            error,
        });
    }
    let count = reader.len(1)?;
    let mut folders = Vec::with_capacity(count);
    for _ in 0..count {
        let dir = path_from_bytes(reader.bytes()?);
        let secs = reader.u64()? as i64;
        let nanos = reader.u32()?;
        folders.push((dir, (secs, nanos)));
    }
    let saved_at = reader.u64()? as i64;
    Ok(SavedIndex {
        folders,
        saved_at,
        params: IndexParams { params: Params { k, window }, normalize },
        entries,
        generation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_round_trips_and_detects_damage() {
        let root = PathBuf::from("/corpus");
        let params = IndexParams { params: Params { k: 12, window: 19 }, normalize: NormalizeOptions::default() };
        let entries = vec![IndexEntry {
            path: PathBuf::from("a/广东.txt"),
            size: 10,
            mtime: (1_700_000_000, 5),
            content_hash: 1,
            text_hash: 2,
            chars: 3,
            norm_chars: 4,
            format: Some(Format::Html),
            fingerprint_count: 3,
            error: Some("bad".into()),
        }];
        let folders = vec![(PathBuf::from("a"), (1_700_000_000, 7))];
        let mut bytes = encode_parts(&root, &params, &entries, 42, &folders, 1_800_000_000);
        let decoded = decode(&bytes).expect("round trip");
        assert_eq!(decoded.entries, entries);
        assert_eq!(decoded.params, params);
        assert_eq!(decoded.generation, 42);
        assert_eq!((decoded.folders, decoded.saved_at), (folders, 1_800_000_000));
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0xFF;
        assert!(decode(&bytes).is_err());
        assert!(decode(&bytes[..20]).is_err());
    }
}
