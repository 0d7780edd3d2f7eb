//! The Shenzhen unit's 单位审核 of one declaration (sz-unit-review, `settings.decides`): the
//! decision fits the applicant's form and status path, the applicant's identifying answers are
//! fixed once the package is opened, the opinion rules of seed 003 hold only for a 提交, a 退回
//! needs its reason, and the finished decision is a package that refers to the applicant's.

#[path = "support/sz_unit_review.rs"]
mod sz_unit_review;

use sz_unit_review::{opened, returned, review, schema, set, submitted, UNIT_CODE, UNIT_NAME};
use zhicheng_engine::{FieldPath, FormState, Outcome, PackageManifestV1, PackageStamp, Value};

const SUBJECT: &str = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

fn errors_at(s: &FormState, field: &str) -> Vec<String> {
    s.report().errors().filter(|v| v.path.field == field).map(|v| v.message.clone()).collect()
}

fn manifest(s: &FormState) -> PackageManifestV1 {
    let finished = s.finished_declaration().unwrap_or_else(|e| panic!("{} {:?}", e.message(), s.report()));
    let stamp = PackageStamp {
        package_id: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
        client_version: "test".into(),
        created_at_ms: 1_795_420_800_000,
        submitted_at_ms: 1_795_420_800_000,
    };
    PackageManifestV1::build(finished, stamp, Vec::new())
}

#[test]
fn the_unit_review_decides_the_unit_stage_of_the_shenzhen_declaration() {
    let unit = schema();
    let decides = unit.settings.decides.as_ref().expect("sz-unit-review decides");
    let declaration = zhicheng_engine::test_forms::form("sz-title-review");
    assert_eq!(decides.check_against(&declaration), Vec::<String>::new());
    assert_eq!(decides.outcome_for("退回个人修改"), Some("returned"));
    assert_eq!(decides.outcome_for("提交"), Some("passed"));
    let elsewhere = decides.check_against(&zhicheng_engine::test_forms::form("dg-assessment"));
    assert!(elsewhere.iter().any(|p| p.contains("submitUnitCode")), "{elsewhere:?}");
}

#[test]
fn the_applicants_answers_are_fixed_once_the_package_is_opened() {
    let mut s = opened(SUBJECT);
    for field in ["subjectName", "subjectPackageId"] {
        assert!(s.is_read_only(&FieldPath::top(field)), "{field}");
        assert!(matches!(set(&mut s, field, "王五"), Outcome::Refused(m) if m.contains("所审核的申报包")), "{field}");
    }
    assert_eq!(s.answers().get("subjectName").and_then(Value::as_text), Some("李明"));
    assert!(!s.is_read_only(&FieldPath::top("handlerName")), "the unit's own answers stay editable");
}

#[test]
fn a_submission_needs_the_opinions_and_150_characters_of_evaluation() {
    let mut s = opened(SUBJECT);
    assert_eq!(set(&mut s, "unitDecision", "提交"), Outcome::Done);
    for field in ["ceOpinion", "overallEvaluation", "unitAppraisals"] {
        assert!(!errors_at(&s, field).is_empty(), "{field} is required for a 提交");
    }
    assert_eq!(set(&mut s, "overallEvaluation", "工作认真负责，业绩突出。"), Outcome::Done);
    let short = errors_at(&s, "overallEvaluation");
    assert!(short.iter().any(|m| m.contains("150")), "{short:?}");
    review(&mut s);
    assert!(errors_at(&s, "overallEvaluation").is_empty());
    assert_eq!(s.missing_materials(), ["《广东省深圳市职称申报承诺书》（单位）"], "a 提交 needs the signed 单位承诺书");
}

#[test]
fn a_return_needs_its_reason_and_nothing_else() {
    let mut s = opened(SUBJECT);
    assert_eq!(set(&mut s, "unitDecision", "退回个人修改"), Outcome::Done);
    assert!(!errors_at(&s, "returnReason").is_empty(), "the applicant must be told why");
    let s = returned(SUBJECT, "工作经历中 2020 年的单位名称与劳动合同不一致，请核对后修改。");
    let manifest = manifest(&s);
    assert_eq!(manifest.refers_to.as_deref(), Some(SUBJECT));
    assert_eq!(manifest.form_id, "sz-unit-review");
    assert_eq!(
        (manifest.applicant.name.as_str(), manifest.applicant.id_number.as_str()),
        (UNIT_NAME, UNIT_CODE),
        "the submitter of a decision is the unit"
    );
    assert!(manifest.attachments.is_empty(), "no 单位承诺书 for a 退回");
    assert_eq!(manifest.check(), Vec::new());
}

#[test]
fn a_submitted_decision_carries_the_opinions_and_the_pledge() {
    let s = submitted(SUBJECT, b"%PDF-1.4 pledge", |_| "b".repeat(64));
    let manifest = manifest(&s);
    assert_eq!(manifest.refers_to.as_deref(), Some(SUBJECT));
    assert!(!manifest.answers.contains_key("returnReason"), "no reason travels with a 提交");
    assert!(manifest.answers.contains_key("overallEvaluation"));
    let json = serde_json::to_value(&manifest).unwrap();
    assert_eq!(json["refers_to"], SUBJECT, "the protocol's name for it");
}

#[test]
fn the_units_pledge_prints_for_a_submission_only_with_the_applicant_and_the_unit() {
    use zhicheng_engine::printable::{applicable, build, ReportSet};
    let set = ReportSet::from_json(include_str!("../../public/reports/sz-unit-review.json")).unwrap();
    assert_eq!(set.check(&schema()), Vec::<String>::new());
    let pledge = set.reports.iter().find(|r| r.id == "pledge-unit").expect("the unit's pledge");
    assert!(!applicable(pledge, &returned(SUBJECT, "请补充材料。")), "no pledge for a 退回");
    let s = submitted(SUBJECT, b"%PDF-1.4 pledge", |_| "b".repeat(64));
    assert!(applicable(pledge, &s));
    let text = build(pledge, &s).texts().join("\n");
    for value in [
        "李明",
        "440305199203040039",
        "ZC20261123000001",
        "对李明同志",
        "经办人：陈经办",
        "深圳市示例科技有限公司（盖章）",
    ] {
        assert!(text.contains(value), "{value} missing from:\n{text}");
    }
}
