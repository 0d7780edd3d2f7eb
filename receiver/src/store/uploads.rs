//! Uploads: admitting one before its body is read (its package's secret, whether the package is
//! final, the quotas on files waiting for their package), and recording it once its bytes are on
//! disk, checked and synced. A file belongs to the package that uploaded it: a manifest can only
//! cite files its own package sent, however many other packages hold the same content.

use std::path::Path;

use rusqlite::{params, OptionalExtension, TransactionBehavior};

use super::claims::{claim, claim_of, Claim};
use super::{Store, StoreResult};

/// The quotas on uploads whose package is not finalised yet.
#[derive(Clone, Copy, Debug)]
pub struct Quotas {
    /// Per package: its total, and its number of files.
    pub package_bytes: u64,
    pub package_files: usize,
    /// Over every package waiting: their total and their number of files.
    pub pending_bytes: u64,
    pub pending_files: usize,
}

/// Whether an upload may start.
#[derive(Debug, PartialEq, Eq)]
pub enum Admission {
    Proceed,
    /// This package already sent this file (or lists it, final): nothing to read.
    AlreadyHeld,
    WrongSecret,
    /// The package is final and does not list this file.
    PackageFinal,
    /// This package's waiting files would exceed its quota.
    PackageQuota,
    /// The waiting files of all packages would exceed the receiver's quota.
    PendingQuota,
}

/// What recording an upload did.
#[derive(Debug, PartialEq, Eq)]
pub enum Committed {
    Stored,
    AlreadyHeld,
    WrongSecret,
    PackageFinal,
}

impl Store {
    /// Whether `package_id` may upload `size` bytes as `sha256` now; `in_flight` is what other
    /// uploads being received will add.
    pub fn admit_upload(
        &self,
        package_id: &str,
        sha256: &str,
        size: u64,
        digest: &str,
        quotas: &Quotas,
        in_flight: u64,
    ) -> StoreResult<Admission> {
        let db = self.db();
        if claim_of(&db, package_id, digest)? == Claim::Other {
            return Ok(Admission::WrongSecret);
        }
        if let Some(listed) = final_listing(&db, package_id, sha256)? {
            return Ok(if listed { Admission::AlreadyHeld } else { Admission::PackageFinal });
        }
        let sent: Option<i64> = db
            .query_row("SELECT size FROM uploads WHERE package_id = ?1 AND sha256 = ?2", [package_id, sha256], |r| {
                r.get(0)
            })
            .optional()?;
        if sent == Some(size as i64) && self.holds(sha256, size) {
            return Ok(Admission::AlreadyHeld);
        }
        let (bytes, files): (i64, i64) = db.query_row(
            "SELECT COALESCE(SUM(size), 0), COUNT(*) FROM uploads WHERE package_id = ?1 AND sha256 <> ?2",
            [package_id, sha256],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if bytes as u64 + size > quotas.package_bytes || files as usize + 1 > quotas.package_files {
            return Ok(Admission::PackageQuota);
        }
        let (bytes, files): (i64, i64) =
            db.query_row("SELECT COALESCE(SUM(size), 0), COUNT(*) FROM uploads", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if bytes as u64 + in_flight + size > quotas.pending_bytes || files as usize + 1 > quotas.pending_files {
            return Ok(Admission::PendingQuota);
        }
        Ok(Admission::Proceed)
    }

    /// Records a received file whose hash was checked, written to `part` and synced: moves it
    /// into place (unless the same content is held already) and notes that `package_id` sent it,
    /// claiming a free package id for the secret. One transaction, which also holds off pruning.
    pub fn commit_upload(
        &self,
        part: &Path,
        package_id: &str,
        sha256: &str,
        media_type: &str,
        digest: &str,
        now_ms: u64,
    ) -> StoreResult<Committed> {
        let size = std::fs::metadata(part)?.len();
        let mut db = self.db();
        let tx = db.transaction_with_behavior(TransactionBehavior::Immediate)?;
        match claim_of(&tx, package_id, digest)? {
            Claim::Other => return Ok(Committed::WrongSecret),
            Claim::Free => claim(&tx, package_id, digest, now_ms)?,
            Claim::Yours => {}
        }
        if let Some(listed) = final_listing(&tx, package_id, sha256)? {
            return Ok(if listed { Committed::AlreadyHeld } else { Committed::PackageFinal });
        }
        if !self.holds(sha256, size) {
            // The rename is durable only once the folder is synced.
            std::fs::rename(part, self.file_path(sha256))?;
            std::fs::File::open(&self.files)?.sync_all()?;
        }
        tx.execute(
            "INSERT OR REPLACE INTO uploads (package_id, sha256, size, media_type, uploaded_at_ms) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![package_id, sha256, size as i64, media_type, now_ms as i64],
        )?;
        tx.commit()?;
        Ok(Committed::Stored)
    }
}

/// For a final package, whether it lists `sha256`; `None` before it is final.
fn final_listing(db: &rusqlite::Connection, package_id: &str, sha256: &str) -> StoreResult<Option<bool>> {
    let exists: Option<String> =
        db.query_row("SELECT package_id FROM packages WHERE package_id = ?1", [package_id], |r| r.get(0)).optional()?;
    if exists.is_none() {
        return Ok(None);
    }
    let listed: Option<String> = db
        .query_row(
            "SELECT sha256 FROM package_files WHERE package_id = ?1 AND sha256 = ?2",
            [package_id, sha256],
            |r| r.get(0),
        )
        .optional()?;
    Ok(Some(listed.is_some()))
}
