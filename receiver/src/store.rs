//! Durable storage: packages and uploads in SQLite, files on disk named by their SHA-256. A file is
//! written to a temporary name, checked and synced, then renamed into place; a package is recorded
//! in one transaction keyed by its id. So a refused or interrupted request leaves nothing
//! half-stored, and a package is stored at most once however often it is sent.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use sha2::{Digest, Sha256};
use zhicheng_engine::hex::to_hex;
use zhicheng_engine::{PackageManifestV1, PackageStatus};

/// The manifest as stored, and its digest (which tells a repeat from a reused id).
fn canonical(manifest: &PackageManifestV1) -> Result<(String, String), String> {
    let text = serde_json::to_string(manifest).map_err(|e| e.to_string())?;
    let digest = to_hex(&Sha256::digest(text.as_bytes()));
    Ok((text, digest))
}

/// Whether the file at `path` was last written before `cutoff` (false when it cannot be read).
fn modified_before(path: &Path, cutoff: SystemTime) -> bool {
    std::fs::metadata(path).and_then(|m| m.modified()).is_ok_and(|at| at < cutoff)
}

/// A stored package's status record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageRecord {
    pub package_id: String,
    pub receipt: String,
    pub applicant: String,
    pub form_id: String,
    /// Stored as its word (待办中 …) in the `status` column.
    pub status: PackageStatus,
    pub reason: Option<String>,
    pub received_at: String,
    pub updated_at: String,
}

impl PackageRecord {
    /// Withdrawing (撤回) is allowed only before anyone has started on the package.
    pub fn withdrawable(&self) -> bool {
        self.status.withdrawable()
    }
}

/// A status word read from the database, refused (as a conversion failure) if it is none of the five.
fn status_column(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<PackageStatus> {
    let word: String = row.get(column)?;
    word.parse()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e)))
}

/// What storing a file did.
#[derive(Debug, PartialEq, Eq)]
pub enum FileOutcome {
    Stored,
    AlreadyHeld,
    HashMismatch {
        received: String,
    },
    /// The package is final and does not list this file.
    PackageFinal,
}

/// What finalising a package did.
#[derive(Debug, PartialEq, Eq)]
pub enum Finalised {
    New(PackageRecord),
    /// Sent before with the same manifest: the first receipt.
    Repeat(PackageRecord),
    /// The same package id with a different manifest.
    IdReused,
    MissingFiles(Vec<String>),
}

pub struct Store {
    db: Mutex<Connection>,
    files: PathBuf,
    incoming: PathBuf,
    /// Makes every temporary file name unique within this process.
    next_temporary: AtomicU64,
}

impl Store {
    /// Opens (or creates) the store in `folder`: `receiver.sqlite3`, `files/`, `incoming/`.
    pub fn open(folder: &Path) -> Result<Store, String> {
        let files = folder.join("files");
        let incoming = folder.join("incoming");
        for dir in [&files, &incoming] {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        // Files left half-written by a crash are never part of a package: clear them. Only old
        // ones: an operator's command opening the store beside a running server must not delete
        // the uploads it is writing.
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        for leftover in
            std::fs::read_dir(&incoming).map_err(|e| e.to_string())?.filter_map(Result::ok).map(|e| e.path())
        {
            if modified_before(&leftover, an_hour_ago) {
                let _ = std::fs::remove_file(leftover);
            }
        }
        let db = Connection::open(folder.join("receiver.sqlite3")).map_err(|e| e.to_string())?;
        // The operator's commands and the server share the database: wait for each other.
        db.busy_timeout(Duration::from_secs(10)).map_err(|e| e.to_string())?;
        db.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             CREATE TABLE IF NOT EXISTS packages (
               package_id TEXT PRIMARY KEY,
               receipt TEXT NOT NULL UNIQUE,
               manifest TEXT NOT NULL,
               manifest_sha256 TEXT NOT NULL,
               form_id TEXT NOT NULL,
               applicant TEXT NOT NULL,
               status TEXT NOT NULL,
               reason TEXT,
               received_at TEXT NOT NULL,
               updated_at TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS package_files (
               package_id TEXT NOT NULL REFERENCES packages(package_id),
               sha256 TEXT NOT NULL,
               PRIMARY KEY (package_id, sha256));",
        )
        .map_err(|e| e.to_string())?;
        Ok(Store { db: Mutex::new(db), files, incoming, next_temporary: AtomicU64::new(0) })
    }

    fn db(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (transactions roll back).
        self.db.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn file_path(&self, sha256: &str) -> PathBuf {
        self.files.join(sha256)
    }

    /// Whether a file with this hash and size is held.
    pub fn holds(&self, sha256: &str, size: u64) -> bool {
        std::fs::metadata(self.file_path(sha256)).is_ok_and(|m| m.len() == size)
    }

    /// Stores `bytes` as the file `sha256` of package `package_id`, if its hash is right.
    pub fn put_file(&self, package_id: &str, sha256: &str, bytes: &[u8]) -> Result<FileOutcome, String> {
        if let Some(listed) = self.final_files(package_id)? {
            if !listed.iter().any(|s| s == sha256) {
                return Ok(FileOutcome::PackageFinal);
            }
        }
        let received = to_hex(&Sha256::digest(bytes));
        if received != sha256 {
            return Ok(FileOutcome::HashMismatch { received });
        }
        if self.holds(sha256, bytes.len() as u64) {
            // Sent again: it is wanted, so it starts a new wait before it counts as abandoned.
            let _ = std::fs::File::options()
                .write(true)
                .open(self.file_path(sha256))
                .and_then(|f| f.set_modified(SystemTime::now()));
            return Ok(FileOutcome::AlreadyHeld);
        }
        // Written under a name of its own, synced, then renamed into place: a crash leaves either
        // no file or the whole file, never a part under the final name.
        // A name no other request uses, even for the same file at the same moment.
        let n = self.next_temporary.fetch_add(1, Ordering::Relaxed);
        let temporary = self.incoming.join(format!("{sha256}.{}.{n}.part", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&temporary)?;
            file.write_all(bytes)?;
            file.sync_all()?;
            std::fs::rename(&temporary, self.file_path(sha256))?;
            // The rename itself is durable only once the folder is synced.
            std::fs::File::open(&self.files)?.sync_all()
        };
        write().map_err(|e| {
            let _ = std::fs::remove_file(&temporary);
            format!("cannot store file {sha256}: {e}")
        })?;
        Ok(FileOutcome::Stored)
    }

    /// The files a final package lists, or `None` before it is final.
    fn final_files(&self, package_id: &str) -> Result<Option<Vec<String>>, String> {
        let db = self.db();
        let exists: Option<String> = db
            .query_row("SELECT package_id FROM packages WHERE package_id = ?1", [package_id], |r| r.get(0))
            .optional()
            .map_err(|e| e.to_string())?;
        if exists.is_none() {
            return Ok(None);
        }
        let mut query =
            db.prepare("SELECT sha256 FROM package_files WHERE package_id = ?1").map_err(|e| e.to_string())?;
        let rows = query.query_map([package_id], |r| r.get(0)).map_err(|e| e.to_string())?;
        rows.collect::<Result<Vec<String>, _>>().map(Some).map_err(|e| e.to_string())
    }

    /// What is already known of this package id: its first receipt when the manifest is the same,
    /// a reuse when it differs, nothing when it is new. Checked before anything else, so that a
    /// client retrying after a lost reply gets its receipt even if the rules changed meanwhile.
    pub fn earlier(&self, manifest: &PackageManifestV1) -> Result<Option<Finalised>, String> {
        let (_, digest) = canonical(manifest)?;
        let earlier: Option<String> = self
            .db()
            .query_row("SELECT manifest_sha256 FROM packages WHERE package_id = ?1", [&manifest.package_id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| e.to_string())?;
        match earlier {
            None => Ok(None),
            Some(earlier) if earlier == digest => {
                Ok(Some(Finalised::Repeat(self.status(&manifest.package_id)?.ok_or("vanished")?)))
            }
            Some(_) => Ok(Some(Finalised::IdReused)),
        }
    }

    /// Records a checked manifest, once, with a new receipt; `now` is RFC 3339 UTC and `day` the
    /// receipt's date (`20261123`, China time).
    pub fn finalise(&self, manifest: &PackageManifestV1, now: &str, day: &str) -> Result<Finalised, String> {
        let (canonical, digest) = canonical(manifest)?;
        let mut db = self.db();
        // IMMEDIATE: two requests finalising the same package cannot both see it absent.
        let tx = db.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| e.to_string())?;
        let earlier: Option<String> = tx
            .query_row("SELECT manifest_sha256 FROM packages WHERE package_id = ?1", [&manifest.package_id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| e.to_string())?;
        if let Some(earlier) = earlier {
            drop(tx);
            drop(db);
            return Ok(if earlier == digest {
                Finalised::Repeat(self.status(&manifest.package_id)?.ok_or("vanished")?)
            } else {
                Finalised::IdReused
            });
        }
        let missing: Vec<String> = manifest
            .unique_files()
            .iter()
            .filter(|f| !self.holds(&f.sha256, f.size))
            .map(|f| f.sha256.clone())
            .collect();
        if !missing.is_empty() {
            return Ok(Finalised::MissingFiles(missing));
        }
        let prefix = format!("ZC{day}");
        let count: i64 = tx
            .query_row("SELECT COUNT(*) FROM packages WHERE receipt LIKE ?1", [format!("{prefix}%")], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        let receipt = format!("{prefix}{:06}", count + 1);
        tx.execute(
            "INSERT INTO packages (package_id, receipt, manifest, manifest_sha256, form_id, applicant, status, reason, received_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, ?8, ?8)",
            params![manifest.package_id, receipt, canonical, digest, manifest.form_id, manifest.applicant.name, PackageStatus::Waiting.word(), now],
        )
        .map_err(|e| e.to_string())?;
        for file in manifest.unique_files() {
            tx.execute(
                "INSERT INTO package_files (package_id, sha256) VALUES (?1, ?2)",
                params![manifest.package_id, file.sha256],
            )
            .map_err(|e| e.to_string())?;
        }
        tx.commit().map_err(|e| e.to_string())?;
        drop(db);
        Ok(Finalised::New(self.status(&manifest.package_id)?.ok_or("vanished")?))
    }

    /// A package's status, by package id or receipt.
    pub fn status(&self, key: &str) -> Result<Option<PackageRecord>, String> {
        self.db()
            .query_row(
                "SELECT package_id, receipt, applicant, form_id, status, reason, received_at, updated_at
                 FROM packages WHERE package_id = ?1 OR receipt = ?1",
                [key],
                |r| {
                    Ok(PackageRecord {
                        package_id: r.get(0)?,
                        receipt: r.get(1)?,
                        applicant: r.get(2)?,
                        form_id: r.get(3)?,
                        status: status_column(r, 4)?,
                        reason: r.get(5)?,
                        received_at: r.get(6)?,
                        updated_at: r.get(7)?,
                    })
                },
            )
            .optional()
            .map_err(|e| e.to_string())
    }

    /// Every package, newest first.
    pub fn list(&self) -> Result<Vec<PackageRecord>, String> {
        let ids: Vec<String> = {
            let db = self.db();
            let mut query = db
                .prepare("SELECT package_id FROM packages ORDER BY received_at DESC, receipt DESC")
                .map_err(|e| e.to_string())?;
            let rows = query.query_map([], |r| r.get(0)).map_err(|e| e.to_string())?;
            rows.collect::<Result<_, _>>().map_err(|e| e.to_string())?
        };
        ids.iter().filter_map(|id| self.status(id).transpose()).collect()
    }

    /// Moves a package to `status` (an operator's act, or the applicant's 撤回), if `allowed`
    /// says the move is possible from where it is. Returns the new record, or the current one
    /// when the move was refused.
    pub fn change_status(
        &self,
        key: &str,
        status: PackageStatus,
        reason: Option<&str>,
        now: &str,
        allowed: impl Fn(&PackageRecord) -> bool,
    ) -> Result<Option<Result<PackageRecord, PackageRecord>>, String> {
        let Some(current) = self.status(key)? else { return Ok(None) };
        if !allowed(&current) {
            return Ok(Some(Err(current)));
        }
        self.db()
            .execute(
                "UPDATE packages SET status = ?1, reason = ?2, updated_at = ?3 WHERE package_id = ?4 AND status = ?5",
                params![status.word(), reason, now, current.package_id, current.status.word()],
            )
            .map_err(|e| e.to_string())?;
        // Another change may have come first (the WHERE clause then matched nothing).
        let updated = self.status(&current.package_id)?.ok_or("vanished")?;
        Ok(Some(if updated.status == status { Ok(updated) } else { Err(updated) }))
    }

    /// The stored manifest of a package (for 查看 and for operators).
    pub fn manifest(&self, key: &str) -> Result<Option<String>, String> {
        self.db()
            .query_row("SELECT manifest FROM packages WHERE package_id = ?1 OR receipt = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| e.to_string())
    }

    /// Deletes the files that no package lists and that nobody has uploaded for `older_than`
    /// (uploads whose package was never finalised); returns how many went. A client that
    /// finalises after its files went is answered `missing_files` and uploads them again. The
    /// folder is scanned first; the deletions then happen inside an IMMEDIATE transaction, the
    /// lock finalising takes too, across processes (the `prune` command beside a running
    /// server), so a package being finalised cannot lose a file it has just been found to hold.
    pub fn prune(&self, older_than: Duration) -> Result<usize, String> {
        let cutoff = SystemTime::now().checked_sub(older_than).unwrap_or(SystemTime::UNIX_EPOCH);
        let stale = |path: &Path| modified_before(path, cutoff);
        let candidates: Vec<PathBuf> = std::fs::read_dir(&self.files)
            .map_err(|e| e.to_string())?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| stale(p))
            .collect();
        if candidates.is_empty() {
            return Ok(0);
        }
        let mut db = self.db();
        let tx = db.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| e.to_string())?;
        let listed: std::collections::BTreeSet<String> = {
            let mut query = tx.prepare("SELECT DISTINCT sha256 FROM package_files").map_err(|e| e.to_string())?;
            let rows = query.query_map([], |r| r.get(0)).map_err(|e| e.to_string())?;
            rows.collect::<Result<_, _>>().map_err(|e| e.to_string())?
        };
        let mut removed = 0;
        for path in candidates {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            // Looked at again: an upload of the same file may have refreshed it since the scan.
            if !listed.contains(&name) && stale(&path) && std::fs::remove_file(&path).is_ok() {
                removed += 1;
            }
        }
        tx.commit().map_err(|e| e.to_string())?;
        Ok(removed)
    }

    /// How many packages and stored files there are: for tests and the operator's list.
    pub fn counts(&self) -> Result<(usize, usize), String> {
        let packages: i64 =
            self.db().query_row("SELECT COUNT(*) FROM packages", [], |r| r.get(0)).map_err(|e| e.to_string())?;
        let files = std::fs::read_dir(&self.files).map_err(|e| e.to_string())?.count();
        Ok((packages as usize, files))
    }
}
