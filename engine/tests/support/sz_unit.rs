//! Shared by the Shenzhen unit tests: a complete 公示批次 of sz-unit-publicity (two applicants
//! imported from their declarations, each with the 单位审核意见, a valid 评前公示 period and the
//! signed materials attached), built through commands as a unit's 经办人 fills it.
// Each test crate that includes this file uses only some of the builders.
#![allow(dead_code)]

use std::sync::Arc;

use zhicheng_engine::materials::checklist;
use zhicheng_engine::{
    Answers, AttachedFile, Command, Date, FieldPath, FormSchema, FormState, HolidayCalendar, Outcome, Value,
};

pub const FORM: &str = "sz-unit-publicity";

/// A 综合评价 of 155 characters: more than the 150 the seed asks for.
pub const EVALUATION: &str = "该同志长期从事电子信息系统研发工作，专业基础扎实，工作认真负责。近五年主持完成深圳市重点技术攻关项目两项，\
解决了高速信号完整性等关键技术问题，成果已在公司三条产品线推广应用，取得良好经济效益。经核实，其申报的业绩成果、论文和专利真实有效，\
专业技术水平和工作能力已达到所申报职称的要求，同意推荐其申报相应级别职称。";

/// The form with its parts, read from `public/forms/` as the receiver reads it.
pub fn schema() -> Arc<FormSchema> {
    Arc::new(zhicheng_engine::test_forms::form(FORM))
}

/// A blank batch counting working days with the published calendar, as the app loads it.
pub fn blank() -> FormState {
    let mut s = FormState::new(schema(), Date::new(2026, 11, 23).unwrap());
    let calendar = HolidayCalendar::from_json(include_str!("../../../public/calendar/cn.json"))
        .unwrap_or_else(|e| panic!("the published calendar: {e}"));
    assert_eq!(s.apply(Command::SetCalendar(Arc::new(calendar))), Outcome::Done);
    s
}

pub fn set(s: &mut FormState, field: &str, text: &str) {
    let outcome = s.apply(Command::SetValue { path: FieldPath::top(field), value: Value::text(text) });
    assert_eq!(outcome, Outcome::Done, "{field}");
}

pub fn set_cell(s: &mut FormState, row: u32, field: &str, text: &str) {
    let path = FieldPath::in_row("applicants", row, field);
    assert_eq!(s.apply(Command::SetValue { path, value: Value::text(text) }), Outcome::Done, "{field}");
}

pub fn cell(s: &FormState, row: u32, field: &str) -> String {
    let row = s.rows("applicants").iter().find(|r| r.id == row).expect("the row");
    row.values.get(field).map(Value::display).unwrap_or_default()
}

/// An applicant's declaration answers, as an applicant draft holds them.
pub fn declaration(name: &str, id: &str, level: &str) -> Answers {
    [
        ("name", name),
        ("idType", "居民身份证"),
        ("idNumber", id),
        ("employer", "深圳市示例科技有限公司"),
        ("series", "工程技术"),
        ("specialty", "电子信息"),
        ("level", level),
        ("declarationType", "普通申报"),
        ("committee", "深圳市工程技术（电子信息）专业高级职称评审委员会"),
        ("phone", "13800138000"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), Value::text(v)))
    .collect()
}

pub fn import(s: &mut FormState, answers: &Answers) -> Outcome {
    let import =
        s.schema().field("applicants").and_then(|g| g.import.clone()).expect("applicants import from declarations");
    s.apply(Command::AddRowWith { group: "applicants".into(), values: import.row_values(answers) })
}

/// A unit batch with two imported applicants and a valid 评前公示 period, before the unit's
/// opinions are written.
pub fn batch() -> FormState {
    let mut s = blank();
    for (field, text) in [
        ("unitName", "深圳市示例科技有限公司"),
        ("unitCreditCode", "91110000600037341L"),
        ("publicityYear", "2026"),
        ("contactPerson", "陈经办"),
        ("contactPhone", "0755-88886666"),
        ("postcode", "518057"),
        ("address", "深圳市南山区科技园"),
        ("preStart", "2026-11-02"),
        ("preEnd", "2026-11-06"),
    ] {
        set(&mut s, field, text);
    }
    s.apply(Command::SetValue {
        path: FieldPath::top("preMethods"),
        value: Value::List(vec!["在单位显著位置张贴".into()]),
    });
    assert!(matches!(import(&mut s, &declaration("林一", "440305199203040039", "中级")), Outcome::RowAdded(_)));
    assert!(matches!(import(&mut s, &declaration("王二", "11010519491231002X", "副高级")), Outcome::RowAdded(_)));
    s
}

/// Writes the 单位审核意见 of one applicant as the seed shows them.
pub fn review(s: &mut FormState, row: u32) {
    for (field, text) in [
        ("ceOpinion", "经审核，该同志已完成本年度继续教育任务，学时符合要求。"),
        ("negativeOpinion", "经核查，该同志无负面情况。"),
        ("appraisalYear1", "2025"),
        ("appraisalResult1", "称职（合格）"),
        ("overallEvaluation", EVALUATION),
        ("examInsteadOfReview", "否"),
    ] {
        set_cell(s, row, field, text);
    }
}

/// The ids of the materials the batch must upload.
pub fn required_materials(s: &FormState) -> Vec<String> {
    checklist(&s.evaluator()).into_iter().filter(|m| m.required).map(|m| m.material.id.clone()).collect()
}

/// The PDF standing for a material's scan: its own bytes, so each file differs.
pub fn pdf_of(material: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {material}\n%%EOF\n").into_bytes()
}

/// Attaches one PDF to every required material, with the hash `sha` gives of its bytes (the
/// receiver checks the hash of what is uploaded; the engine only records it).
pub fn attach_required(s: &mut FormState, sha: impl Fn(&[u8]) -> String) -> Vec<Vec<u8>> {
    required_materials(s)
        .into_iter()
        .map(|material| {
            let bytes = pdf_of(&material);
            let file = AttachedFile {
                sha256: sha(&bytes),
                name: format!("{material}.pdf"),
                media_type: "application/pdf".into(),
                size: bytes.len() as u64,
                pages: Some(1),
            };
            assert_eq!(s.apply(Command::Attach { material, file }), Outcome::Done);
            bytes
        })
        .collect()
}

/// The complete 评前 batch: both applicants reviewed, the pledge and the 评前公示情况表 attached.
pub fn complete(sha: impl Fn(&[u8]) -> String) -> (FormState, Vec<Vec<u8>>) {
    let mut s = batch();
    for row in s.rows("applicants").iter().map(|r| r.id).collect::<Vec<_>>() {
        review(&mut s, row);
    }
    let files = attach_required(&mut s, sha);
    (s, files)
}
