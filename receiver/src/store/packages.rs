//! Packages: finalising a checked manifest once, with a receipt number from the day's counter;
//! repeats answered with the first receipt; status by package id (with its secret) or receipt (the
//! operator's); moves of status, each written to the audit log in the same transaction.

use sha2::{Digest, Sha256};
use zhicheng_engine::hex::to_hex;
use zhicheng_engine::{PackageManifestV1, PackageStage, PackageStatus};

use super::audit::{record_move, stage_words, Move};
use super::claims::{claim, claim_of, Access, Claim};
use super::decisions::{self, Decision};
use super::sql::{begin, params, Lock, Row, Tx};
use super::{status_column, Store, StoreResult};

/// The manifest as stored, and its digest (which tells a repeat from a reused id).
fn canonical(manifest: &PackageManifestV1) -> StoreResult<(String, String)> {
    let text = serde_json::to_string(manifest).map_err(|e| e.to_string())?;
    let digest = to_hex(&Sha256::digest(text.as_bytes()));
    Ok((text, digest))
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
    /// Where it is on its form's status path, once an operator set it (`set-stage`).
    pub stage: Option<PackageStage>,
}

impl PackageRecord {
    /// Withdrawing (撤回) is allowed only before anyone has started on the package.
    pub fn withdrawable(&self) -> bool {
        self.status.withdrawable()
    }
}

/// What finalising a package did.
#[derive(Debug, PartialEq, Eq)]
pub enum Finalised {
    New(PackageRecord),
    /// Sent before with the same manifest: the first receipt.
    Repeat(PackageRecord),
    /// The same package id with a different manifest.
    IdReused,
    /// Files this package has not uploaded (by hash).
    MissingFiles(Vec<String>),
    /// Files this package uploaded whose size or type differs from what the manifest says: by
    /// index of the attachment, the field and the message.
    Differs(Vec<(usize, &'static str, String)>),
    WrongSecret,
    /// A decision on a package that is not reported to the deciding unit (or does not exist).
    NotForThisUnit,
    /// A decision on a package that no longer waits for it: where it is now.
    AlreadyDecided(PackageRecord),
}

/// What is stored with a checked manifest besides it.
#[derive(Clone, Debug, Default)]
pub struct Filing {
    /// The applicant's name, as the answers give it.
    pub applicant: String,
    /// For a form a unit decides on: the unit the package is reported to (its credit code).
    pub unit_code: Option<String>,
    /// For a unit's decision: the move it makes on the package it decides.
    pub decision: Option<Decision>,
}

/// The columns `package_of` reads.
pub(super) const RECORD_COLUMNS: &str =
    "package_id, receipt, applicant, form_id, status, reason, received_at, updated_at,
                    stage, stage_outcome, stage_opinion, stage_at";

pub(super) fn package_of(r: &Row) -> StoreResult<PackageRecord> {
    Ok(PackageRecord {
        package_id: r.text(0)?,
        receipt: r.text(1)?,
        applicant: r.text(2)?,
        form_id: r.text(3)?,
        status: status_column(r, 4)?,
        reason: r.opt_text(5)?,
        received_at: r.text(6)?,
        updated_at: r.text(7)?,
        stage: r
            .opt_text(8)?
            .map(|id| -> StoreResult<PackageStage> {
                Ok(PackageStage { id, outcome: r.opt_text(9)?, opinion: r.opt_text(10)?, updated_at: r.opt_text(11)? })
            })
            .transpose()?,
    })
}

pub(super) fn record(tx: &mut dyn Tx, key: &str) -> StoreResult<Option<PackageRecord>> {
    let sql = format!("SELECT {RECORD_COLUMNS} FROM packages WHERE package_id = ?1 OR receipt = ?1");
    tx.row(&sql, params![key])?.as_ref().map(package_of).transpose()
}

/// A repeat or a reuse of a package id already final, by its manifest's digest.
fn earlier_of(tx: &mut dyn Tx, package_id: &str, digest: &str) -> StoreResult<Option<Finalised>> {
    let earlier = tx.row("SELECT manifest_sha256 FROM packages WHERE package_id = ?1", params![package_id])?;
    Ok(match earlier.map(|r| r.text(0)).transpose()? {
        None => None,
        Some(earlier) if earlier == digest => Some(Finalised::Repeat(record(tx, package_id)?.ok_or("vanished")?)),
        Some(_) => Some(Finalised::IdReused),
    })
}

/// The next receipt number of `day` (`ZC<day>000001` …) from the day's counter, which a store
/// written before counters existed starts from the highest receipt of that day already issued
/// (one look-up in the receipts' index). The counter's row stays locked until the transaction
/// ends, so instances finalising at once take numbers in turn: unique, in order, and none lost
/// to a transaction that rolls back. Taken after every check, to hold that lock briefly.
fn next_receipt(tx: &mut dyn Tx, day: &str) -> StoreResult<String> {
    let prefix = format!("ZC{day}");
    let highest = tx.row(
        "SELECT MAX(receipt) FROM packages WHERE receipt >= ?1 AND receipt < ?2",
        params![&prefix, format!("{prefix}~")],
    )?;
    let highest = highest.map(|r| r.opt_text(0)).transpose()?.flatten();
    let start = highest.and_then(|r| r[prefix.len()..].parse::<i64>().ok()).unwrap_or(0) + 1;
    let taken = tx.row(
        "INSERT INTO receipt_counters (day, last) VALUES (?1, ?2)
         ON CONFLICT (day) DO UPDATE SET last = receipt_counters.last + 1 RETURNING last",
        params![day, start],
    )?;
    let last = taken.ok_or("no receipt number")?.int(0)?;
    Ok(format!("{prefix}{last:06}"))
}

impl Store {
    /// What is already known of this package id: its first receipt when the manifest is the same,
    /// a reuse when it differs, nothing when it is new. Checked before anything else, so that a
    /// client retrying after a lost reply gets its receipt even if the rules changed meanwhile.
    pub fn earlier(&self, manifest: &PackageManifestV1, digest: &str) -> StoreResult<Option<Finalised>> {
        let (_, manifest_digest) = canonical(manifest)?;
        let mut tx = begin(&*self.db, Lock::Read)?;
        if claim_of(&mut *tx, &manifest.package_id, digest)? == Claim::Other {
            return Ok(Some(Finalised::WrongSecret));
        }
        earlier_of(&mut *tx, &manifest.package_id, &manifest_digest)
    }

    /// Records a checked manifest, once, with a new receipt; `now` is RFC 3339 UTC and `day` the
    /// receipt's date (`20261123`, China time). Every file it lists must have been uploaded by
    /// this package, with the size and type the manifest gives.
    pub fn finalise(
        &self,
        manifest: &PackageManifestV1,
        filing: &Filing,
        digest: &str,
        now: &str,
        now_ms: u64,
        day: &str,
    ) -> StoreResult<Finalised> {
        let (canonical, manifest_digest) = canonical(manifest)?;
        let id = &manifest.package_id;
        // The package's lock: two requests finalising the same package, on any instance, cannot
        // both see it absent; and no file it lists can be deleted meanwhile.
        let mut tx = begin(&*self.db, Lock::Package(id))?;
        match claim_of(&mut *tx, id, digest)? {
            Claim::Other => return Ok(Finalised::WrongSecret),
            Claim::Free => claim(&mut *tx, id, digest, now_ms)?,
            Claim::Yours => {}
        }
        if let Some(earlier) = earlier_of(&mut *tx, id, &manifest_digest)? {
            return Ok(earlier);
        }
        let mut missing = Vec::new();
        let mut differs = Vec::new();
        // One file is often listed under several materials: the file store is asked once.
        let mut held: Vec<String> = Vec::new();
        for (i, file) in manifest.attachments.iter().enumerate() {
            let sent = tx.row(
                "SELECT size, media_type FROM uploads WHERE package_id = ?1 AND sha256 = ?2",
                params![id, &file.sha256],
            )?;
            let sent = sent.map(|r| Ok::<_, super::StoreError>((r.int(0)?, r.text(1)?))).transpose()?;
            match sent {
                Some((size, _)) if size as u64 != file.size => differs.push((
                    i,
                    "size",
                    format!(
                        "文件「{}」的大小与已上传的文件不符：清单写 {} 字节，收到的是 {size} 字节",
                        file.name, file.size
                    ),
                )),
                Some((_, kind)) if !kind.eq_ignore_ascii_case(&file.media_type) => differs.push((
                    i,
                    "media_type",
                    format!("文件「{}」的类型与已上传的内容不符：清单写 {}，内容是 {kind}", file.name, file.media_type),
                )),
                Some(_) if held.contains(&file.sha256) => {}
                Some(_) if self.files.holds(&file.sha256, file.size)? => held.push(file.sha256.clone()),
                _ if !missing.contains(&file.sha256) => missing.push(file.sha256.clone()),
                _ => {}
            }
        }
        if !differs.is_empty() {
            return Ok(Finalised::Differs(differs));
        }
        if !missing.is_empty() {
            tx.commit()?;
            return Ok(Finalised::MissingFiles(missing));
        }
        let subject = match &filing.decision {
            None => None,
            Some(decision) => match decisions::decidable(&mut *tx, decision)? {
                Ok(subject) => Some((subject, decision)),
                Err(refused) => return Ok(refused),
            },
        };
        let receipt = next_receipt(&mut *tx, day)?;
        tx.execute(
            "INSERT INTO packages (package_id, receipt, manifest, manifest_sha256, form_id, applicant, status, reason, received_at, updated_at, unit_code)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, ?8, ?8, ?9)",
            params![
                id,
                receipt,
                canonical,
                manifest_digest,
                &manifest.form_id,
                &filing.applicant,
                PackageStatus::Waiting.word(),
                now,
                filing.unit_code.as_deref()
            ],
        )?;
        if let Some((subject, decision)) = subject {
            decisions::apply(&mut *tx, id, &subject, decision, now)?;
        }
        for file in manifest.unique_files() {
            tx.execute("INSERT INTO package_files (package_id, sha256) VALUES (?1, ?2)", params![id, &file.sha256])?;
        }
        // Its files now belong to a final package: they no longer wait, nor count against quotas.
        tx.execute("DELETE FROM uploads WHERE package_id = ?1", params![id])?;
        let stored = record(&mut *tx, id)?.ok_or("vanished")?;
        tx.commit()?;
        Ok(Finalised::New(stored))
    }

    /// A package's status, by package id or receipt (the operator's view).
    pub fn status(&self, key: &str) -> StoreResult<Option<PackageRecord>> {
        record(&mut *begin(&*self.db, Lock::Read)?, key)
    }

    /// A package's status for the holder of a secret. A package finalised before claims existed
    /// is claimed by the first secret that asks.
    pub fn status_for(&self, package_id: &str, digest: &str, now_ms: u64) -> StoreResult<Access<PackageRecord>> {
        let mut tx = begin(&*self.db, Lock::Read)?;
        let Some(found) = record(&mut *tx, package_id)? else { return Ok(Access::Unknown) };
        match claim_of(&mut *tx, package_id, digest)? {
            Claim::Other => Ok(Access::WrongSecret),
            Claim::Yours => Ok(Access::Yours(found)),
            Claim::Free => {
                drop(tx);
                let mut tx = begin(&*self.db, Lock::Package(package_id))?;
                claim(&mut *tx, package_id, digest, now_ms)?;
                let claimed = claim_of(&mut *tx, package_id, digest)?;
                tx.commit()?;
                Ok(if claimed == Claim::Yours { Access::Yours(found) } else { Access::WrongSecret })
            }
        }
    }

    /// Every package, newest first.
    pub fn list(&self) -> StoreResult<Vec<PackageRecord>> {
        let sql = format!("SELECT {RECORD_COLUMNS} FROM packages ORDER BY received_at DESC, receipt DESC");
        begin(&*self.db, Lock::Read)?.rows(&sql, &[])?.iter().map(package_of).collect()
    }

    /// Moves a package to `status` (an operator's act, or the applicant's 撤回), if `allowed`
    /// says the move is possible from where it is, and writes the move to the audit log with
    /// `actor`, in one transaction. Returns the new record, or the current one when the move was
    /// refused.
    pub fn change_status(
        &self,
        key: &str,
        status: PackageStatus,
        reason: Option<&str>,
        now: &str,
        actor: &str,
        allowed: impl Fn(&PackageRecord) -> bool,
    ) -> StoreResult<Option<Result<PackageRecord, PackageRecord>>> {
        self.move_package(key, allowed, |tx, current| {
            tx.execute(
                "UPDATE packages SET status = ?1, reason = ?2, updated_at = ?3 WHERE package_id = ?4",
                params![status.word(), reason, now, &current.package_id],
            )?;
            let stage = stage_words(current);
            record_move(tx, now, actor, current, Move { status, stage, reason })
        })
    }

    /// The frame of every move: in one transaction, the package by `key` (`None` when unknown),
    /// refused as it is unless `allowed`, else changed and audited by `change`, and read again.
    fn move_package(
        &self,
        key: &str,
        allowed: impl Fn(&PackageRecord) -> bool,
        change: impl FnOnce(&mut dyn Tx, &PackageRecord) -> StoreResult<()>,
    ) -> StoreResult<Option<Result<PackageRecord, PackageRecord>>> {
        // The key may be a receipt: the package's id is read first, then read again under its lock.
        let Some(found) = self.status(key)? else { return Ok(None) };
        let mut tx = begin(&*self.db, Lock::Package(&found.package_id))?;
        let Some(current) = record(&mut *tx, &found.package_id)? else { return Ok(None) };
        if !allowed(&current) {
            return Ok(Some(Err(current)));
        }
        change(&mut *tx, &current)?;
        let updated = record(&mut *tx, &current.package_id)?.ok_or("vanished")?;
        tx.commit()?;
        Ok(Some(Ok(updated)))
    }

    /// Places a package at `stage` on its form's status path (an operator's act) at `now`, if
    /// `allowed` says it may move from where it is, keeping the 意见 given with it, and moves it
    /// to the status `next` gives for its current one: 办理中 once someone acted on it, 退回 (with
    /// the 意见 as the reason) for a 不通过 that sends it back. Written to the audit log in the
    /// same transaction. Returns the new record, or the current one when refused.
    pub fn change_stage(
        &self,
        key: &str,
        stage: &PackageStage,
        now: &str,
        actor: &str,
        allowed: impl Fn(&PackageRecord) -> bool,
        next: impl Fn(PackageStatus) -> PackageStatus,
    ) -> StoreResult<Option<Result<PackageRecord, PackageRecord>>> {
        self.move_package(key, allowed, |tx, current| {
            decisions::place(tx, current, stage, next(current.status), now, actor)
        })
    }

    /// Withdraws (撤回) a package for the holder of its secret, if it may still be withdrawn.
    pub fn withdraw(
        &self,
        package_id: &str,
        digest: &str,
        now: &str,
        now_ms: u64,
    ) -> StoreResult<Access<Result<PackageRecord, PackageRecord>>> {
        self.applicants_move(package_id, digest, (now, now_ms), PackageStatus::Withdrawn, |s| s.withdrawable())
    }

    /// Ends (终止申报) a returned package for the holder of its secret.
    pub fn terminate(
        &self,
        package_id: &str,
        digest: &str,
        now: &str,
        now_ms: u64,
    ) -> StoreResult<Access<Result<PackageRecord, PackageRecord>>> {
        self.applicants_move(package_id, digest, (now, now_ms), PackageStatus::Terminated, |s| s.status.terminable())
    }

    /// A move the applicant makes with the package's secret (撤回, 终止申报), to `status` if
    /// `allowed` says it may be made from where the package is, audited as the applicant's.
    fn applicants_move(
        &self,
        package_id: &str,
        digest: &str,
        (now, now_ms): (&str, u64),
        status: PackageStatus,
        allowed: impl Fn(&PackageRecord) -> bool,
    ) -> StoreResult<Access<Result<PackageRecord, PackageRecord>>> {
        match self.status_for(package_id, digest, now_ms)? {
            Access::Unknown => return Ok(Access::Unknown),
            Access::WrongSecret => return Ok(Access::WrongSecret),
            Access::Yours(_) => {}
        }
        let moved = self.change_status(package_id, status, None, now, "申报人（凭申报包密钥）", allowed)?;
        Ok(moved.map_or(Access::Unknown, Access::Yours))
    }

    /// The stored manifest of a package (for 查看 and for operators).
    pub fn manifest(&self, key: &str) -> StoreResult<Option<String>> {
        let found = begin(&*self.db, Lock::Read)?
            .row("SELECT manifest FROM packages WHERE package_id = ?1 OR receipt = ?1", params![key])?;
        found.map(|r| r.text(0)).transpose()
    }
}
