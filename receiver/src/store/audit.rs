//! The audit log: every withdrawal and every operator move (of status, or of stage on the form's
//! status path), with who, when, from and to, written
//! in the transaction that makes the move. The table refuses updates and deletions (triggers in
//! the schema), so the log only grows.

use zhicheng_engine::PackageStatus;

use super::packages::PackageRecord;
use super::sql::{begin, params, Lock, Tx};
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
    /// The stage on the form's status path before and after, when either is set.
    pub from_stage: Option<String>,
    pub to_stage: Option<String>,
}

/// What a move changes: the status, and the stage on the path (an outcome written `id/outcome`).
pub struct Move<'a> {
    pub status: PackageStatus,
    pub stage: Option<String>,
    pub reason: Option<&'a str>,
}

/// The stage of a record as the audit log writes it.
pub fn stage_words(package: &PackageRecord) -> Option<String> {
    package.stage.as_ref().map(|s| match &s.outcome {
        Some(outcome) => format!("{}/{outcome}", s.id),
        None => s.id.clone(),
    })
}

/// Writes a move of `package` (inside the caller's transaction).
pub fn record_move(tx: &mut dyn Tx, at: &str, actor: &str, package: &PackageRecord, to: Move<'_>) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO audit (at, actor, package_id, receipt, from_status, to_status, reason, from_stage, to_stage)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            at,
            actor,
            &package.package_id,
            &package.receipt,
            package.status.word(),
            to.status.word(),
            to.reason,
            stage_words(package),
            to.stage
        ],
    )?;
    Ok(())
}

const ENTRY_COLUMNS: &str = "at, actor, package_id, receipt, from_status, to_status, reason, from_stage, to_stage";

impl Store {
    /// The audit log, oldest first.
    pub fn audit_log(&self) -> StoreResult<Vec<AuditEntry>> {
        self.entries(&format!("SELECT {ENTRY_COLUMNS} FROM audit ORDER BY id"), &[])
    }

    /// One package's moves, oldest first: the history its status reply gives.
    pub fn history(&self, package_id: &str) -> StoreResult<Vec<AuditEntry>> {
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM audit WHERE package_id = ?1 ORDER BY id");
        self.entries(&sql, params![package_id])
    }

    fn entries(&self, sql: &str, params: &[super::sql::Value]) -> StoreResult<Vec<AuditEntry>> {
        let rows = begin(&*self.db, Lock::Read)?.rows(sql, params)?;
        rows.iter()
            .map(|r| {
                Ok(AuditEntry {
                    at: r.text(0)?,
                    actor: r.text(1)?,
                    package_id: r.text(2)?,
                    receipt: r.text(3)?,
                    from: r.text(4)?,
                    to: r.text(5)?,
                    reason: r.opt_text(6)?,
                    from_stage: r.opt_text(7)?,
                    to_stage: r.opt_text(8)?,
                })
            })
            .collect()
    }
}
