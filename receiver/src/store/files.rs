//! Where files are kept, named by their SHA-256: a local folder (the default) or an S3-compatible
//! bucket (`bucket.rs`). A file arrives as a temporary file already checked and synced; the store
//! puts it in place durably before the database records it, and deletes only what the database
//! says nothing refers to (`prune.rs`), so both stores need only these few acts.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::StoreResult;

pub trait FileStore: Send + Sync {
    /// Whether a file with this hash and size is held.
    fn holds(&self, sha256: &str, size: u64) -> StoreResult<bool>;
    /// Puts the checked, synced temporary file `part` in place as `sha256`, durably.
    fn put(&self, part: &Path, sha256: &str) -> StoreResult<()>;
    /// The names (hashes) of every file held: only names that are a SHA-256, so that nothing
    /// else kept beside the files (a backup in the bucket, a note in the folder) is ever taken for
    /// one, nor deleted as unreferenced.
    fn names(&self) -> StoreResult<Vec<String>>;
    /// Deletes a file; whether it was there.
    fn delete(&self, sha256: &str) -> StoreResult<bool>;
    /// Deletes these files (a bucket in one request per thousand); how many went.
    fn delete_all(&self, names: &[String]) -> StoreResult<usize> {
        let mut gone = 0;
        for name in names {
            gone += usize::from(self.delete(name)?);
        }
        Ok(gone)
    }
    /// Writes a file's bytes to `out`, a piece at a time; how many bytes.
    fn copy_to(&self, sha256: &str, out: &mut dyn Write) -> StoreResult<u64>;
    /// Where the files are, for messages.
    fn describe(&self) -> String;
    /// The local folder whose disk fills as files arrive, for the free-space reserve.
    fn local_folder(&self) -> Option<&Path>;
}

/// Files in a local folder, created readable by the owner only.
pub struct Folder {
    path: PathBuf,
}

impl Folder {
    pub fn new(path: PathBuf) -> Folder {
        Folder { path }
    }

    fn file(&self, sha256: &str) -> PathBuf {
        self.path.join(sha256)
    }
}

impl FileStore for Folder {
    fn holds(&self, sha256: &str, size: u64) -> StoreResult<bool> {
        Ok(std::fs::metadata(self.file(sha256)).is_ok_and(|m| m.len() == size))
    }

    fn put(&self, part: &Path, sha256: &str) -> StoreResult<()> {
        std::fs::rename(part, self.file(sha256))?;
        // The rename is durable only once the folder is synced.
        std::fs::File::open(&self.path)?.sync_all()?;
        Ok(())
    }

    fn names(&self) -> StoreResult<Vec<String>> {
        let entries = std::fs::read_dir(&self.path)?;
        let names = entries.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned());
        Ok(names.filter(|name| zhicheng_engine::package::is_sha256_hex(name)).collect())
    }

    fn delete(&self, sha256: &str) -> StoreResult<bool> {
        match std::fs::remove_file(self.file(sha256)) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    fn copy_to(&self, sha256: &str, out: &mut dyn Write) -> StoreResult<u64> {
        Ok(std::io::copy(&mut std::fs::File::open(self.file(sha256))?, out)?)
    }

    fn describe(&self) -> String {
        self.path.display().to_string()
    }

    fn local_folder(&self) -> Option<&Path> {
        Some(&self.path)
    }
}
