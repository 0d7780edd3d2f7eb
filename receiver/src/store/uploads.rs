//! Uploads: admitting one before its body is read (its package's secret, whether the package is
//! final, the quotas on files waiting for their package), and recording it once its bytes are on
//! disk, checked and synced. A file belongs to the package that uploaded it: a manifest can only
//! cite files its own package sent, however many other packages hold the same content.

use std::path::Path;

use super::claims::{claim, claim_of, Claim};
use super::sql::{begin, params, Lock, Tx};
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
        let mut tx = begin(&*self.db, Lock::Read)?;
        if claim_of(&mut *tx, package_id, digest)? == Claim::Other {
            return Ok(Admission::WrongSecret);
        }
        if let Some(listed) = final_listing(&mut *tx, package_id, sha256)? {
            return Ok(if listed { Admission::AlreadyHeld } else { Admission::PackageFinal });
        }
        let sent =
            tx.row("SELECT size FROM uploads WHERE package_id = ?1 AND sha256 = ?2", params![package_id, sha256])?;
        if sent.map(|r| r.int(0)).transpose()? == Some(size as i64) && self.holds(sha256, size) {
            return Ok(Admission::AlreadyHeld);
        }
        let (bytes, files) = totals(
            &mut *tx,
            "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT), COUNT(*) FROM uploads WHERE package_id = ?1 AND sha256 <> ?2",
            params![package_id, sha256],
        )?;
        if bytes as u64 + size > quotas.package_bytes || files as usize + 1 > quotas.package_files {
            return Ok(Admission::PackageQuota);
        }
        let (bytes, files) =
            totals(&mut *tx, "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT), COUNT(*) FROM uploads", &[])?;
        if bytes as u64 + in_flight + size > quotas.pending_bytes || files as usize + 1 > quotas.pending_files {
            return Ok(Admission::PendingQuota);
        }
        Ok(Admission::Proceed)
    }

    /// Records a received file whose hash was checked, written to `part` and synced: puts it in
    /// place (unless the same content is held already) and notes that `package_id` sent it,
    /// claiming a free package id for the secret. One transaction under the package's lock, which
    /// also holds off the clean-up's deletion until the file is recorded.
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
        let mut tx = begin(&*self.db, Lock::Package(package_id))?;
        match claim_of(&mut *tx, package_id, digest)? {
            Claim::Other => return Ok(Committed::WrongSecret),
            Claim::Free => claim(&mut *tx, package_id, digest, now_ms)?,
            Claim::Yours => {}
        }
        if let Some(listed) = final_listing(&mut *tx, package_id, sha256)? {
            return Ok(if listed { Committed::AlreadyHeld } else { Committed::PackageFinal });
        }
        if !self.files.holds(sha256, size)? {
            self.files.put(part, sha256)?;
        }
        tx.execute(
            "INSERT INTO uploads (package_id, sha256, size, media_type, uploaded_at_ms) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (package_id, sha256) DO UPDATE
               SET size = excluded.size, media_type = excluded.media_type, uploaded_at_ms = excluded.uploaded_at_ms",
            params![package_id, sha256, size, media_type, now_ms],
        )?;
        tx.commit()?;
        Ok(Committed::Stored)
    }
}

/// For a final package, whether it lists `sha256`; `None` before it is final.
fn final_listing(tx: &mut dyn Tx, package_id: &str, sha256: &str) -> StoreResult<Option<bool>> {
    if tx.row("SELECT package_id FROM packages WHERE package_id = ?1", params![package_id])?.is_none() {
        return Ok(None);
    }
    let listed =
        tx.row("SELECT sha256 FROM package_files WHERE package_id = ?1 AND sha256 = ?2", params![package_id, sha256])?;
    Ok(Some(listed.is_some()))
}

/// A sum of sizes and a count, as a query gives them.
fn totals(tx: &mut dyn Tx, sql: &str, params: &[super::sql::Value]) -> StoreResult<(i64, i64)> {
    let row = tx.row(sql, params)?.ok_or("no totals")?;
    Ok((row.int(0)?, row.int(1)?))
}
