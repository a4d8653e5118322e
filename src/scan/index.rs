//! The persistent, incremental corpus index.
//!
//! Per file: path (relative to the corpus folder), size, modification time, content hash, decoded
//! and normalised length, and the sorted distinct winnowed fingerprints of its normalised text. It
//! lives in `DIR/.duizhao-index/index.bin`, or in the user cache folder when the corpus folder is
//! not writable, in a compact little-endian binary format with a checksum (a damaged index is
//! rebuilt, never trusted). It is written to a temporary file and renamed into place.
//!
//! Updating: a file whose size and modification time match its entry is not read at all; any other
//! file is read and hashed, and only decoded and fingerprinted again when its content changed.
//! Entries of files that are gone are dropped.

use std::collections::HashMap;
use std::fs;
use std::hash::Hasher;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use rustc_hash::FxHasher;

use super::progress::Control;
use super::walk::walk;
use super::{ScanError, ScanOptions, Skipped};
use crate::ingest::{self, MAX_FILE_BYTES};
use crate::model::Format;
use crate::reuse::fingerprint::{NormText, Params, fingerprint_set};
use crate::segment::normalize::NormalizeOptions;
use crate::text::CharText;

/// Name of the index folder kept inside the corpus folder (the walk never enters it).
pub const INDEX_DIR: &str = ".duizhao-index";
const INDEX_FILE: &str = "index.bin";
const MAGIC: &[u8; 8] = b"DZSCAN\0\x01";
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
    /// Sorted distinct fingerprints of the normalised text.
    pub fingerprints: Vec<u64>,
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
    Reused(IndexEntry),
    Read { entry: IndexEntry, text: Option<Arc<CharText>>, kind: ReadKind },
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
    let (previous, params) = match load_first(&locations) {
        Some(Ok(index)) if index.params.serves(&wanted) => (index.entries, index.params),
        Some(Ok(_)) => {
            stats.rebuilt = Some("the index was built with other settings".into());
            (Vec::new(), wanted)
        }
        Some(Err(detail)) => {
            stats.rebuilt = Some(format!("the saved index could not be used: {detail}"));
            (Vec::new(), wanted)
        }
        None => (Vec::new(), wanted),
    };

    control.progress.phase("finding", 0);
    let walked = walk(&root, control)?;
    if let Some(hook) = &options.after_walk {
        hook(&walked.files);
    }
    let mut skipped = walked.skipped;
    stats.files = walked.files.len();

    let old: HashMap<&Path, &IndexEntry> = previous.iter().map(|e| (e.path.as_path(), e)).collect();
    control.progress.phase("indexing", walked.files.len() as u64);
    // Texts are kept only within the all-pairs memory budget; the rest is read again when compared.
    let kept_chars = AtomicUsize::new(0);
    let outcomes: Vec<Result<Outcome, ScanError>> = walked
        .files
        .par_iter()
        .map(|path| {
            control.check()?;
            let relative = path.strip_prefix(&root).unwrap_or(path).to_path_buf();
            let keep = keep_texts && kept_chars.load(Ordering::Relaxed) < options.max_loaded_chars;
            let mut outcome =
                update_file(path, relative.as_path(), old.get(relative.as_path()).copied(), &params, keep);
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

    let mut entries = Vec::with_capacity(outcomes.len());
    let mut texts_by_path: HashMap<PathBuf, Arc<CharText>> = HashMap::new();
    for outcome in outcomes {
        match outcome? {
            Outcome::Reused(entry) => {
                stats.unchanged += 1;
                entries.push(entry);
            }
            Outcome::Read { entry, text, kind } => {
                stats.read += 1;
                match kind {
                    ReadKind::Added => stats.added += 1,
                    ReadKind::Changed => stats.changed += 1,
                    ReadKind::Touched => stats.touched += 1,
                }
                if let Some(text) = text {
                    texts_by_path.insert(entry.path.clone(), text);
                }
                entries.push(entry);
            }
            Outcome::Vanished(skip) => skipped.push(skip),
        }
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let kept: std::collections::HashSet<&Path> = entries.iter().map(|e| e.path.as_path()).collect();
    stats.removed = previous.iter().filter(|e| !kept.contains(e.path.as_path())).count();
    for entry in &entries {
        if let Some(error) = &entry.error {
            stats.failed += 1;
            skipped.push(Skipped { path: root.join(&entry.path), reason: error.clone() });
        }
    }
    skipped.sort();
    skipped.dedup();
    let texts = entries.iter().map(|e| texts_by_path.remove(&e.path)).collect();
    let index = CorpusIndex { root, params, entries };

    let dirty = stats.added + stats.changed + stats.touched + stats.removed > 0 || stats.rebuilt.is_some();
    let (saved_to, save_error) = if dirty || !locations.iter().any(|l| l.exists()) {
        match index.save(&locations) {
            Ok(path) => (Some(path), None),
            Err(error) => (None, Some(error)),
        }
    } else {
        (locations.iter().find(|l| l.exists()).cloned(), None)
    };
    control.progress.finish();
    Ok(Opened { index, stats, skipped, texts, saved_to, save_error })
}

fn update_file(
    path: &Path,
    relative: &Path,
    old: Option<&IndexEntry>,
    params: &IndexParams,
    keep_texts: bool,
) -> Outcome {
    let vanished = |reason: String| Outcome::Vanished(Skipped { path: path.to_path_buf(), reason });
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return vanished("vanished during the scan".into());
        }
        Err(error) => return vanished(format!("cannot read file information: {error}")),
    };
    let size = metadata.len();
    let mtime = modified(&metadata);
    if let Some(old) = old
        && old.size == size
        && old.mtime == mtime
    {
        return Outcome::Reused(old.clone());
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
        fingerprints: Vec::new(),
        error: None,
    };
    let mut kind = if old.is_some() { ReadKind::Changed } else { ReadKind::Added };
    if size > MAX_FILE_BYTES {
        entry.error = Some(format!("too large ({size} bytes; the limit is {MAX_FILE_BYTES} bytes)"));
        return Outcome::Read { entry, text: None, kind };
    }
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return vanished("vanished during the scan".into());
        }
        Err(error) => {
            entry.error = Some(format!("cannot read: {error}"));
            return Outcome::Read { entry, text: None, kind };
        }
    };
    entry.size = bytes.len() as u64;
    entry.content_hash = content_hash(&bytes);
    if let Some(old) = old
        && old.content_hash == entry.content_hash
        && old.error.is_none()
    {
        if !keep_texts {
            let entry = IndexEntry { size: entry.size, mtime, ..old.clone() };
            return Outcome::Read { entry, text: None, kind: ReadKind::Touched };
        }
        kind = ReadKind::Touched;
    }
    match ingest::read_bytes(path, &bytes) {
        Ok(decoded) => {
            let text = CharText::new(decoded.text);
            let norm = NormText::new(&text, &params.normalize);
            entry.chars = text.char_len() as u64;
            entry.norm_chars = norm.len() as u64;
            entry.text_hash = norm.text_hash();
            entry.format = Some(decoded.format);
            entry.fingerprints = fingerprint_set(norm.chars(), params.params);
            let text = keep_texts.then(|| Arc::new(text));
            Outcome::Read { entry, text, kind }
        }
        Err(error) => {
            entry.error = Some(strip_path(&error.to_string(), path));
            Outcome::Read { entry, text: None, kind }
        }
    }
}

/// Ingest messages start with the path; the scan lists the path separately.
fn strip_path(message: &str, path: &Path) -> String {
    let prefix = format!("{}: ", path.display());
    message.strip_prefix(&prefix).unwrap_or(message).to_string()
}

fn modified(metadata: &fs::Metadata) -> (i64, u32) {
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
    let cache = options.cache_dir.clone().or_else(|| {
        std::env::var_os("XDG_CACHE_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
    });
    if let Some(cache) = cache {
        let mut hasher = FxHasher::default();
        hasher.write(root.to_string_lossy().as_bytes());
        locations.push(cache.join("duizhao").join(format!("{:016x}", hasher.finish())).join(INDEX_FILE));
    }
    locations
}

fn load_first(locations: &[PathBuf]) -> Option<Result<CorpusIndex, String>> {
    locations.iter().find(|l| l.is_file()).map(|path| match fs::read(path) {
        Ok(bytes) => decode(&bytes),
        Err(error) => Err(error.to_string()),
    })
}

impl CorpusIndex {
    /// Absolute path of entry `i`.
    pub fn path_of(&self, i: usize) -> PathBuf {
        self.entries.get(i).map(|e| self.root.join(&e.path)).unwrap_or_default()
    }

    /// Read entry `i` again: its decoded text. Fails (with a message) when the file cannot be read
    /// any more or changed since it was indexed.
    pub fn read_text(&self, i: usize) -> Result<CharText, String> {
        let entry = self.entries.get(i).ok_or_else(|| "no such document".to_string())?;
        let path = self.root.join(&entry.path);
        let bytes = fs::read(&path).map_err(|error| format!("cannot read: {error}"))?;
        if content_hash(&bytes) != entry.content_hash {
            return Err("changed since it was indexed; scan again".into());
        }
        let decoded = ingest::read_bytes(&path, &bytes).map_err(|error| strip_path(&error.to_string(), &path))?;
        Ok(CharText::new(decoded.text))
    }

    /// Save to the first writable location (temporary file + rename); returns where.
    fn save(&self, locations: &[PathBuf]) -> Result<PathBuf, String> {
        let bytes = encode(self);
        let mut errors = Vec::new();
        for location in locations {
            match write_atomically(location, &bytes) {
                Ok(()) => {
                    // A stale copy elsewhere would be loaded first next time.
                    for other in locations.iter().filter(|l| *l != location) {
                        let _ = fs::remove_file(other);
                    }
                    return Ok(location.clone());
                }
                Err(error) => errors.push(format!("{}: {error}", location.display())),
            }
        }
        Err(format!("cannot save the index ({})", errors.join("; ")))
    }
}

/// Write `bytes` to `path` through a temporary file in the same folder, so readers never see a
/// half-written file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

fn normalize_bits(options: &NormalizeOptions) -> u8 {
    u8::from(options.ignore_punctuation)
        | u8::from(options.ignore_whitespace) << 1
        | u8::from(options.fold_width) << 2
        | u8::from(options.fold_variants) << 3
}

fn normalize_from_bits(bits: u8) -> NormalizeOptions {
    NormalizeOptions {
        ignore_punctuation: bits & 1 != 0,
        ignore_whitespace: bits & 2 != 0,
        fold_width: bits & 4 != 0,
        fold_variants: bits & 8 != 0,
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

fn encode(index: &CorpusIndex) -> Vec<u8> {
    let fingerprints: usize = index.entries.iter().map(|e| e.fingerprints.len()).sum();
    let mut out = Vec::with_capacity(64 + index.entries.len() * 96 + fingerprints * 8);
    out.extend_from_slice(MAGIC);
    // Fingerprints depend on how ingest decodes files: another version re-reads everything.
    put_bytes(&mut out, VERSION.as_bytes());
    out.extend_from_slice(&(index.params.params.k as u32).to_le_bytes());
    out.extend_from_slice(&(index.params.params.window as u32).to_le_bytes());
    out.push(normalize_bits(&index.params.normalize));
    put_bytes(&mut out, &path_bytes(&index.root));
    out.extend_from_slice(&(index.entries.len() as u64).to_le_bytes());
    for entry in &index.entries {
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
        out.extend_from_slice(&(entry.fingerprints.len() as u64).to_le_bytes());
        for fingerprint in &entry.fingerprints {
            out.extend_from_slice(&fingerprint.to_le_bytes());
        }
    }
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
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&end| end <= self.bytes.len()).ok_or("damaged (truncated)")?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, String> {
        let mut buf = [0u8; 4];
        buf.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(buf))
    }

    fn u64(&mut self) -> Result<u64, String> {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(buf))
    }

    fn len(&mut self, unit: usize) -> Result<usize, String> {
        let n = usize::try_from(self.u64()?).map_err(|_| "length out of range")?;
        if n.saturating_mul(unit) > self.bytes.len() - self.at {
            return Err("damaged (length past the end)".into());
        }
        Ok(n)
    }

    fn bytes(&mut self) -> Result<&'a [u8], String> {
        let n = self.len(1)?;
        self.take(n)
    }
}

fn decode(bytes: &[u8]) -> Result<CorpusIndex, String> {
    if bytes.len() < MAGIC.len() + 8 || !bytes.starts_with(MAGIC) {
        return Err("not a Duizhao scan index of this version".into());
    }
    let (body, tail) = bytes.split_at(bytes.len() - 8);
    let mut checksum = [0u8; 8];
    checksum.copy_from_slice(tail);
    if content_hash(body) != u64::from_le_bytes(checksum) {
        return Err("damaged (checksum mismatch)".into());
    }
    let mut reader = Reader { bytes: body, at: MAGIC.len() };
    let version = String::from_utf8_lossy(reader.bytes()?).into_owned();
    if version != VERSION {
        return Err(format!("written by duizhao {version}"));
    }
    let k = reader.u32()? as usize;
    let window = reader.u32()? as usize;
    if k == 0 || window == 0 {
        return Err("bad parameters".into());
    }
    let normalize = normalize_from_bits(reader.u8()?);
    let root = path_from_bytes(reader.bytes()?);
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
        let n = reader.len(8)?;
        let mut fingerprints = Vec::with_capacity(n);
        for _ in 0..n {
            fingerprints.push(reader.u64()?);
        }
        entries.push(IndexEntry {
            path,
            size,
            mtime: (secs, nanos),
            content_hash,
            text_hash,
            chars,
            norm_chars,
            format,
            fingerprints,
            error,
        });
    }
    Ok(CorpusIndex { root, params: IndexParams { params: Params { k, window }, normalize }, entries })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_round_trips_and_detects_damage() {
        let index = CorpusIndex {
            root: PathBuf::from("/corpus"),
            params: IndexParams { params: Params { k: 12, window: 19 }, normalize: NormalizeOptions::default() },
            entries: vec![IndexEntry {
                path: PathBuf::from("a/广东.txt"),
                size: 10,
                mtime: (1_700_000_000, 5),
                content_hash: 1,
                text_hash: 2,
                chars: 3,
                norm_chars: 4,
                format: Some(Format::Html),
                fingerprints: vec![5, 6, u64::MAX],
                error: Some("bad".into()),
            }],
        };
        let mut bytes = encode(&index);
        let decoded = decode(&bytes).expect("round trip");
        assert_eq!(decoded.entries, index.entries);
        assert_eq!(decoded.params, index.params);
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0xFF;
        assert!(decode(&bytes).is_err());
        assert!(decode(&bytes[..20]).is_err());
    }
}
