//! Units and their keys (protocol §2.8): the operator issues a unit a key (`unit-key add`), the
//! store keeps only its SHA-256, and a request carrying the key acts as that unit — it lists the
//! packages reported to the unit, reads each one and its files, and sends decisions on them.
//! A revoked key opens nothing.

use sha2::{Digest, Sha256};
use zhicheng_engine::hex::to_hex;

use super::packages::{package_of, PackageRecord, RECORD_COLUMNS};
use super::sql::{begin, params, Lock};
use super::{Store, StoreResult};

/// A unit as its key names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// 统一社会信用代码.
    pub code: String,
    pub name: String,
}

/// One issued key, as the operator lists them (never the key itself).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitKeyRecord {
    pub unit: Unit,
    /// The first 8 hex digits of the key's SHA-256, to tell keys apart.
    pub fingerprint: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// The digest a unit key is stored and looked up by.
pub fn unit_key_digest(key: &str) -> String {
    to_hex(&Sha256::digest(key.as_bytes()))
}

impl Store {
    /// Records a new key for the unit; `key` is 64 hex digits of fresh randomness the caller made.
    pub fn add_unit_key(&self, unit: &Unit, key: &str, now: &str) -> StoreResult<()> {
        let mut tx = begin(&*self.db, Lock::Read)?;
        tx.execute(
            "INSERT INTO unit_keys (key_sha256, unit_code, unit_name, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![unit_key_digest(key), &unit.code, &unit.name, now],
        )?;
        tx.commit()
    }

    /// Revokes every key of the unit; how many were still valid.
    pub fn revoke_unit_keys(&self, code: &str, now: &str) -> StoreResult<u64> {
        let mut tx = begin(&*self.db, Lock::Read)?;
        let revoked = tx.execute(
            "UPDATE unit_keys SET revoked_at = ?1 WHERE unit_code = ?2 AND revoked_at IS NULL",
            params![now, code],
        )?;
        tx.commit()?;
        Ok(revoked)
    }

    /// Every key issued, oldest first.
    pub fn unit_keys(&self) -> StoreResult<Vec<UnitKeyRecord>> {
        let rows = begin(&*self.db, Lock::Read)?.rows(
            "SELECT unit_code, unit_name, key_sha256, created_at, revoked_at FROM unit_keys ORDER BY created_at, unit_code",
            &[],
        )?;
        rows.iter()
            .map(|r| {
                Ok(UnitKeyRecord {
                    unit: Unit { code: r.text(0)?, name: r.text(1)? },
                    fingerprint: r.text(2)?.chars().take(8).collect(),
                    created_at: r.text(3)?,
                    revoked_at: r.opt_text(4)?,
                })
            })
            .collect()
    }

    /// The unit a key acts for, if it was issued and not revoked.
    pub fn unit_of_key(&self, key: &str) -> StoreResult<Option<Unit>> {
        let found = begin(&*self.db, Lock::Read)?.row(
            "SELECT unit_code, unit_name FROM unit_keys WHERE key_sha256 = ?1 AND revoked_at IS NULL",
            params![unit_key_digest(key)],
        )?;
        found.map(|r| Ok(Unit { code: r.text(0)?, name: r.text(1)? })).transpose()
    }

    /// The packages reported to the unit, newest first, at most `limit`.
    pub fn packages_for_unit(&self, code: &str, limit: usize) -> StoreResult<Vec<PackageRecord>> {
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM packages WHERE unit_code = ?1 ORDER BY received_at DESC, receipt DESC LIMIT ?2"
        );
        begin(&*self.db, Lock::Read)?.rows(&sql, params![code, limit as i64])?.iter().map(package_of).collect()
    }

    /// A package reported to the unit, with its manifest as stored; `None` for any other.
    pub fn package_for_unit(&self, package_id: &str, code: &str) -> StoreResult<Option<(PackageRecord, String)>> {
        let mut tx = begin(&*self.db, Lock::Read)?;
        let sql = format!("SELECT {RECORD_COLUMNS}, manifest FROM packages WHERE package_id = ?1 AND unit_code = ?2");
        let Some(row) = tx.row(&sql, params![package_id, code])? else { return Ok(None) };
        Ok(Some((package_of(&row)?, row.text(12)?)))
    }

    /// Whether the package reported to the unit lists the file.
    pub fn unit_may_read(&self, package_id: &str, code: &str, sha256: &str) -> StoreResult<bool> {
        let found = begin(&*self.db, Lock::Read)?.row(
            "SELECT 1 FROM package_files f JOIN packages p ON p.package_id = f.package_id
             WHERE f.package_id = ?1 AND f.sha256 = ?2 AND p.unit_code = ?3",
            params![package_id, sha256, code],
        )?;
        Ok(found.is_some())
    }

    /// A stored file's bytes (at most the receiver's file limit, 10 MB by default).
    pub fn read_file(&self, sha256: &str) -> StoreResult<Vec<u8>> {
        let mut bytes = Vec::new();
        self.files.copy_to(sha256, &mut bytes)?;
        Ok(bytes)
    }
}
