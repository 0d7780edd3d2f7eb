//! 我的事项 as the portals show it: each sent package is a matter under one of the tabs 待办中
//! (the applicant must act: sending stopped, or the declaration came back), 办理中 (with the
//! receiver, not editable) and 办结 (finished, withdrawn or ended), with its 当前环节, 办理部门 and
//! 办理结果; and its 进度 as a timeline of dated steps, from 提交 to the last move the receiver told.

use crate::status_progress::StageState;
use crate::stored::package_status::PackageStatus;
use crate::stored::submission::{Phase, SubmissionV1};

/// The tab a matter is listed under (besides 全部, which lists them all).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatterTab {
    Todo,
    InProgress,
    Finished,
}

impl MatterTab {
    pub fn word(self) -> &'static str {
        match self {
            MatterTab::Todo => "待办中",
            MatterTab::InProgress => "办理中",
            MatterTab::Finished => "办结",
        }
    }
}

/// One row of 我的事项.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matter {
    pub tab: MatterTab,
    /// 当前环节: the stage the package is at, or where sending stands.
    pub stage: String,
    /// 办理部门: who handles it there (the 报送单位 at 单位审核, when the declaration names it).
    pub department: String,
    /// 办理结果: the last outcome, or the status.
    pub result: String,
    /// The 业务流水号 of the package the same declaration was sent again as, after a 退回 or a 撤回:
    /// this one is then finished, with nothing left to do on it.
    pub resent_as: Option<String>,
}

/// One dated step of the 进度 timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineStep {
    /// RFC 3339, or empty when the receiver did not say.
    pub at: String,
    pub what: String,
    pub reason: Option<String>,
}

impl SubmissionV1 {
    /// The package as a matter of 我的事项.
    pub fn matter(&self) -> Matter {
        let status = self.status;
        let tab = match (self.phase, status) {
            (Phase::Sending | Phase::Stopped, _) | (Phase::Sent, Some(PackageStatus::Returned)) => MatterTab::Todo,
            (Phase::Sent, Some(s)) if s.is_final() => MatterTab::Finished,
            (Phase::Sent, _) => MatterTab::InProgress,
        };
        let progress = self.path_progress();
        let here = progress.iter().find(|s| matches!(s.state, StageState::Current | StageState::NotPassed));
        let stage = match (self.phase, here) {
            (Phase::Sending, _) => "正在提交".to_string(),
            (Phase::Stopped, _) => "提交未完成".to_string(),
            (Phase::Sent, Some(here)) => here.name.clone(),
            // Finished: no stage any more (办理结果 says how it ended).
            (Phase::Sent, None) if status.is_some_and(PackageStatus::is_final) => "—".to_string(),
            (Phase::Sent, None) => status.map_or("已提交".into(), |s| s.to_string()),
        };
        let department = here.map_or(String::new(), |here| self.department_at(&here.id, &here.actor));
        let last_outcome = progress.iter().rev().find_map(|s| s.outcome.clone());
        let result = match (self.phase, status) {
            (Phase::Sent, Some(s)) if s.is_final() => s.to_string(),
            (Phase::Sent, _) => last_outcome.or(status.map(|s| s.to_string())).unwrap_or_else(|| "已提交".into()),
            _ => stage.clone(),
        };
        Matter { tab, stage, department, result, resent_as: None }
    }

    /// The package as a matter among every package of the outbox (newest first): one the same
    /// declaration was sent again after is finished, and says as what.
    pub fn matter_among(&self, all: &[SubmissionV1]) -> Matter {
        let mut matter = self.matter();
        let newer = all.iter().take_while(|e| e.package_id != self.package_id).filter(|e| e.draft_id == self.draft_id);
        if let Some(again) = newer.last() {
            let receipt = again.receipt.clone().unwrap_or_else(|| "（提交中）".into());
            matter.tab = MatterTab::Finished;
            matter.result = format!("已重新提交（{receipt}）");
            matter.resent_as = Some(receipt);
        }
        matter
    }

    /// Who handles the stage `id`: the answer its `department_field` names, else its actor.
    fn department_at(&self, id: &str, actor: &str) -> String {
        let field = self.status_path.iter().find(|s| s.id == id).and_then(|s| s.department_field.as_ref());
        let named = field.and_then(|f| self.manifest.answers.get(f)).map(|v| v.display());
        named.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| actor.to_string())
    }

    /// The 进度 timeline: 提交 with the 业务流水号, then each move the receiver reported, in words of
    /// the form's status path where it names them.
    pub fn timeline(&self) -> Vec<TimelineStep> {
        let submitted = match &self.receipt {
            Some(receipt) => format!("提交申报，业务流水号 {receipt}"),
            None => "提交申报".to_string(),
        };
        let first = TimelineStep { at: self.received_at.clone().unwrap_or_default(), what: submitted, reason: None };
        let moves = self.history.iter().map(|step| {
            let stage = step.stage.as_ref().and_then(|reached| {
                let stage = self.status_path.iter().find(|s| s.id == reached.id)?;
                let outcome = reached.outcome.as_deref().and_then(|o| stage.outcome(o));
                Some(match outcome {
                    Some(outcome) => format!("{}：{}", stage.name, outcome.name),
                    None => stage.name.clone(),
                })
            });
            let status = step.status.map(|s| s.to_string()).unwrap_or_default();
            let what = match stage {
                Some(stage) if !status.is_empty() => format!("{stage}（{status}）"),
                Some(stage) => stage,
                None => status,
            };
            TimelineStep { at: step.at.clone(), what, reason: step.reason.clone() }
        });
        std::iter::once(first).chain(moves).collect()
    }
}

#[cfg(test)]
mod tests;
