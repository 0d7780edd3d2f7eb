//! The status paths of the forms (issue #14 item 4): 考核认定 carries every stage of domain §1.2
//! with who acts and what the applicant must do (bring originals, pay by the 缴款通知书, return
//! the 票据 third copy), and the observed status words; the other Dongguan forms and Shenzhen's
//! carry theirs; a package placed on the path shows the right stage with its 意见.

use zhicheng_engine::stored::package_stage::PackageStage;
use zhicheng_engine::test_forms::form;
use zhicheng_engine::{StageState, StatusStage};

fn ids(path: &[StatusStage]) -> Vec<&str> {
    path.iter().map(|s| s.id.as_str()).collect()
}

fn stage<'a>(path: &'a [StatusStage], id: &str) -> &'a StatusStage {
    path.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("stage {id}"))
}

#[test]
fn the_assessment_path_has_every_stage_of_the_seed_with_what_to_do() {
    let schema = form("dg-assessment");
    let path = &schema.settings.status_path;
    assert_eq!(ids(path), ["declare", "unit-review", "liaison-review", "hr-review", "paper", "payment"]);
    let actors: Vec<&str> = path.iter().map(|s| s.actor.as_str()).collect();
    assert_eq!(actors, ["申报人", "用人单位", "人才联络点", "市人力资源局", "申报人", "申报人"]);
    assert_eq!(stage(path, "declare").status.as_deref(), Some("未送审"));
    assert!(stage(path, "unit-review").todo.contains("相关情况和意见"));
    assert!(stage(path, "paper").todo.contains("原件及复印件"));
    let pay = &stage(path, "payment").todo;
    for words in ["《东莞市非税收入缴款通知书》", "银行", "微信", "《广东省非税收入(电子)票据》第三联", "缴费截图"]
    {
        assert!(pay.contains(words), "缴费 says 「{words}」: {pay}");
    }
    let observed: Vec<&str> = path.iter().flat_map(|s| s.outcomes.iter().map(|o| o.name.as_str())).collect();
    for word in ["单位审核通过", "单位审核不通过", "人力资源局审核不通过"] {
        assert!(observed.contains(&word), "{word} in {observed:?}");
    }
    // Every 不通过 sends the package back to the applicant; no 通过 does.
    for outcome in path.iter().flat_map(|s| &s.outcomes) {
        assert_eq!(outcome.returns, outcome.name.contains("不通过"), "{}", outcome.name);
    }
}

#[test]
fn the_other_forms_declare_their_paths() {
    for (id, first_review) in
        [("dg-title-review", "unit-review"), ("dg-ai-recognition", "unit-review"), ("sz-title-review", "unit-review")]
    {
        let schema = form(id);
        let path = &schema.settings.status_path;
        assert_eq!(path.first().map(|s| s.id.as_str()), Some("declare"), "{id}");
        assert_eq!(path.get(1).map(|s| s.id.as_str()), Some(first_review), "{id}");
        assert!(path[1].outcomes.iter().any(|o| o.returns), "{id}: the unit can send it back");
    }
    assert!(form("dg-unit-review").settings.status_path.is_empty(), "the unit's own form has no applicant path");
}

#[test]
fn a_unit_refusal_shows_its_opinion_and_what_to_do() {
    let schema = form("dg-assessment");
    let mut entry: zhicheng_engine::SubmissionV1 =
        serde_json::from_str(include_str!("snapshots/submission.json")).expect("the outbox snapshot loads");
    entry.status_path = schema.settings.status_path.clone();
    entry.stage = Some(PackageStage {
        id: "unit-review".into(),
        outcome: Some("failed".into()),
        opinion: Some("工作年限计算有误，请核对".into()),
        updated_at: None,
    });
    let shown = entry.path_progress();
    let states: Vec<StageState> = shown.iter().map(|s| s.state).collect();
    use StageState::*;
    assert_eq!(states, [Done, NotPassed, ToCome, ToCome, ToCome, ToCome]);
    assert_eq!(shown[1].outcome.as_deref(), Some("单位审核不通过"));
    assert_eq!(shown[1].opinion.as_deref(), Some("工作年限计算有误，请核对"));
    assert!(shown[1].todo.as_deref().unwrap().contains("相关情况和意见修改后重新送审"));

    entry.stage = Some(PackageStage { id: "paper".into(), outcome: None, opinion: None, updated_at: None });
    entry.status = Some(zhicheng_engine::PackageStatus::InProgress);
    let shown = entry.path_progress();
    let current: Vec<&str> = shown.iter().filter(|s| s.state == Current).map(|s| s.name.as_str()).collect();
    assert_eq!(current, ["递交纸质材料"]);
    assert!(shown[4].todo.as_deref().unwrap().contains("原件及复印件"));

    // A passed 复审 says to watch for the SMS before the paper stage's own work.
    entry.stage =
        Some(PackageStage { id: "hr-review".into(), outcome: Some("passed".into()), opinion: None, updated_at: None });
    let shown = entry.path_progress();
    assert_eq!(shown[3].outcome.as_deref(), Some("人力资源局审核通过"));
    assert_eq!(shown[4].state, Current);
    let todo = shown[4].todo.as_deref().unwrap();
    assert!(todo.starts_with("复审已通过：请留意短信通知") && todo.ends_with("递交纸质材料。"), "{todo}");
}
