//! Versioned wire types: what drafts look like when stored or exported. Changing a field here
//! means a new format version, never a silent change.

use serde::{Deserialize, Serialize};

use crate::draft_summary::DraftSummary;
use crate::path::{FieldPath, RowId};
use crate::state::Position;
use crate::value::Answers;

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
    pub set_aside: Vec<crate::migrate::SetAside>,
    /// Files attached to the materials of the checklist, as references to the file store.
    #[serde(default)]
    pub attachments: crate::attached::Attachments,
    /// When each report was last printed (ms since the epoch), by report id.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub printed: std::collections::BTreeMap<String, u64>,
}

impl DraftV1 {
    /// Reads a draft, refusing other formats and versions with a message that says which.
    pub fn from_json(text: &str) -> Result<DraftV1, String> {
        let probe: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("草稿不是有效的 JSON：{e}"))?;
        // The header is checked before the body, so a draft of another version is named as such
        // rather than reported as damaged.
        let format = probe.get("format").and_then(|v| v.as_str()).unwrap_or("");
        let version = probe.get("format_version").and_then(|v| v.as_u64()).unwrap_or(0);
        check_header(format, version)?;
        serde_json::from_value(probe).map_err(|e| format!("草稿内容不完整或已损坏：{e}"))
    }

    /// Checks the format marker and version of a draft decoded by other means.
    pub fn check_header(&self) -> Result<(), String> {
        check_header(&self.format, u64::from(self.format_version))
    }
}

/// The 草稿箱 entry of a stored draft, version 1. Kept apart from the draft body, so listing
/// drafts reads only these and the two-tab check reads nothing else.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftMetaV1 {
    pub id: String,
    pub form_id: String,
    pub schema_version: u32,
    /// The applicant's own name for the draft; without one the summary names it.
    #[serde(default)]
    pub name: Option<String>,
    pub summary: DraftSummary,
    /// Milliseconds since the Unix epoch, from the browser's clock.
    pub created_at: u64,
    pub saved_at: u64,
    /// Goes up by one with every save, whichever page saves. Each revision of a draft can be
    /// saved once: a page saving revision n + 1 after reading revision n is refused when another
    /// page saved n + 1 first, so the later writer of two tabs always learns of the conflict.
    pub revision: u64,
    /// The page (one tab, one load) that saved this revision.
    pub writer: String,
    /// Set when the applicant deletes the draft; it can be restored until it is purged.
    #[serde(default)]
    pub deleted_at: Option<u64>,
    /// Set while the draft is locked with a passphrase: its body is sealed (see `lock`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lock: Option<crate::lock::LockV1>,
}

impl DraftMetaV1 {
    /// The name shown in lists and headings.
    pub fn display_name(&self) -> String {
        match &self.name {
            Some(name) if !name.trim().is_empty() => name.trim().to_string(),
            _ => self.summary.default_name(),
        }
    }
}

fn check_header(format: &str, version: u64) -> Result<(), String> {
    if format != DRAFT_FORMAT {
        return Err(format!("不是本系统的草稿文件（格式标记为「{format}」）。"));
    }
    if version != 1 {
        return Err(format!("草稿格式版本 {version} 不受支持（本程序支持版本 1）。"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::DraftMetaV1;
    use crate::draft_summary::DraftSummary;

    fn meta(writer: &str, revision: u64) -> DraftMetaV1 {
        DraftMetaV1 {
            id: "d1".into(),
            form_id: "f".into(),
            schema_version: 1,
            name: None,
            summary: DraftSummary::default(),
            created_at: 0,
            saved_at: 0,
            revision,
            writer: writer.into(),
            deleted_at: None,
            lock: None,
        }
    }

    #[test]
    fn a_blank_own_name_falls_back_to_the_summary() {
        let mut m = meta("a", 1);
        m.summary.applicant = "李四".into();
        assert_eq!(m.display_name(), "李四");
        m.name = Some("  ".into());
        assert_eq!(m.display_name(), "李四");
        m.name = Some(" 2026 年申报 ".into());
        assert_eq!(m.display_name(), "2026 年申报");
    }
}
