//! The operator's export of a day's packages, for the committee office's own systems: one JSON
//! object per line (the record and the manifest as received), in receipt order, read from the
//! database a page at a time (after the last receipt written) and written as it comes, so a day
//! of tens of thousands of packages needs no more memory than one page; with a folder, each
//! package's files are copied there once, named by their SHA-256.

use std::io::Write;
use std::path::Path;

use serde_json::{json, Value as Json};

use super::packages::{package_of, RECORD_COLUMNS};
use super::sql::{begin, params, Lock};
use super::{create_private, Store, StoreError, StoreResult};

/// Packages read from the database at a time.
const PAGE: i64 = 200;

impl Store {
    /// Writes the packages whose receipts are of `day` (`20261202`, China time) to `out`, and
    /// their files to `files` when given; how many packages.
    pub fn export_day(&self, day: &str, out: &mut dyn Write, files: Option<&Path>) -> StoreResult<usize> {
        if day.len() != 8 || !day.bytes().all(|b| b.is_ascii_digit()) {
            return Err(StoreError::Failed(format!("日期应为 8 位数字，如 20261202，收到「{day}」")));
        }
        let (mut after, end) = (format!("ZC{day}"), format!("ZC{day}~"));
        let sql = format!(
            "SELECT {RECORD_COLUMNS}, manifest FROM packages WHERE receipt > ?1 AND receipt < ?2 ORDER BY receipt LIMIT ?3"
        );
        let mut count = 0;
        loop {
            let page = begin(&*self.db, Lock::Read)?.rows(&sql, params![&after, &end, PAGE])?;
            for row in &page {
                let record = package_of(row)?;
                let manifest: Json = serde_json::from_str(&row.text(12)?).map_err(|e| e.to_string())?;
                if let Some(folder) = files {
                    self.copy_files(&manifest, folder)?;
                }
                let line = json!({
                    "receipt": record.receipt,
                    "package_id": record.package_id,
                    "status": record.status.word(),
                    "reason": record.reason,
                    "stage": record.stage.as_ref().map(|s| &s.id),
                    "applicant": record.applicant,
                    "form_id": record.form_id,
                    "received_at": record.received_at,
                    "updated_at": record.updated_at,
                    "manifest": manifest,
                });
                serde_json::to_writer(&mut *out, &line).map_err(|e| e.to_string())?;
                out.write_all(b"\n")?;
                after = record.receipt;
                count += 1;
            }
            if (page.len() as i64) < PAGE {
                break;
            }
        }
        out.flush()?;
        Ok(count)
    }

    /// Copies each file a manifest lists into `folder`, unless a copy is there already.
    fn copy_files(&self, manifest: &Json, folder: &Path) -> StoreResult<()> {
        let listed = manifest["attachments"].as_array().into_iter().flatten();
        for sha256 in listed.filter_map(|a| a["sha256"].as_str()) {
            if !zhicheng_engine::package::is_sha256_hex(sha256) || folder.join(sha256).exists() {
                continue;
            }
            let part = folder.join(format!(".{sha256}.part"));
            let mut file = create_private(&part)?;
            self.files.copy_to(sha256, &mut file)?;
            file.sync_all()?;
            std::fs::rename(&part, folder.join(sha256))?;
        }
        Ok(())
    }
}
