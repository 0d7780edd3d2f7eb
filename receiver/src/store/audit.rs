//! The audit log: every withdrawal and every operator move, with who, when, from and to, written
//! in the transaction that makes the move. The table refuses updates and deletions (triggers in
//! the schema), so the log only grows.

use rusqlite::{params, Connection};
use zhicheng_engine::PackageStatus;

use super::packages::PackageRecord;
use super::{Store, StoreResult};

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub package_id: String,
    pub receipt: String,
    pub from: String,
    pub to: String,
    pub reason: Option<String>,
}

/// Writes a move of `package` to `status` (inside the caller's transaction).
pub fn record_move(
    db: &Connection,
    at: &str,
    actor: &str,
    package: &PackageRecord,
    status: PackageStatus,
    reason: Option<&str>,
) -> StoreResult<()> {
    db.execute(
        "INSERT INTO audit (at, actor, package_id, receipt, from_status, to_status, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![at, actor, package.package_id, package.receipt, package.status.word(), status.word(), reason],
    )?;
    Ok(())
}

impl Store {
    /// The audit log, oldest first.
    pub fn audit_log(&self) -> StoreResult<Vec<AuditEntry>> {
        let db = self.db();
        let mut query =
            db.prepare("SELECT at, actor, package_id, receipt, from_status, to_status, reason FROM audit ORDER BY id")?;
        let rows = query.query_map([], |r| {
            Ok(AuditEntry {
                at: r.get(0)?,
                actor: r.get(1)?,
                package_id: r.get(2)?,
                receipt: r.get(3)?,
                from: r.get(4)?,
                to: r.get(5)?,
                reason: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
