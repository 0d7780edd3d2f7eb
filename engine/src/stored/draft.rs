//! The stored draft, format `zhicheng.draft` version 1: the answers plus what the applicant has
//! seen, so that reopening restores the exact state. Changing a field here means a new format
//! version, never a silent change (`engine/tests/stored_formats.rs` holds its snapshot).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::path::{FieldPath, RowId};
use crate::stored::attached::Attachments;
use crate::value::{Answers, Value};

pub const DRAFT_FORMAT: &str = "zhicheng.draft";

/// A draft, version 1: the answers plus what the applicant has seen, so that reopening restores
/// the exact state (step, rows, which messages were showing).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftV1 {
    pub format: String,
    pub format_version: u32,
    pub form_id: String,
    pub schema_version: u32,
    pub answers: Answers,
    #[serde(default)]
    pub touched: Vec<FieldPath>,
    #[serde(default)]
    pub revealed_steps: Vec<usize>,
    #[serde(default)]
    pub visited_steps: Vec<usize>,
    pub position: Position,
    pub next_row_id: RowId,
    #[serde(default)]
    pub finished: bool,
    /// Answers carried from an older schema version that the current one has no field for.
    #[serde(default)]
    pub set_aside: Vec<SetAside>,
    /// Files attached to the materials of the checklist, as references to the file store.
    #[serde(default)]
    pub attachments: Attachments,
    /// When each report was last printed (ms since the epoch), by report id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub printed: BTreeMap<String, u64>,
}

/// Where the applicant is: one of the schema's steps, the 附件材料 page after them, or the final
/// 核对信息 review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    Step(usize),
    Materials,
    Review,
}

/// An answer the current schema has no place for, kept with where it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetAside {
    /// The field id it was stored under (in its repeat group's row when `group` is set).
    pub field: String,
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub row: Option<RowId>,
    pub value: Value,
    /// The schema version the draft had before it was carried over.
    pub from_version: u32,
}

/// Why a text or a decoded value is not a draft this program can read.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DraftFormatError {
    #[error("草稿不是有效的 JSON：{0}")]
    NotJson(String),
    #[error("不是本系统的草稿文件（格式标记为「{0}」）。")]
    OtherFormat(String),
    #[error("草稿格式版本 {0} 不受支持（本程序支持版本 1）。")]
    UnsupportedVersion(u64),
    #[error("草稿内容不完整或已损坏：{0}")]
    Damaged(String),
}

impl DraftV1 {
    /// Reads a draft, refusing other formats and versions with a message that says which.
    pub fn from_json(text: &str) -> Result<DraftV1, DraftFormatError> {
        let probe: serde_json::Value =
            serde_json::from_str(text).map_err(|e| DraftFormatError::NotJson(e.to_string()))?;
        // The header is checked before the body, so a draft of another version is named as such
        // rather than reported as damaged.
        let format = probe.get("format").and_then(|v| v.as_str()).unwrap_or("");
        let version = probe.get("format_version").and_then(|v| v.as_u64()).unwrap_or(0);
        check_header(format, version)?;
        serde_json::from_value(probe).map_err(|e| DraftFormatError::Damaged(e.to_string()))
    }

    /// Checks the format marker and version of a draft decoded by other means.
    pub fn check_header(&self) -> Result<(), DraftFormatError> {
        check_header(&self.format, u64::from(self.format_version))
    }
}

fn check_header(format: &str, version: u64) -> Result<(), DraftFormatError> {
    if format != DRAFT_FORMAT {
        return Err(DraftFormatError::OtherFormat(format.to_string()));
    }
    if version != 1 {
        return Err(DraftFormatError::UnsupportedVersion(version));
    }
    Ok(())
}
