//! The Shenzhen unit's 单位审核 of one declaration (sz-unit-review, `settings.decides`): the
//! decision fits the applicant's form and status path, the applicant's identifying answers are
//! fixed once the package is opened, the opinion rules of seed 003 hold only for a 提交, a 退回
//! needs its reason, and the finished decision is a package that refers to the applicant's.

use std::collections::BTreeMap;
use std::sync::Arc;

use zhicheng_engine::{
    AttachedFile, Command, Date, FieldPath, FormSchema, FormState, Outcome, PackageManifestV1, PackageStamp, Value,
};

const SUBJECT: &str = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
/// A 综合评价 of 155 characters: more than the 150 the seed asks for.
const EVALUATION: &str = "该同志长期从事电子信息系统研发工作，专业基础扎实，工作认真负责。近五年主持完成深圳市重点技术攻关项目两项，\
解决了高速信号完整性等关键技术问题，成果已在公司三条产品线推广应用，取得良好经济效益。经核实，其申报的业绩成果、论文和专利真实有效，\
专业技术水平和工作能力已达到所申报职称的要求，同意推荐其申报相应级别职称。";

fn schema(id: &str) -> Arc<FormSchema> {
    Arc::new(zhicheng_engine::test_forms::form(id))
}

/// A decision draft as opening the applicant's package makes it: the fixed answers prefilled.
fn opened() -> FormState {
    let mut s = FormState::new(schema("sz-unit-review"), Date::new(2026, 12, 2).unwrap());
    let subject: BTreeMap<String, Value> = [
        ("subjectPackageId", SUBJECT),
        ("subjectReceipt", "ZC20261202000001"),
        ("subjectName", "张三"),
        ("subjectIdNumber", "11010519491231002X"),
        ("subjectTitle", "高级工程师"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), Value::text(v)))
    .collect();
    assert_eq!(s.apply(Command::Prefill { answers: subject, locked: false }), Outcome::Done);
    for (field, text) in [
        ("unitName", "深圳市示例科技有限公司"),
        ("unitCreditCode", "91440300568520498A"),
        ("handlerName", "李四"),
        ("handlerPhone", "0755-88888888"),
    ] {
        set(&mut s, field, text);
    }
    s
}

fn set(s: &mut FormState, field: &str, text: &str) -> Outcome {
    s.apply(Command::SetValue { path: FieldPath::top(field), value: Value::text(text) })
}

fn errors_at(s: &FormState, field: &str) -> Vec<String> {
    s.report().errors().filter(|v| v.path.field == field).map(|v| v.message.clone()).collect()
}

fn review(s: &mut FormState) {
    for (field, text) in [
        ("ceOpinion", "已完成本年度继续教育任务。"),
        ("negativeOpinion", "无负面情况。"),
        ("overallEvaluation", EVALUATION),
        ("examInsteadOfReview", "否"),
    ] {
        assert_eq!(set(s, field, text), Outcome::Done, "{field}");
    }
    let values = [("year", "2025"), ("result", "称职（合格）")].map(|(k, v)| (k.to_string(), Value::text(v)));
    let outcome = s.apply(Command::AddRowWith { group: "unitAppraisals".into(), values: values.into() });
    assert!(matches!(outcome, Outcome::RowAdded(_)), "{outcome:?}");
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
    let unit = schema("sz-unit-review");
    let decides = unit.settings.decides.as_ref().expect("sz-unit-review decides");
    assert_eq!(decides.check_against(&schema("sz-title-review")), Vec::<String>::new());
    assert_eq!(decides.outcome_for("退回个人修改"), Some("returned"));
    assert_eq!(decides.outcome_for("提交"), Some("passed"));
    let elsewhere = decides.check_against(&schema("dg-assessment"));
    assert!(elsewhere.iter().any(|p| p.contains("submitUnitCode")), "{elsewhere:?}");
}

#[test]
fn the_applicants_answers_are_fixed_once_the_package_is_opened() {
    let mut s = opened();
    for field in ["subjectName", "subjectPackageId"] {
        assert!(s.is_read_only(&FieldPath::top(field)), "{field}");
        assert!(matches!(set(&mut s, field, "王五"), Outcome::Refused(m) if m.contains("所审核的申报包")), "{field}");
    }
    assert_eq!(s.answers().get("subjectName").and_then(Value::as_text), Some("张三"));
    assert!(!s.is_read_only(&FieldPath::top("handlerName")), "the unit's own answers stay editable");
}

#[test]
fn a_submission_needs_the_opinions_and_150_characters_of_evaluation() {
    let mut s = opened();
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
    let mut s = opened();
    assert_eq!(set(&mut s, "unitDecision", "退回个人修改"), Outcome::Done);
    assert!(!errors_at(&s, "returnReason").is_empty(), "the applicant must be told why");
    assert_eq!(
        set(&mut s, "returnReason", "工作经历中 2020 年的单位名称与劳动合同不一致，请核对后修改。"),
        Outcome::Done
    );
    let manifest = manifest(&s);
    assert_eq!(manifest.refers_to.as_deref(), Some(SUBJECT));
    assert_eq!(manifest.form_id, "sz-unit-review");
    assert_eq!(
        (manifest.applicant.name.as_str(), manifest.applicant.id_number.as_str()),
        ("深圳市示例科技有限公司", "91440300568520498A"),
        "the submitter of a decision is the unit"
    );
    assert!(manifest.attachments.is_empty(), "no 单位承诺书 for a 退回");
    assert_eq!(manifest.check(), Vec::new());
}

#[test]
fn a_submitted_decision_carries_the_opinions_and_the_pledge() {
    let mut s = opened();
    assert_eq!(set(&mut s, "unitDecision", "提交"), Outcome::Done);
    review(&mut s);
    let file = AttachedFile {
        sha256: "b".repeat(64),
        name: "单位承诺书.pdf".into(),
        media_type: "application/pdf".into(),
        size: 100,
        pages: Some(1),
    };
    assert_eq!(s.apply(Command::Attach { material: "unitPledge".into(), file }), Outcome::Done);
    let manifest = manifest(&s);
    assert_eq!(manifest.refers_to.as_deref(), Some(SUBJECT));
    assert!(manifest.answers.get("returnReason").is_none(), "no reason travels with a 提交");
    assert!(manifest.answers.get("overallEvaluation").is_some());
    let json = serde_json::to_value(&manifest).unwrap();
    assert_eq!(json["refers_to"], SUBJECT, "the protocol's name for it");
}
