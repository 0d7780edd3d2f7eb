//! Hidden answers never leave the applicant's browser: for every 申报类型 of the Shenzhen
//! declaration and for the unit's 公示批次, an answer planted in every field hidden under the
//! declaration's own answers (and an answer left over from another 申报类型) appears in no
//! package manifest, in no printed report, in no row the unit imports, and changes no report's
//! fingerprint. The applicant's own draft keeps them, on purpose, for when the answers change back.

use std::sync::Arc;

use zhicheng_engine::materials::checklist;
use zhicheng_engine::printable::ReportSet;
use zhicheng_engine::{AttachedFile, Command, Date, FieldPath, FormSchema, FormState, Value};

#[path = "support/hidden.rs"]
mod hidden;
mod support;
#[path = "support/sz_unit.rs"]
mod sz_unit;

use hidden::{apply, assert_nothing_hidden_leaves, package, plant_hidden_answers, planted, MARKER};
use support::{ordinary, set};

const DECLARATION_REPORTS: &str = include_str!("../../public/reports/sz-title-review.json");
const UNIT_REPORTS: &str = include_str!("../../public/reports/sz-unit-publicity.json");

const KINDS: [&str; 5] = ["普通申报", "破格申报", "转系列（专业）申报", "考核认定", "省外（中央单位）职称确认"];

/// A finished declaration of `kind`: the complete 普通申报 changed as the kind requires, with a
/// file on every required material. Every kind but 破格 was a 破格申报 first, whose
/// 破格申报类型 stays behind, hidden, when the applicant switches.
fn finished_declaration(kind: &str) -> FormState {
    let mut s = ordinary();
    set(&mut s, "declarationType", "破格申报");
    apply(&mut s, Command::SetValue { path: FieldPath::top("exceptionalType"), value: planted("exceptionalType") });
    set(&mut s, "declarationType", kind);
    match kind {
        "破格申报" => set(&mut s, "exceptionalType", "符合职称评价标准破格申报"),
        "转系列（专业）申报" => set(&mut s, "curQualLevel", "副高级"),
        "考核认定" => {
            for field in ["curQualType", "curQualDate", "curQualName", "curQualMethod", "curQualEvalYear"]
                .into_iter()
                .chain(["curQualSeries", "curQualLevel", "curQualIssuer", "curPost", "appointDate", "outOfProvince"])
            {
                set(&mut s, field, "");
            }
            set(&mut s, "level", "助理级");
            set(&mut s, "titleName", "助理工程师");
        }
        "省外（中央单位）职称确认" => set(&mut s, "outOfProvince", "是"),
        _ => {}
    }
    let required: Vec<String> =
        checklist(&s.evaluator()).iter().filter(|m| m.required).map(|m| m.material.id.clone()).collect();
    for (number, material) in required.into_iter().enumerate() {
        let file = AttachedFile {
            sha256: format!("{number:x}").repeat(64)[..64].to_string(),
            name: format!("{material}.pdf"),
            media_type: "application/pdf".into(),
            size: 1000,
            pages: Some(1),
        };
        apply(&mut s, Command::Attach { material, file });
    }
    let errors: Vec<String> = s.report().errors().map(|v| format!("{} {}", v.path, v.message)).collect();
    assert!(s.finished_declaration().is_ok(), "{kind} is not finished: {errors:#?} {:?}", s.missing_materials());
    s
}

#[test]
fn no_hidden_answer_of_any_declaration_type_leaves_the_browser() {
    let reports = ReportSet::from_json(DECLARATION_REPORTS).expect("the declaration's reports");
    for kind in KINDS {
        let clean = finished_declaration(kind);
        let mut with_hidden = clean.clone();
        let planted = plant_hidden_answers(&mut with_hidden);
        assert!(!planted.is_empty(), "{kind}: nothing is hidden, so nothing is tested");
        assert!(with_hidden.finished_declaration().is_ok(), "{kind}: hidden answers are never invalid");
        assert_nothing_hidden_leaves(&clean, &with_hidden, &reports, kind);
    }
}

#[test]
fn an_answer_left_from_another_declaration_type_is_hidden_and_stays_home() {
    let s = finished_declaration("普通申报");
    assert!(!s.is_visible(&FieldPath::top("exceptionalType")), "破格申报类型 is hidden for 普通申报");
    assert_eq!(s.answers()["exceptionalType"], planted("exceptionalType"), "the draft keeps it");
    let reports = ReportSet::from_json(DECLARATION_REPORTS).expect("the declaration's reports");
    let manifest = package(&s, &reports);
    assert!(!manifest.answers.contains_key("exceptionalType"), "{:?}", manifest.answers.keys());
    assert_eq!(manifest.answers, s.submission_answers(), "the package holds exactly the submitted answers");
}

fn unit_schema() -> Arc<FormSchema> {
    Arc::new(zhicheng_engine::test_forms::form("sz-unit-publicity"))
}

/// A unit batch that imports the applicant from `declaration`, finished.
fn unit_batch(declaration: &FormState) -> FormState {
    let mut s = FormState::new(unit_schema(), Date::new(2026, 11, 23).unwrap());
    for (field, text) in [
        ("unitName", "深圳市示例科技有限公司"),
        ("unitCreditCode", "91110000600037341L"),
        ("publicityYear", "2026"),
        ("contactPerson", "陈经办"),
        ("contactPhone", "0755-88886666"),
        ("postcode", "518057"),
        ("preStart", "2026-11-02"),
        ("preEnd", "2026-11-06"),
    ] {
        set(&mut s, field, text);
    }
    apply(
        &mut s,
        Command::SetValue {
            path: FieldPath::top("preMethods"), value: Value::List(vec!["在单位显著位置张贴".into()])
        },
    );
    import(&mut s, declaration);
    let row = s.rows("applicants")[0].id;
    sz_unit::review(&mut s, row);
    sz_unit::attach_required(&mut s, |bytes| format!("{:064x}", bytes.len()));
    let errors: Vec<String> = s.report().errors().map(|v| format!("{} {}", v.path, v.message)).collect();
    assert!(s.finished_declaration().is_ok(), "the unit batch is not finished: {errors:#?}");
    s
}

/// Imports a declaration as a row of the unit's applicants, as the unit's import picker does.
fn import(unit: &mut FormState, declaration: &FormState) {
    let import = unit.schema().field("applicants").and_then(|g| g.import.clone()).expect("applicants import");
    assert_eq!(declaration.existing_import_row(&import, unit.rows("applicants")), None, "imported once");
    let values = declaration.row_import_values(&import);
    apply(unit, Command::AddRowWith { group: "applicants".into(), values });
}

#[test]
fn the_unit_imports_no_hidden_answer_of_any_declaration_type() {
    for kind in KINDS {
        let mut declaration = finished_declaration(kind);
        plant_hidden_answers(&mut declaration);
        let unit = unit_batch(&declaration);
        let row = serde_json::to_string(&unit.rows("applicants")).expect("rows are JSON");
        assert!(!row.contains(MARKER), "{kind}: a hidden answer was imported:\n{row}");
        assert!(row.contains(kind), "{kind}: the visible answers are imported:\n{row}");
    }
}

#[test]
fn no_hidden_answer_of_the_units_batch_leaves_the_browser() {
    let reports = ReportSet::from_json(UNIT_REPORTS).expect("the unit's reports");
    let clean = unit_batch(&finished_declaration("普通申报"));
    let mut with_hidden = clean.clone();
    let planted = plant_hidden_answers(&mut with_hidden);
    assert!(
        planted.iter().any(|p| p.field == "postMethods"),
        "评后 fields are hidden before a 评后 period: {planted:?}"
    );
    assert!(planted.iter().any(|p| p.field == "postOpinion"), "and so are the rows' 评后 cells: {planted:?}");
    assert_nothing_hidden_leaves(&clean, &with_hidden, &reports, "单位公示批次");

    // Once a 评后 period begins, an applicant the committee did not pass has no 评后 opinion.
    let mut after_review = clean.clone();
    set(&mut after_review, "postStart", "2026-12-07");
    set(&mut after_review, "postEnd", "2026-12-11");
    apply(
        &mut after_review,
        Command::SetValue {
            path: FieldPath::top("postMethods"),
            value: Value::List(vec!["在单位显著位置张贴".into()]),
        },
    );
    let row = after_review.rows("applicants")[0].id;
    apply(
        &mut after_review,
        Command::SetValue {
            path: FieldPath::in_row("applicants", row, "reviewResult"), value: Value::text("未通过")
        },
    );
    let mut with_hidden = after_review.clone();
    let planted = plant_hidden_answers(&mut with_hidden);
    assert!(planted.iter().any(|p| p.field == "postResult"), "{planted:?}");
    assert_nothing_hidden_leaves(&after_review, &with_hidden, &reports, "单位公示批次（评后）");
}
