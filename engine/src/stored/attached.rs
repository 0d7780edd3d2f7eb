//! The files attached to a draft's materials, as stored in the draft: references (content hash,
//! name, type, size, pages), never the bytes, which live in the browser's file store, stored once
//! and shared between drafts, so saving a draft never rewrites a file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One attached file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachedFile {
    /// SHA-256 of the content, lower-case hex: the file's identity in the store.
    pub sha256: String,
    /// The name the applicant's file had, shown in lists and reports.
    pub name: String,
    pub media_type: String,
    pub size: u64,
    /// Pages of a PDF, when they could be counted.
    #[serde(default)]
    pub pages: Option<u32>,
}

/// Attached files by material id, in the applicant's order.
pub type Attachments = BTreeMap<String, Vec<AttachedFile>>;
