//! Shared by the tests of the unit's 单位审核 (sz-unit-review): a decision draft as opening an
//! applicant's package makes it, the opinions of seed 003 filled in, and the finished decisions —
//! 提交 with the signed 单位承诺书, or 退回个人修改 with a reason.
// Each test crate that includes this file uses only some of the builders.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::Arc;

use zhicheng_engine::{AttachedFile, Command, Date, FieldPath, FormSchema, FormState, Outcome, Value};

pub const FORM: &str = "sz-unit-review";
pub const UNIT_NAME: &str = "深圳市示例科技有限公司";
pub const UNIT_CODE: &str = "91440300568520498A";

/// A 综合评价 of 155 characters: more than the 150 the seed asks for.
pub const EVALUATION: &str = "该同志长期从事电子信息系统研发工作，专业基础扎实，工作认真负责。近五年主持完成深圳市重点技术攻关项目两项，\
解决了高速信号完整性等关键技术问题，成果已在公司三条产品线推广应用，取得良好经济效益。经核实，其申报的业绩成果、论文和专利真实有效，\
专业技术水平和工作能力已达到所申报职称的要求，同意推荐其申报相应级别职称。";

pub fn schema() -> Arc<FormSchema> {
    Arc::new(zhicheng_engine::test_forms::form(FORM))
}

pub fn set(s: &mut FormState, field: &str, text: &str) -> Outcome {
    s.apply(Command::SetValue { path: FieldPath::top(field), value: Value::text(text) })
}

/// A decision draft on the package `subject` of 「李明」, as opening it makes it, with the unit's
/// and the 经办人's details.
pub fn opened(subject: &str) -> FormState {
    let mut s = FormState::new(schema(), Date::new(2026, 11, 23).unwrap());
    let fixed: BTreeMap<String, Value> = [
        ("subjectPackageId", subject),
        ("subjectReceipt", "ZC20261123000001"),
        ("subjectName", "李明"),
        ("subjectIdNumber", "440305199203040039"),
        ("subjectTitle", "高级工程师"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), Value::text(v)))
    .collect();
    assert_eq!(s.apply(Command::Prefill { answers: fixed, locked: false }), Outcome::Done);
    for (field, text) in [
        ("unitName", UNIT_NAME),
        ("unitCreditCode", UNIT_CODE),
        ("handlerName", "陈经办"),
        ("handlerPhone", "0755-88886666"),
    ] {
        assert_eq!(set(&mut s, field, text), Outcome::Done, "{field}");
    }
    s
}

/// The opinions of seed 003: 继续教育, 负面情况, one 年度考核 row, the 综合评价, 以考代评.
pub fn review(s: &mut FormState) {
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

/// A finished 退回个人修改 of `subject` with `reason`.
pub fn returned(subject: &str, reason: &str) -> FormState {
    let mut s = opened(subject);
    assert_eq!(set(&mut s, "unitDecision", "退回个人修改"), Outcome::Done);
    assert_eq!(set(&mut s, "returnReason", reason), Outcome::Done);
    s
}

/// A finished 提交 of `subject`, the signed 单位承诺书 being `pledge` with the hash `sha` gives.
pub fn submitted(subject: &str, pledge: &[u8], sha: impl Fn(&[u8]) -> String) -> FormState {
    let mut s = opened(subject);
    assert_eq!(set(&mut s, "unitDecision", "提交"), Outcome::Done);
    review(&mut s);
    let file = AttachedFile {
        sha256: sha(pledge),
        name: "单位承诺书.pdf".into(),
        media_type: "application/pdf".into(),
        size: pledge.len() as u64,
        pages: Some(1),
    };
    assert_eq!(s.apply(Command::Attach { material: "unitPledge".into(), file }), Outcome::Done);
    s
}
