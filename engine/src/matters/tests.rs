//! Each phase and status under its tab, the 办理部门 named by the declaration, the last outcome as
//! the result, and the timeline in the path's words.

use super::*;
use crate::stored::package::{Applicant, PackageManifestV1};
use crate::stored::package_stage::{PackageStage, StageOutcome, StatusStage};
use crate::stored::submission::{HistoryStep, StageReached};
use crate::value::Value;

fn path() -> Vec<StatusStage> {
    let stage =
        |id: &str, name: &str, actor: &str, department: Option<&str>, outcomes: Vec<StageOutcome>| StatusStage {
            id: id.into(),
            name: name.into(),
            actor: actor.into(),
            todo: "等待".into(),
            status: None,
            outcomes,
            department_field: department.map(String::from),
        };
    let outcome =
        |id: &str, name: &str, returns: bool| StageOutcome { id: id.into(), name: name.into(), returns, todo: None };
    vec![
        stage("declare", "个人申报", "申报人", None, vec![]),
        stage(
            "unit-review",
            "单位审核",
            "用人单位",
            Some("submitUnit"),
            vec![outcome("passed", "单位已报送", false), outcome("returned", "退回个人修改", true)],
        ),
        stage("unit-publicity", "单位评前公示", "用人单位", None, vec![]),
    ]
}

fn entry() -> SubmissionV1 {
    let mut answers = crate::value::Answers::new();
    answers.insert("submitUnit".into(), Value::text("深圳市示例科技有限公司"));
    let manifest = PackageManifestV1 {
        format: "zhicheng.package".into(),
        format_version: 1,
        package_id: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
        form_id: "f".into(),
        schema_version: 1,
        client_version: "t".into(),
        created_at: String::new(),
        submitted_at: String::new(),
        applicant: Applicant { name: "李明".into(), id_number: String::new() },
        answers,
        attachments: vec![],
        reports: vec![],
        refers_to: None,
    };
    let mut e = SubmissionV1::new(manifest, "d", "李明 · 普通申报", "http://r/", 0);
    e.status_path = path();
    e
}

fn sent(status: PackageStatus, stage: Option<(&str, Option<&str>)>) -> SubmissionV1 {
    let mut e = entry();
    e.phase = Phase::Sent;
    e.receipt = Some("ZC20261202000001".into());
    e.received_at = Some("2026-12-02T02:00:00Z".into());
    e.status = Some(status);
    e.stage = stage.map(|(id, outcome)| PackageStage {
        id: id.into(),
        outcome: outcome.map(String::from),
        opinion: None,
        updated_at: None,
    });
    e
}

#[test]
fn each_package_is_listed_under_the_tab_of_who_must_act() {
    let mut stopped = entry();
    stopped.phase = Phase::Stopped;
    let cases = [
        (entry(), MatterTab::Todo, "正在提交"),
        (stopped, MatterTab::Todo, "提交未完成"),
        (sent(PackageStatus::Waiting, None), MatterTab::InProgress, "单位审核"),
        (sent(PackageStatus::Returned, Some(("unit-review", Some("returned")))), MatterTab::Todo, "单位审核"),
        (sent(PackageStatus::InProgress, Some(("unit-review", Some("passed")))), MatterTab::InProgress, "单位评前公示"),
        (sent(PackageStatus::Terminated, Some(("unit-review", Some("returned")))), MatterTab::Finished, "—"),
        (sent(PackageStatus::Withdrawn, None), MatterTab::Finished, "—"),
    ];
    for (e, tab, stage) in cases {
        let matter = e.matter();
        assert_eq!((matter.tab, matter.stage.as_str()), (tab, stage), "{:?} {:?}", e.phase, e.status);
    }
}

#[test]
fn the_department_is_the_unit_the_declaration_names_and_the_result_the_last_outcome() {
    let waiting = sent(PackageStatus::Waiting, None).matter();
    assert_eq!((waiting.department.as_str(), waiting.result.as_str()), ("深圳市示例科技有限公司", "待办中"));
    let passed = sent(PackageStatus::InProgress, Some(("unit-review", Some("passed")))).matter();
    assert_eq!((passed.department.as_str(), passed.result.as_str()), ("用人单位", "单位已报送"));
    let returned = sent(PackageStatus::Returned, Some(("unit-review", Some("returned")))).matter();
    assert_eq!(returned.result, "退回个人修改");
}

#[test]
fn the_timeline_dates_every_move_in_the_paths_words() {
    let mut e = sent(PackageStatus::Returned, Some(("unit-review", Some("returned"))));
    e.history = vec![HistoryStep {
        at: "2026-12-02T03:00:00Z".into(),
        status: Some(PackageStatus::Returned),
        stage: Some(StageReached { id: "unit-review".into(), outcome: Some("returned".into()) }),
        reason: Some("请补充劳动合同".into()),
    }];
    let steps = e.timeline();
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[0].what, "提交申报，业务流水号 ZC20261202000001");
    assert_eq!(steps[0].at, "2026-12-02T02:00:00Z");
    assert_eq!(steps[1].what, "单位审核：退回个人修改（退回）");
    assert_eq!(steps[1].reason.as_deref(), Some("请补充劳动合同"));
}

#[test]
fn a_declaration_sent_again_finishes_the_package_it_replaces() {
    let returned = sent(PackageStatus::Returned, Some(("unit-review", Some("returned"))));
    let mut again = sent(PackageStatus::Waiting, None);
    again.package_id = "7c9e6679-7425-40de-944b-e07fc1f90ae7".into();
    again.receipt = Some("ZC20261202000002".into());
    let mut elsewhere = sent(PackageStatus::Waiting, None);
    elsewhere.package_id = "3b241101-e2bb-4255-8caf-4136c566a962".into();
    elsewhere.draft_id = "another".into();
    let all = [elsewhere.clone(), again.clone(), returned.clone()];
    let old = returned.matter_among(&all);
    assert_eq!((old.tab, old.resent_as.as_deref()), (MatterTab::Finished, Some("ZC20261202000002")));
    assert_eq!(old.result, "已重新提交（ZC20261202000002）");
    assert_eq!(again.matter_among(&all).resent_as, None, "the newest stays as it is");
    assert_eq!(elsewhere.matter_among(&all).tab, MatterTab::InProgress, "another declaration is not concerned");
}
