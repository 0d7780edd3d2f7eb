//! One package on its way to a receiver (an outbox entry, `stored::submission`, kept in the browser
//! until it is sent): which files the receiver already has, when to try again, why sending stopped,
//! and the receipt once it arrived. Pure state changes; the browser layer does the requests and
//! stores the entry after every step, so a reload or a lost connection resumes where it was.

use std::collections::BTreeSet;

use crate::retry::wait_ms;
use crate::stored::package::{PackageManifestV1, PackagedFile};
use crate::stored::package_status::PackageStatus;
use crate::stored::submission::{Phase, SubmissionV1};

impl SubmissionV1 {
    pub fn new(manifest: PackageManifestV1, draft_id: &str, title: &str, endpoint: &str, now_ms: u64) -> SubmissionV1 {
        SubmissionV1 {
            package_id: manifest.package_id.clone(),
            draft_id: draft_id.to_string(),
            title: title.to_string(),
            endpoint: endpoint.to_string(),
            manifest,
            secret: String::new(),
            uploaded: BTreeSet::new(),
            phase: Phase::Sending,
            attempts: 0,
            next_attempt_at: now_ms,
            message: None,
            receipt: None,
            status: None,
            reason: None,
            received_at: None,
            withdrawable: false,
            status_path: Vec::new(),
            stage: None,
            history: Vec::new(),
            submitted_at_ms: now_ms,
            in_flight: None,
        }
    }

    /// The files still to upload, each content once, in the order listed.
    pub fn files_to_send(&self) -> Vec<&PackagedFile> {
        self.manifest.unique_files().into_iter().filter(|f| !self.uploaded.contains(&f.sha256)).collect()
    }

    /// Bytes sent (the files the receiver confirmed, and what has left for the file being
    /// uploaded), and the package's total.
    pub fn progress(&self) -> (u64, u64) {
        let files = self.manifest.unique_files();
        let confirmed: u64 = files.iter().filter(|f| self.uploaded.contains(&f.sha256)).map(|f| f.size).sum();
        let moving = self
            .in_flight
            .as_ref()
            .and_then(|(sha, sent)| {
                files.iter().find(|f| &f.sha256 == sha && !self.uploaded.contains(sha)).map(|f| (*sent).min(f.size))
            })
            .unwrap_or(0);
        (confirmed + moving, files.iter().map(|f| f.size).sum())
    }

    /// Distinct files the receiver confirmed, and the package's number of distinct files.
    pub fn files_sent(&self) -> (usize, usize) {
        let files = self.manifest.unique_files();
        (files.iter().filter(|f| self.uploaded.contains(&f.sha256)).count(), files.len())
    }

    /// `sent` bytes of the file `sha256` have left the browser; `None` when no upload is moving.
    pub fn uploading(&mut self, progress: Option<(&str, u64)>) {
        self.in_flight = progress.map(|(sha, sent)| (sha.to_string(), sent));
    }

    pub fn file_confirmed(&mut self, sha256: &str) {
        self.in_flight = None;
        self.uploaded.insert(sha256.to_string());
        self.attempts = 0;
        self.message = None;
    }

    /// The receiver says these files are missing (e.g. it lost them): send them again.
    pub fn files_missing(&mut self, missing: &[String]) {
        for sha in missing {
            self.uploaded.remove(sha);
        }
    }

    /// A failure worth retrying: wait longer each time, at least as long as the receiver asked.
    pub fn try_again_later(&mut self, now_ms: u64, jitter: f64, retry_after_ms: Option<u64>, why: String) {
        let wait = wait_ms(self.attempts, jitter, retry_after_ms);
        self.attempts = self.attempts.saturating_add(1);
        self.next_attempt_at = now_ms + wait;
        self.message = Some(format!("{why}；将在 {} 秒后自动重试。", wait.div_ceil(1000)));
    }

    pub fn stop(&mut self, message: String) {
        self.phase = Phase::Stopped;
        self.message = Some(message);
    }

    /// Tries again now, after the applicant fixed what stopped it (or pressed 重新发送).
    pub fn resume(&mut self, now_ms: u64) {
        self.phase = Phase::Sending;
        self.attempts = 0;
        self.next_attempt_at = now_ms;
        self.message = None;
    }

    /// The receipt arrived.
    pub fn sent(&mut self, receipt: String, status: Option<PackageStatus>, received_at: String, withdrawable: bool) {
        self.phase = Phase::Sent;
        self.receipt = Some(receipt);
        self.status = status;
        self.received_at = Some(received_at);
        self.withdrawable = withdrawable;
        self.message = None;
        self.attempts = 0;
    }

    /// A later status from the receiver (进度, 撤回).
    pub fn status_heard(&mut self, status: Option<PackageStatus>, reason: Option<String>, withdrawable: bool) {
        self.status = status;
        self.reason = reason;
        self.withdrawable = withdrawable;
    }

    /// Whether the declaration can be edited again: never sent, stopped, returned or withdrawn.
    pub fn releases_draft(&self) -> bool {
        match self.phase {
            Phase::Sending => false,
            Phase::Stopped => true,
            Phase::Sent => self.status.is_some_and(PackageStatus::releases_draft),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stored::package::Applicant;

    fn file(sha: char, size: u64) -> PackagedFile {
        PackagedFile {
            material: "m".into(),
            name: format!("{sha}.pdf"),
            media_type: "application/pdf".into(),
            size,
            sha256: sha.to_string().repeat(64),
            pages: None,
        }
    }

    fn submission() -> SubmissionV1 {
        let manifest = PackageManifestV1 {
            format: "zhicheng.package".into(),
            format_version: 1,
            package_id: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
            form_id: "f".into(),
            schema_version: 1,
            client_version: "t".into(),
            created_at: "2026-11-23T08:00:00Z".into(),
            submitted_at: "2026-11-23T08:00:00Z".into(),
            applicant: Applicant { name: "张三".into(), id_number: String::new() },
            answers: Default::default(),
            attachments: vec![file('a', 100), file('b', 50), file('a', 100)],
            reports: vec![],
            refers_to: None,
        };
        SubmissionV1::new(manifest, "d1", "张三 · 普通申报", "http://r/", 1_000)
    }

    #[test]
    fn progress_counts_the_bytes_of_the_file_on_its_way_but_does_not_store_them() {
        let mut s = submission();
        s.uploading(Some((&"b".repeat(64), 20)));
        assert_eq!(s.progress(), (20, 150));
        s.uploading(Some((&"b".repeat(64), 500)));
        assert_eq!(s.progress(), (50, 150), "never more than the file's size");
        s.uploading(Some((&"c".repeat(64), 20)));
        assert_eq!(s.progress(), (0, 150), "a file the package does not list counts nothing");
        s.uploading(Some((&"a".repeat(64), 60)));
        let stored: SubmissionV1 = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(stored.progress(), (0, 150), "a reload starts the moving file again");
        s.file_confirmed(&"a".repeat(64));
        assert_eq!(s.progress(), (100, 150), "once confirmed, the file counts once");
    }

    #[test]
    fn files_are_sent_once_each_and_progress_counts_confirmed_bytes() {
        let mut s = submission();
        assert_eq!(s.files_to_send().len(), 2, "the same content attached twice is sent once");
        assert_eq!(s.progress(), (0, 150));
        assert_eq!(s.files_sent(), (0, 2));
        s.file_confirmed(&"a".repeat(64));
        assert_eq!(s.progress(), (100, 150));
        assert_eq!(s.files_sent(), (1, 2));
        assert_eq!(s.files_to_send()[0].sha256, "b".repeat(64));
        s.files_missing(&["a".repeat(64)]);
        assert_eq!(s.files_to_send().len(), 2, "a file the receiver lost is sent again");
    }

    #[test]
    fn retries_wait_longer_each_time_and_resume_resets() {
        let mut s = submission();
        s.try_again_later(10_000, 0.0, None, "网络中断".into());
        assert_eq!(s.next_attempt_at, 10_500);
        s.try_again_later(20_000, 0.0, Some(30_000), "接收端繁忙".into());
        assert_eq!(s.next_attempt_at, 50_000, "Retry-After wins when longer");
        assert!(s.message.as_deref().unwrap().contains("30 秒后自动重试"));
        s.stop("文件过大".into());
        assert_eq!(s.phase, Phase::Stopped);
        assert!(s.releases_draft());
        s.resume(60_000);
        assert_eq!((s.phase, s.attempts, s.next_attempt_at), (Phase::Sending, 0, 60_000));
        assert!(!s.releases_draft());
    }

    #[test]
    fn a_stored_status_word_outside_the_protocol_leaves_the_entry_readable() {
        let mut s = submission();
        s.sent("ZC20261123000001".into(), Some(PackageStatus::InProgress), "2026-11-23T08:00:01Z".into(), false);
        let text = serde_json::to_string(&s).unwrap();
        assert!(text.contains(r#""status":"办理中""#), "{text}");
        let odd: SubmissionV1 = serde_json::from_str(&text.replace("办理中", "审核中")).unwrap();
        assert_eq!((odd.status, odd.receipt), (None, s.receipt.clone()));
        let back: SubmissionV1 = serde_json::from_str(&text).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn only_returned_or_withdrawn_packages_release_the_draft() {
        let mut s = submission();
        s.sent("ZC20261123000001".into(), Some(PackageStatus::Waiting), "2026-11-23T08:00:01Z".into(), true);
        assert!(!s.releases_draft());
        s.status_heard(Some(PackageStatus::Returned), Some("缺少盖章".into()), false);
        assert!(s.releases_draft());
        s.status_heard(Some(PackageStatus::Done), None, false);
        assert!(!s.releases_draft());
        s.status_heard(Some(PackageStatus::Withdrawn), None, false);
        assert!(s.releases_draft());
    }
}
