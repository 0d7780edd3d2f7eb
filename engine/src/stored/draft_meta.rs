//! The 草稿箱 entry of a stored draft, version 1, and the summary it shows (who the draft is for,
//! which kind of declaration, how far along). Kept apart from the draft body, so listing drafts
//! reads only these and the two-tab check reads nothing else; the summary is stored with the entry
//! so the list needs no schema (`FormState::summary` computes it).

use serde::{Deserialize, Serialize};

use crate::stored::lock::LockV1;

/// The 草稿箱 entry of a stored draft, version 1.
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
    /// Set while the draft is locked with a passphrase: its body is sealed (see `stored::lock`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lock: Option<LockV1>,
}

/// A draft at a glance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSummary {
    /// The applicant's name, blank until typed.
    #[serde(default)]
    pub applicant: String,
    /// The 申报类型, blank until chosen.
    #[serde(default)]
    pub kind: String,
    /// Steps without errors, out of the steps that apply to this declaration.
    pub steps_done: u32,
    pub steps_total: u32,
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

impl DraftSummary {
    /// Whole percent complete, for 「完成 62%」.
    pub fn percent(&self) -> u32 {
        (self.steps_done * 100).checked_div(self.steps_total).unwrap_or(0)
    }

    /// A name for a draft the applicant has not named: 「张三 · 普通申报」 or 「未命名草稿」.
    pub fn default_name(&self) -> String {
        match (self.applicant.is_empty(), self.kind.is_empty()) {
            (false, false) => format!("{} · {}", self.applicant, self.kind),
            (false, true) => self.applicant.clone(),
            (true, false) => format!("未填姓名 · {}", self.kind),
            (true, true) => "未命名草稿".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{DraftMetaV1, DraftSummary};

    #[test]
    fn a_blank_own_name_falls_back_to_the_summary() {
        let mut meta = DraftMetaV1 {
            id: "d1".into(),
            form_id: "f".into(),
            schema_version: 1,
            name: None,
            summary: DraftSummary { applicant: "李四".into(), ..DraftSummary::default() },
            created_at: 0,
            saved_at: 0,
            revision: 1,
            writer: "a".into(),
            deleted_at: None,
            lock: None,
        };
        assert_eq!(meta.display_name(), "李四");
        meta.name = Some("  ".into());
        assert_eq!(meta.display_name(), "李四");
        meta.name = Some(" 2026 年申报 ".into());
        assert_eq!(meta.display_name(), "2026 年申报");
    }

    #[test]
    fn default_names_use_what_is_known() {
        let cases = [
            ("张三", "普通申报", "张三 · 普通申报"),
            ("张三", "", "张三"),
            ("", "考核认定", "未填姓名 · 考核认定"),
            ("", "", "未命名草稿"),
        ];
        for (applicant, kind, name) in cases {
            let summary = DraftSummary { applicant: applicant.into(), kind: kind.into(), ..Default::default() };
            assert_eq!(summary.default_name(), name);
        }
    }

    #[test]
    fn percent_rounds_down_and_survives_zero_steps() {
        let cases = [(0, 0, 0), (0, 12, 0), (5, 12, 41), (12, 12, 100)];
        for (done, total, percent) in cases {
            let summary = DraftSummary { steps_done: done, steps_total: total, ..Default::default() };
            assert_eq!(summary.percent(), percent, "{done}/{total}");
        }
    }
}
