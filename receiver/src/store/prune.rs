//! Housekeeping while serving: uploads whose package was never finalised are forgotten after a
//! while (a late client is told `missing_files` and sends them again), files no package and no
//! waiting upload refers to are deleted, and temporary `.part` files nobody is writing any more
//! are removed. With several instances, one at a time runs the clean-up; the others skip it.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, SystemTime};

use super::sql::{params, Lock};
use super::{Store, StoreResult};

/// Whether the file at `path` was last written before `cutoff` (false when it cannot be read).
fn modified_before(path: &Path, cutoff: SystemTime) -> bool {
    std::fs::metadata(path).and_then(|m| m.modified()).is_ok_and(|at| at < cutoff)
}

impl Store {
    /// Forgets the uploads of packages not finalised within `older_than` of `now_ms`, and the
    /// claims of package ids that have nothing left; deletes every stored file that no package
    /// lists and no waiting upload refers to. Returns how many files went, or `None` when another
    /// instance is running the clean-up.
    ///
    /// The files are listed first, without holding anyone up (a bucket's listing may take a
    /// while); then, in a lull in which it holds the lock every upload and finalising takes, the
    /// old uploads are forgotten, the references read, and only listed files still unreferenced
    /// deleted. A file put after the listing is not a candidate, and one recorded before the
    /// references are read is referenced: so nothing being recorded, on any instance, can lose
    /// its file. Without a lull (a busy receiver on the scaled backend) it waits for the next
    /// round, answering `None`.
    pub fn prune(&self, older_than: Duration, now_ms: u64) -> StoreResult<Option<usize>> {
        let cutoff = now_ms.saturating_sub(older_than.as_millis() as u64);
        let Some(mut tx) = self.db.begin(Lock::Housekeeping)? else { return Ok(None) };
        let listed = self.files.names()?;
        if !tx.hold(Lock::DeleteFiles)? {
            return Ok(None);
        }
        tx.execute("DELETE FROM uploads WHERE uploaded_at_ms < ?1", params![cutoff])?;
        tx.execute(
            "DELETE FROM claims WHERE claimed_at_ms < ?1
               AND package_id NOT IN (SELECT package_id FROM packages)
               AND package_id NOT IN (SELECT package_id FROM uploads)",
            params![cutoff],
        )?;
        let referenced: BTreeSet<String> = tx
            .rows("SELECT sha256 FROM package_files UNION SELECT sha256 FROM uploads", &[])?
            .iter()
            .map(|r| r.text(0))
            .collect::<StoreResult<_>>()?;
        let unreferenced: Vec<String> = listed.into_iter().filter(|name| !referenced.contains(name)).collect();
        let removed = self.files.delete_all(&unreferenced)?;
        tx.commit()?;
        Ok(Some(removed))
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
