//! The stages of a system's status path (`settings.status_path`, checked in
//! `schema::status_path`) and the stage a receiver reports a package at (`stage` in the status
//! reply, protocol/README.md §2.4): kept in the outbox entry, so 我的事项 shows the path the
//! package was sent under without the form at hand.

use serde::{Deserialize, Serialize};

/// One stage of the path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusStage {
    /// Stable id the receiver's operator names (`set-stage`): lowercase letters, digits and `-`.
    pub id: String,
    pub name: String,
    /// Who acts at this stage (申报人, 用人单位, 人才联络点 …).
    pub actor: String,
    /// What the applicant must do (or wait for) while the package is at this stage.
    pub todo: String,
    /// The word the system shows while the package is here (未送审), if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// How this stage can end, as the system words it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<StageOutcome>,
    /// The declaration's field naming who handles this stage (the 报送单位 at 单位审核), shown as
    /// 办理部门 instead of `actor` when answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_field: Option<String>,
}

/// One way a stage ends (通过, 不通过).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageOutcome {
    pub id: String,
    /// The status word the system shows for it (单位审核不通过).
    pub name: String,
    /// The package goes back to the applicant (退回, with the 意见 as the reason).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub returns: bool,
    /// What the applicant must do after this outcome: for one that returns the package, instead
    /// of the stage's `todo`; for one that does not, before the next stage's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub todo: Option<String>,
}

impl StatusStage {
    pub fn outcome(&self, id: &str) -> Option<&StageOutcome> {
        self.outcomes.iter().find(|o| o.id == id)
    }
}

/// Where a receiver says a package is on its form's path: the stage's id, how it ended if it did
/// (the outcome's id), and the 意见 given with it (the unit's 相关情况和意见).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageStage {
    pub id: String,
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub opinion: Option<String>,
    /// When it was set (RFC 3339).
    #[serde(default)]
    pub updated_at: Option<String>,
}
