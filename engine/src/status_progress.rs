//! A sent package's place on its form's status path, as 我的事项 shows it: each stage done,
//! current, not passed or still to come (a word and a sign, never colour alone), who acts there,
//! and for the current stage what the applicant must do and the 意见 given.

use crate::stored::package_stage::StatusStage;
use crate::stored::package_status::PackageStatus;
use crate::stored::submission::{Phase, SubmissionV1};

/// What to do after a 退回 whose outcome says nothing more.
const RETURNED: &str = "请按退回意见修改后重新提交。";

/// Where one stage stands for a package.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageState {
    Done,
    Current,
    /// Ended with an outcome that returns the package (单位审核不通过).
    NotPassed,
    ToCome,
}

impl StageState {
    pub fn word(self) -> &'static str {
        match self {
            StageState::Done => "已完成",
            StageState::Current => "当前环节",
            StageState::NotPassed => "未通过",
            StageState::ToCome => "未开始",
        }
    }

    /// A sign that says the same as the word (for sighted readers at a glance).
    pub fn sign(self) -> &'static str {
        match self {
            StageState::Done => "✓",
            StageState::Current => "▶",
            StageState::NotPassed => "✗",
            StageState::ToCome => "○",
        }
    }
}

/// One stage as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageProgress {
    pub id: String,
    pub name: String,
    pub actor: String,
    pub state: StageState,
    /// The outcome's status word (单位审核通过), when the stage ended with one.
    pub outcome: Option<String>,
    /// What the applicant must do: for the current or not-passed stage only.
    pub todo: Option<String>,
    /// The 意见 given at this stage.
    pub opinion: Option<String>,
}

impl StageProgress {
    fn of(stage: &StatusStage, state: StageState) -> StageProgress {
        StageProgress {
            id: stage.id.clone(),
            name: stage.name.clone(),
            actor: stage.actor.clone(),
            state,
            outcome: None,
            todo: (state == StageState::Current).then(|| stage.todo.clone()),
            opinion: None,
        }
    }
}

impl SubmissionV1 {
    /// The path with each stage's state; empty when the form declares no path, the package is not
    /// yet received, or it was withdrawn. The first stage (the applicant's declaration) is done
    /// once sent; without a reported stage the package is at the second; a stage that ended
    /// without returning the package makes the next one current; 办结 completes the path.
    pub fn path_progress(&self) -> Vec<StageProgress> {
        let path = &self.status_path;
        if path.is_empty()
            || self.phase != Phase::Sent
            || matches!(self.status, Some(PackageStatus::Withdrawn | PackageStatus::Terminated))
        {
            return Vec::new();
        }
        let reported = self.stage.as_ref().and_then(|s| path.iter().position(|p| p.id == s.id).map(|i| (i, s)));
        let (at, ended) = match reported {
            Some((i, s)) => (i, s.outcome.as_deref().and_then(|o| path[i].outcome(o))),
            None => (1.min(path.len() - 1), None),
        };
        let current = match ended {
            _ if self.status == Some(PackageStatus::Done) => path.len(),
            Some(outcome) if !outcome.returns => at + 1,
            _ => at,
        };
        let mut shown: Vec<StageProgress> = path
            .iter()
            .enumerate()
            .map(|(i, stage)| {
                let state = match i.cmp(&current) {
                    std::cmp::Ordering::Less => StageState::Done,
                    std::cmp::Ordering::Equal => StageState::Current,
                    std::cmp::Ordering::Greater => StageState::ToCome,
                };
                StageProgress::of(stage, state)
            })
            .collect();
        if let Some((i, s)) = reported {
            let stage = &mut shown[i];
            stage.opinion = s.opinion.clone();
            if let Some(outcome) = ended {
                stage.outcome = Some(outcome.name.clone());
                if outcome.returns {
                    stage.state = StageState::NotPassed;
                    stage.todo = Some(outcome.todo.clone().unwrap_or_else(|| RETURNED.into()));
                } else if let (Some(said), Some(next)) = (&outcome.todo, shown.get_mut(i + 1)) {
                    // What the passed outcome asks (watch for the SMS) comes before the next stage's work.
                    next.todo = next.todo.take().map(|todo| format!("{said}{todo}"));
                }
            }
        }
        // Returned without a stage saying why (退回 by status alone): it went back from where it was.
        if self.status == Some(PackageStatus::Returned) {
            if let Some(stage) = shown.iter_mut().find(|s| s.state == StageState::Current) {
                stage.state = StageState::NotPassed;
                stage.todo = Some(RETURNED.into());
            }
        }
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stored::package::{Applicant, PackageManifestV1};
    use crate::stored::package_stage::{PackageStage, StageOutcome};
    use StageState::*;

    fn stage(id: &str, outcomes: &[(&str, bool)]) -> StatusStage {
        StatusStage {
            id: id.into(),
            name: format!("{id} 名称"),
            actor: "某方".into(),
            todo: format!("{id} 要做的事"),
            status: None,
            outcomes: outcomes
                .iter()
                .map(|(o, returns)| StageOutcome {
                    id: (*o).into(),
                    name: format!("{id} {o}"),
                    returns: *returns,
                    todo: None,
                })
                .collect(),
            department_field: None,
        }
    }

    /// The stage a receiver reported, with its outcome.
    type Reported = Option<(&'static str, Option<&'static str>)>;

    fn sent(stage_id: Reported, status: PackageStatus) -> SubmissionV1 {
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
            attachments: vec![],
            reports: vec![],
            refers_to: None,
        };
        let mut entry = SubmissionV1::new(manifest, "d", "t", "http://r/", 0);
        entry.sent("ZC1".into(), Some(status), "2026-11-23T08:00:00Z".into(), false);
        entry.status_path = vec![
            stage("declare", &[]),
            stage("unit", &[("passed", false), ("failed", true)]),
            stage("hr", &[("failed", true)]),
            stage("pay", &[]),
        ];
        entry.stage = stage_id.map(|(id, outcome)| PackageStage {
            id: id.into(),
            outcome: outcome.map(String::from),
            opinion: Some("意见".into()),
            updated_at: None,
        });
        entry
    }

    fn states(entry: &SubmissionV1) -> Vec<StageState> {
        entry.path_progress().iter().map(|s| s.state).collect()
    }

    #[test]
    fn each_reported_stage_and_outcome_places_the_package() {
        use PackageStatus::{InProgress, Returned, Waiting, Withdrawn};
        let cases: &[(Reported, PackageStatus, &[StageState])] = &[
            (None, Waiting, &[Done, Current, ToCome, ToCome]),
            (Some(("declare", None)), Waiting, &[Current, ToCome, ToCome, ToCome]),
            (Some(("hr", None)), InProgress, &[Done, Done, Current, ToCome]),
            (Some(("unit", Some("passed"))), InProgress, &[Done, Done, Current, ToCome]),
            (Some(("unit", Some("failed"))), Returned, &[Done, NotPassed, ToCome, ToCome]),
            (None, Returned, &[Done, NotPassed, ToCome, ToCome]),
            (Some(("hr", None)), Returned, &[Done, Done, NotPassed, ToCome]),
            (Some(("pay", None)), PackageStatus::Done, &[Done, Done, Done, Done]),
            (Some(("no-such-stage", None)), InProgress, &[Done, Current, ToCome, ToCome]),
            (Some(("hr", Some("no-such-outcome"))), InProgress, &[Done, Done, Current, ToCome]),
        ];
        for (reported, status, expected) in cases {
            assert_eq!(states(&sent(*reported, *status)), *expected, "{reported:?} {status}");
        }
        assert!(states(&sent(None, Withdrawn)).is_empty(), "a withdrawn package shows no path");
    }

    #[test]
    fn the_current_stage_says_what_to_do_and_a_failed_one_why() {
        let at_hr = sent(Some(("hr", None)), PackageStatus::InProgress).path_progress();
        let todos: Vec<Option<&str>> = at_hr.iter().map(|s| s.todo.as_deref()).collect();
        assert_eq!(todos, [None, None, Some("hr 要做的事"), None]);
        assert_eq!(at_hr[2].opinion.as_deref(), Some("意见"));

        let failed = sent(Some(("unit", Some("failed"))), PackageStatus::Returned).path_progress();
        assert_eq!(failed[1].outcome.as_deref(), Some("unit failed"));
        assert_eq!(failed[1].todo.as_deref(), Some("请按退回意见修改后重新提交。"));
        assert_eq!((NotPassed.word(), NotPassed.sign()), ("未通过", "✗"));
    }
}
