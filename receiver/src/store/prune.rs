//! Housekeeping while serving: uploads whose package was never finalised are forgotten after a
//! while (a late client is told `missing_files` and sends them again), files no package and no
//! waiting upload refers to are deleted, and temporary `.part` files nobody is writing any more
//! are removed.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, SystemTime};

use rusqlite::TransactionBehavior;

use super::{Store, StoreResult};

/// Whether the file at `path` was last written before `cutoff` (false when it cannot be read).
fn modified_before(path: &Path, cutoff: SystemTime) -> bool {
    std::fs::metadata(path).and_then(|m| m.modified()).is_ok_and(|at| at < cutoff)
}

impl Store {
    /// Forgets the uploads of packages not finalised within `older_than` of `now_ms`, and the
    /// claims of package ids that have nothing left; deletes every stored file that no package
    /// lists and no waiting upload refers to. Returns how many files went. Inside an IMMEDIATE
    /// transaction, the lock uploads and finalising take too, across processes (the `prune`
    /// command beside a running server), so nothing being recorded can lose its file.
    pub fn prune(&self, older_than: Duration, now_ms: u64) -> StoreResult<usize> {
        let cutoff = now_ms.saturating_sub(older_than.as_millis() as u64) as i64;
        let mut db = self.db();
        let tx = db.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM uploads WHERE uploaded_at_ms < ?1", [cutoff])?;
        tx.execute(
            "DELETE FROM claims WHERE claimed_at_ms < ?1
               AND package_id NOT IN (SELECT package_id FROM packages)
               AND package_id NOT IN (SELECT package_id FROM uploads)",
            [cutoff],
        )?;
        let referenced: BTreeSet<String> = {
            let mut query = tx.prepare("SELECT sha256 FROM package_files UNION SELECT sha256 FROM uploads")?;
            let rows = query.query_map([], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut removed = 0;
        for entry in std::fs::read_dir(&self.files)?.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !referenced.contains(&name) && std::fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
        tx.commit()?;
        Ok(removed)
    }

    /// Removes temporary files last written before `older_than` ago: left by a crash, or by a
    /// request that ended without tidying up. Returns how many went.
    pub fn clean_parts(&self, older_than: Duration) -> usize {
        let cutoff = SystemTime::now().checked_sub(older_than).unwrap_or(SystemTime::UNIX_EPOCH);
        let Ok(entries) = std::fs::read_dir(&self.incoming) else { return 0 };
        entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| modified_before(p, cutoff) && std::fs::remove_file(p).is_ok())
            .count()
    }
}
