//! The outbox entry, format version 1: one package on its way to a receiver, kept in the browser
//! until it is sent and afterwards for 我的事项. How an entry moves on is `crate::submission`.

use std::collections::BTreeSet;

use serde::{Deserialize, Deserializer, Serialize};

use crate::stored::package::PackageManifestV1;
use crate::stored::package_stage::{PackageStage, StatusStage};
use crate::stored::package_status::PackageStatus;

/// Where a submission stands on this side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// To be sent, now or at `next_attempt_at`.
    Sending,
    /// Sending stopped on a refusal that retrying cannot fix; `message` says what to do.
    Stopped,
    /// The receiver issued a receipt.
    Sent,
}

/// An outbox entry, format version 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmissionV1 {
    pub package_id: String,
    pub draft_id: String,
    /// The draft's name when submitted, for 我的事项.
    pub title: String,
    /// The receiver's base URL.
    pub endpoint: String,
    pub manifest: PackageManifestV1,
    /// The package's secret (64 lowercase hex digits), made with the package and sent with every
    /// request about it (never in a URL): the receiver lets only its holder upload, finalise, ask
    /// and withdraw. Empty in entries stored before secrets existed; the sending loop makes one.
    #[serde(default)]
    pub secret: String,
    /// Hashes of the files the receiver confirmed.
    #[serde(default)]
    pub uploaded: BTreeSet<String>,
    pub phase: Phase,
    /// Failed attempts in a row (resets on progress).
    #[serde(default)]
    pub attempts: u32,
    /// Not before this time (ms since the epoch).
    #[serde(default)]
    pub next_attempt_at: u64,
    /// Why the last attempt failed or sending stopped, in the applicant's words.
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub receipt: Option<String>,
    /// The receiver's status and reason, as last heard.
    #[serde(default, deserialize_with = "known_status")]
    pub status: Option<PackageStatus>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub received_at: Option<String>,
    #[serde(default)]
    pub withdrawable: bool,
    /// The form's status path when the package was made (empty when the form declares none).
    #[serde(default)]
    pub status_path: Vec<StatusStage>,
    /// The stage on that path the receiver reported, as last heard.
    #[serde(default)]
    pub stage: Option<PackageStage>,
    /// The package's moves the receiver reported (§2.4 `history`), oldest first: the 进度 timeline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<HistoryStep>,
    pub submitted_at_ms: u64,
    /// Bytes of the file being uploaded now that have left the browser (not stored: a reload
    /// starts that file again).
    #[serde(skip)]
    pub in_flight: Option<(String, u64)>,
}

/// One move of a package as the receiver reports it: when, to which status and stage, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryStep {
    pub at: String,
    #[serde(default, deserialize_with = "known_status")]
    pub status: Option<PackageStatus>,
    #[serde(default)]
    pub stage: Option<StageReached>,
    #[serde(default)]
    pub reason: Option<String>,
}

/// A stage and, once it ended, its outcome, as a history step names them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageReached {
    pub id: String,
    #[serde(default)]
    pub outcome: Option<String>,
}

/// A stored status word, or none when it is not one of the protocol's five (a receiver outside
/// the protocol wrote it): the entry stays readable, and the next status heard replaces it.
fn known_status<'de, D: Deserializer<'de>>(words: D) -> Result<Option<PackageStatus>, D::Error> {
    let word = Option::<String>::deserialize(words)?;
    Ok(word.and_then(|w| w.parse().ok()))
}
