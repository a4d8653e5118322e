//! The folder index's inverted file: every `(fingerprint, document)` posting, sorted, on disk.
//!
//! A draft check looks up a few thousand fingerprints and an all-pairs run reads every posting once
//! in order, so neither needs the fingerprints in memory: the postings stay in one file
//! (`postings.bin` next to `index.bin`), read through small buffers. Memory does not grow with the
//! folder beyond a sparse directory (one hash per [`BLOCK`] postings, 0.7 bytes per posting).
//!
//! Layout (little endian): a 32-byte header (magic, generation, posting count, block size), the
//! postings as 12-byte records `(hash: u64, document: u32)` sorted by hash then document, then the
//! directory: the hash of every [`BLOCK`]-th record. The generation ties the file to the
//! `index.bin` that was saved with it: a mismatch means a crash between the two writes, and the
//! index is rebuilt.
//!
//! Building: documents are fingerprinted in parallel and their postings appended to bucket files
//! by the top bits of the hash; each bucket is then sorted alone and merged with the unchanged
//! documents' postings of the previous file, so memory stays bounded by one bucket whatever the
//! folder size, and an update re-reads only the files that changed.

use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::IndexFileError;

/// Bytes of one posting on disk.
const RECORD: usize = 12;
/// Postings per directory entry: a lookup reads about one block (12 KB).
pub const BLOCK: usize = 1024;
const HEADER: usize = 32;
const MAGIC: &[u8; 8] = b"DZPOST\x00\x01";
/// Postings a bucket is meant to hold (48 MB): buckets are sized from the expected total.
const BUCKET_TARGET: u64 = 4_000_000;
/// Most bucket files at once.
const MAX_BUCKET_BITS: u32 = 10;

/// An opened postings file.
#[derive(Clone, Debug)]
pub struct Postings {
    path: PathBuf,
    generation: u64,
    records: u64,
    /// Hash of every [`BLOCK`]-th record.
    directory: Vec<u64>,
}

/// The postings of one fingerprint: its hash and the documents (entry indices, ascending).
pub type Group = (u64, Vec<u32>);

impl Postings {
    /// Open `path`, which must have been written with `generation`.
    pub fn open(path: &Path, generation: u64) -> Result<Self, IndexFileError> {
        let failed = |error: io::Error| IndexFileError::io("cannot read the postings", &error);
        let mut file = File::open(path).map_err(|error| IndexFileError::io("cannot open the postings", &error))?;
        let length = file.metadata().map_err(failed)?.len();
        let mut header = [0u8; HEADER];
        file.read_exact(&mut header).map_err(|_| IndexFileError::Damaged("postings header truncated"))?;
        if &header[..8] != MAGIC {
            return Err(IndexFileError::NotAnIndex);
        }
        let word = |i: usize| u64::from_le_bytes(header[i..i + 8].try_into().unwrap_or([0; 8]));
        if word(8) != generation {
            return Err(IndexFileError::OtherGeneration);
        }
        let records = word(16);
        if word(24) != BLOCK as u64 {
            return Err(IndexFileError::Damaged("postings block size"));
        }
        let blocks = records.div_ceil(BLOCK as u64);
        let expected = (HEADER as u64).checked_add(records.saturating_mul(RECORD as u64));
        let expected = expected.and_then(|n| n.checked_add(blocks * 8));
        if expected != Some(length) {
            return Err(IndexFileError::Damaged("postings length does not match"));
        }
        file.seek(SeekFrom::Start(HEADER as u64 + records * RECORD as u64)).map_err(failed)?;
        let mut raw = vec![0u8; (blocks * 8) as usize];
        file.read_exact(&mut raw).map_err(failed)?;
        let directory = raw.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8]))).collect();
        Ok(Self { path: path.to_path_buf(), generation, records, directory })
    }

    /// Number of postings.
    pub fn len(&self) -> u64 {
        self.records
    }

    /// True when there are no postings.
    pub fn is_empty(&self) -> bool {
        self.records == 0
    }

    /// The generation the file was written with.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The postings of each of `hashes` (sorted, distinct) that has any, in hash order. Reads only
    /// the blocks that can hold them.
    pub fn lookup(&self, hashes: &[u64]) -> io::Result<Vec<Group>> {
        let mut file = File::open(&self.path)?;
        let mut out: Vec<Group> = Vec::new();
        let mut buffer: Vec<u8> = Vec::new();
        // Index of the first record of the block read last.
        let mut loaded: Option<u64> = None;
        for &hash in hashes {
            // The first block whose first hash is not below `hash` may begin inside the group:
            // start one block earlier.
            let block = self.directory.partition_point(|&h| h < hash).saturating_sub(1) as u64;
            let mut index = block * BLOCK as u64;
            let mut docs: Vec<u32> = Vec::new();
            // Inside the first block, the group's first record is found by binary search (the
            // records are sorted); from there on they are read in order, across blocks if need be.
            if index < self.records {
                self.load_block(&mut file, index, &mut loaded, &mut buffer)?;
                let (mut low, mut high) = (0usize, buffer.len() / RECORD);
                while low < high {
                    let middle = usize::midpoint(low, high);
                    if record(&buffer[middle * RECORD..]).0 < hash {
                        low = middle + 1;
                    } else {
                        high = middle;
                    }
                }
                index += low as u64;
            }
            while index < self.records {
                let first = index - index % BLOCK as u64;
                self.load_block(&mut file, first, &mut loaded, &mut buffer)?;
                let (h, doc) = record(&buffer[(index - first) as usize * RECORD..]);
                if h > hash {
                    break;
                }
                if h == hash {
                    docs.push(doc);
                }
                index += 1;
            }
            if !docs.is_empty() {
                out.push((hash, docs));
            }
        }
        Ok(out)
    }

    /// Read the block whose first record is `first` (a multiple of [`BLOCK`]) into `buffer`,
    /// unless it is the block `loaded` already holds.
    fn load_block(
        &self,
        file: &mut File,
        first: u64,
        loaded: &mut Option<u64>,
        buffer: &mut Vec<u8>,
    ) -> io::Result<()> {
        if *loaded == Some(first) {
            return Ok(());
        }
        let count = (self.records - first).min(BLOCK as u64);
        buffer.resize(count as usize * RECORD, 0);
        file.seek(SeekFrom::Start(HEADER as u64 + first * RECORD as u64))?;
        file.read_exact(buffer)?;
        *loaded = Some(first);
        Ok(())
    }

    /// Every group, in hash order, read sequentially.
    pub fn groups(&self) -> io::Result<Groups> {
        let mut file = File::open(&self.path)?;
        file.seek(SeekFrom::Start(HEADER as u64))?;
        Ok(Groups { reader: BufReader::with_capacity(1 << 16, file), left: self.records, pending: None })
    }
}

fn record(bytes: &[u8]) -> (u64, u32) {
    let hash = u64::from_le_bytes(bytes[..8].try_into().unwrap_or([0; 8]));
    let doc = u32::from_le_bytes(bytes[8..12].try_into().unwrap_or([0; 4]));
    (hash, doc)
}

/// Sequential reader of the postings, one fingerprint at a time.
pub struct Groups {
    reader: BufReader<File>,
    left: u64,
    pending: Option<(u64, u32)>,
}

impl Groups {
    fn next_record(&mut self) -> io::Result<Option<(u64, u32)>> {
        if let Some(record) = self.pending.take() {
            return Ok(Some(record));
        }
        if self.left == 0 {
            return Ok(None);
        }
        let mut raw = [0u8; RECORD];
        self.reader.read_exact(&mut raw)?;
        self.left -= 1;
        Ok(Some(record(&raw)))
    }

    /// The next group, or `None` at the end.
    pub fn next_group(&mut self) -> io::Result<Option<Group>> {
        let Some((hash, doc)) = self.next_record()? else { return Ok(None) };
        let mut docs = vec![doc];
        while let Some((h, d)) = self.next_record()? {
            if h != hash {
                self.pending = Some((h, d));
                break;
            }
            docs.push(d);
        }
        Ok(Some((hash, docs)))
    }
}

/// Collects the postings of newly read documents in bucket files, then writes the sorted file.
pub struct Builder {
    dir: PathBuf,
    bits: u32,
    buckets: Vec<Mutex<BufWriter<File>>>,
}

impl Builder {
    /// Bucket files in a new folder `dir` (removed when the builder is finished or dropped), sized
    /// for about `expected` postings.
    pub fn new(dir: &Path, expected: u64) -> io::Result<Self> {
        let _ = fs::remove_dir_all(dir);
        fs::create_dir_all(dir)?;
        let mut bits = 0;
        while bits < MAX_BUCKET_BITS && (expected >> bits) > BUCKET_TARGET {
            bits += 1;
        }
        let buckets = (0..1usize << bits)
            .map(|b| Ok(Mutex::new(BufWriter::with_capacity(1 << 15, File::create(dir.join(format!("{b}.tmp")))?))))
            .collect::<io::Result<_>>()?;
        Ok(Self { dir: dir.to_path_buf(), bits, buckets })
    }

    fn bucket_of(&self, hash: u64) -> usize {
        if self.bits == 0 { 0 } else { (hash >> (64 - self.bits)) as usize }
    }

    /// Add the sorted, distinct fingerprints of document `doc` (a temporary number, mapped in
    /// [`Builder::finish`]).
    pub fn add(&self, doc: u32, fingerprints: &[u64]) -> io::Result<()> {
        for run in fingerprints.chunk_by(|x, y| self.bucket_of(*x) == self.bucket_of(*y)) {
            let mut bytes = Vec::with_capacity(run.len() * RECORD);
            for &hash in run {
                bytes.extend_from_slice(&hash.to_le_bytes());
                bytes.extend_from_slice(&doc.to_le_bytes());
            }
            let bucket = &self.buckets[self.bucket_of(run[0])];
            let mut writer = bucket.lock().map_err(|_| io::Error::other("a fingerprinting thread failed"))?;
            writer.write_all(&bytes)?;
        }
        Ok(())
    }

    /// Write the postings file `out` (through the atomic writer, [`crate::report::atomic`]): the added
    /// postings with their documents renumbered by `new_id` (`None`: dropped), merged with the
    /// postings of `old` renumbered by `old_id`.
    pub fn finish(
        mut self,
        new_id: &[Option<u32>],
        old: Option<(&Postings, &[Option<u32>])>,
        out: &Path,
        generation: u64,
    ) -> io::Result<Postings> {
        let (dir, bits, buckets) = (self.dir.clone(), self.bits, std::mem::take(&mut self.buckets));
        let mut files = Vec::with_capacity(buckets.len());
        for bucket in buckets {
            let writer = bucket.into_inner().map_err(|_| io::Error::other("a fingerprinting thread failed"))?;
            writer.into_inner().map_err(|error| error.into_error())?.sync_all()?;
        }
        for b in 0..1usize << bits {
            files.push(dir.join(format!("{b}.tmp")));
        }
        let result = (|| {
            // The one atomic writer: a temporary file beside `out`, persisted when complete.
            let temp = crate::report::atomic::create(out, &[]).map_err(io::Error::other)?;
            let mut writer = BufWriter::with_capacity(1 << 16, temp);
            writer.write_all(&[0u8; HEADER])?;
            let mut old_groups = match old {
                Some((postings, _)) => Some(postings.groups()?),
                None => None,
            };
            let old_ids = old.map(|(_, ids)| ids).unwrap_or(&[]);
            let next_old = |groups: &mut Option<Groups>| -> io::Result<Option<(u64, u32)>> {
                let Some(groups) = groups else { return Ok(None) };
                while let Some((hash, doc)) = groups.next_record()? {
                    if let Some(Some(id)) = old_ids.get(doc as usize) {
                        return Ok(Some((hash, *id)));
                    }
                }
                Ok(None)
            };
            let mut old_next = next_old(&mut old_groups)?;
            let mut count: u64 = 0;
            let mut directory: Vec<u64> = Vec::new();
            let mut emit =
                |writer: &mut BufWriter<tempfile::NamedTempFile>, (hash, doc): (u64, u32)| -> io::Result<()> {
                    if count.is_multiple_of(BLOCK as u64) {
                        directory.push(hash);
                    }
                    writer.write_all(&hash.to_le_bytes())?;
                    writer.write_all(&doc.to_le_bytes())?;
                    count += 1;
                    Ok(())
                };
            for (b, path) in files.iter().enumerate() {
                let raw = fs::read(path)?;
                let mut fresh: Vec<(u64, u32)> = raw
                    .chunks_exact(RECORD)
                    .map(record)
                    .filter_map(|(hash, doc)| new_id.get(doc as usize).copied().flatten().map(|id| (hash, id)))
                    .collect();
                drop(raw);
                fresh.sort_unstable();
                let _ = fs::remove_file(path);
                let bucket_of = |hash: u64| if bits == 0 { 0 } else { (hash >> (64 - bits)) as usize };
                let mut fresh = fresh.into_iter().peekable();
                loop {
                    let take_old = match (old_next, fresh.peek()) {
                        (Some(o), Some(&f)) => bucket_of(o.0) == b && o < f,
                        (Some(o), None) => bucket_of(o.0) == b,
                        (None, _) => false,
                    };
                    if take_old {
                        if let Some(o) = old_next {
                            emit(&mut writer, o)?;
                        }
                        old_next = next_old(&mut old_groups)?;
                    } else if let Some(f) = fresh.next() {
                        emit(&mut writer, f)?;
                    } else {
                        break;
                    }
                }
            }
            for hash in &directory {
                writer.write_all(&hash.to_le_bytes())?;
            }
            let mut temp = writer.into_inner().map_err(|error| error.into_error())?;
            let mut header = Vec::with_capacity(HEADER);
            header.extend_from_slice(MAGIC);
            header.extend_from_slice(&generation.to_le_bytes());
            header.extend_from_slice(&count.to_le_bytes());
            header.extend_from_slice(&(BLOCK as u64).to_le_bytes());
            temp.seek(SeekFrom::Start(0))?;
            temp.write_all(&header)?;
            drop(old_groups);
            crate::report::atomic::persist(temp, out).map_err(io::Error::other)
        })();
        let _ = fs::remove_dir_all(&dir);
        result?;
        Postings::open(out, generation).map_err(io::Error::other)
    }
}

impl Drop for Builder {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(
        dir: &Path,
        docs: &[(u32, Vec<u64>)],
        new_id: &[Option<u32>],
        old: Option<(&Postings, &[Option<u32>])>,
        name: &str,
    ) -> Postings {
        let builder = Builder::new(&dir.join(format!("{name}.buckets")), 0).expect("builder");
        for (doc, prints) in docs {
            builder.add(*doc, prints).expect("add");
        }
        builder.finish(new_id, old, &dir.join(format!("{name}.bin")), 7).expect("finish")
    }

    #[test]
    fn lookup_and_groups_agree_and_updates_merge() {
        let dir = tempfile::tempdir().expect("tempdir");
        // Enough postings for several blocks, with groups crossing block boundaries.
        let a: Vec<u64> = (0..3000u64).map(|i| i * 3).collect();
        let b: Vec<u64> = (0..3000u64).map(|i| i * 2).collect();
        let first = build(dir.path(), &[(0, a.clone()), (1, b.clone())], &[Some(0), Some(1)], None, "first");
        assert_eq!(first.len(), 6000);
        let found = first.lookup(&[0, 6, 9, 10, 8999, 9000]).expect("lookup");
        assert_eq!(found, vec![(0, vec![0, 1]), (6, vec![0, 1]), (9, vec![0]), (10, vec![1])]);
        let mut groups = first.groups().expect("groups");
        let mut n = 0;
        let mut last = None;
        while let Some((hash, docs)) = groups.next_group().expect("group") {
            assert!(last.is_none_or(|l| l < hash));
            last = Some(hash);
            n += docs.len();
        }
        assert_eq!(n, 6000);
        // Update: document 0 is dropped, 1 becomes 0, a new document (temporary 0) becomes 1.
        let c: Vec<u64> = vec![1, 6, 5999];
        let second = build(dir.path(), &[(0, c)], &[Some(1)], Some((&first, &[None, Some(0)])), "second");
        assert_eq!(second.len(), 3003);
        assert_eq!(second.lookup(&[6, 9, 5999]).expect("lookup"), vec![(6, vec![0, 1]), (5999, vec![1])]);
    }

    #[test]
    fn a_file_of_another_generation_or_truncated_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let postings = build(dir.path(), &[(0, vec![1, 2, 3])], &[Some(0)], None, "p");
        assert!(Postings::open(&dir.path().join("p.bin"), 8).is_err());
        let bytes = fs::read(dir.path().join("p.bin")).expect("read");
        fs::write(dir.path().join("p.bin"), &bytes[..bytes.len() - 3]).expect("write");
        assert!(Postings::open(&dir.path().join("p.bin"), postings.generation()).is_err());
    }
}
