//! Hidden answers never leave the applicant's browser: for every 申报类型 of the Shenzhen
//! declaration and for the unit's 公示批次, an answer planted in every field hidden under the
//! declaration's own answers (and an answer left over from another 申报类型) appears in no
//! package manifest, in no printed report, in no row the unit imports, and changes no report's
//! fingerprint. The applicant's own draft keeps them, on purpose, for when the answers change back.

use std::sync::Arc;

use zhicheng_engine::materials::checklist;
use zhicheng_engine::printable::{applicable, build, fingerprint, html, ReportSet};
use zhicheng_engine::{
    AttachedFile, Command, Date, FieldPath, FormSchema, FormState, Outcome, PackageManifestV1, PackageStamp,
    PackagedReport, Value,
};

mod support;
#[path = "support/sz_unit.rs"]
mod sz_unit;

use support::{ordinary, set};

const DECLARATION_REPORTS: &str = include_str!("../../public/reports/sz-title-review.json");
const UNIT_REPORTS: &str = include_str!("../../public/reports/sz-unit-publicity.json");

/// The text every planted answer starts with; it must be found nowhere that leaves the browser.
const MARKER: &str = "隐藏答案·";

const KINDS: [&str; 5] = ["普通申报", "破格申报", "转系列（专业）申报", "考核认定", "省外（中央单位）职称确认"];

/// What is planted in `field`: the marker and the field's id, so a leak names its source.
fn planted(field: &str) -> Value {
    Value::text(format!("{MARKER}{field}"))
}

fn apply(s: &mut FormState, command: Command) {
    let outcome = s.apply(command);
    assert!(matches!(outcome, Outcome::Done | Outcome::RowAdded(_)), "{outcome:?}");
}

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

/// Plants the marker in every field hidden under the current answers: hidden top-level fields,
/// every cell of a hidden group, and hidden cells of visible rows. Computed fields are the
/// engine's, not the applicant's, and are left alone. Returns the paths planted.
fn plant_hidden_answers(s: &mut FormState) -> Vec<FieldPath> {
    let schema = s.schema().clone();
    let mut paths = Vec::new();
    for (_, field) in schema.fields() {
        if field.compute.is_some() {
            continue;
        }
        let top = FieldPath::top(&field.id);
        if !field.is_group() {
            if !s.is_visible(&top) {
                paths.push(top);
            }
            continue;
        }
        if !s.is_visible(&top) {
            apply(s, Command::AddRow { group: field.id.clone() });
        }
        for row in s.rows(&field.id).iter().map(|r| r.id).collect::<Vec<_>>() {
            for child in field.fields.iter().filter(|c| c.compute.is_none()) {
                let cell = FieldPath::in_row(&field.id, row, &child.id);
                if !s.is_visible(&cell) {
                    paths.push(cell);
                }
            }
        }
    }
    for path in &paths {
        apply(s, Command::SetValue { path: path.clone(), value: planted(&path.field) });
    }
    paths
}

/// The package of a finished state, with every applicable report listed as the app lists it.
fn package(s: &FormState, reports: &ReportSet) -> PackageManifestV1 {
    let finished = s.finished_declaration().unwrap_or_else(|e| panic!("{}", e.message()));
    let print = fingerprint(s);
    let listed = reports
        .reports
        .iter()
        .filter(|r| applicable(r, s))
        .map(|r| PackagedReport {
            id: r.id.clone(),
            title: r.title.clone(),
            fingerprint: print.clone(),
            printed_at: None,
        })
        .collect();
    let stamp = PackageStamp {
        package_id: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
        client_version: "test".into(),
        created_at_ms: 1_795_420_800_000,
        submitted_at_ms: 1_795_420_800_000,
    };
    PackageManifestV1::build(finished, stamp, listed)
}

/// Every applicable report of `s`, rendered to HTML as it is printed, with its id.
fn printed_reports(s: &FormState, reports: &ReportSet) -> Vec<(String, String)> {
    let print = fingerprint(s);
    let printed: Vec<(String, String)> = reports
        .reports
        .iter()
        .filter(|r| applicable(r, s))
        .map(|r| (r.id.clone(), html::render(&build(r, s), &print, false)))
        .collect();
    assert!(!printed.is_empty(), "no report applies");
    printed
}

/// Checks that nothing planted leaves with `s`: not in the package, not on paper, not in the
/// fingerprint (the same as without the planted answers), while the draft itself keeps them.
fn assert_nothing_hidden_leaves(clean: &FormState, with_hidden: &FormState, reports: &ReportSet, what: &str) {
    let manifest = serde_json::to_string(&package(with_hidden, reports)).expect("a manifest is JSON");
    assert!(!manifest.contains(MARKER), "{what}: a hidden answer is in the package manifest:\n{manifest}");
    for (id, printed) in printed_reports(with_hidden, reports) {
        let leak = printed.find(MARKER).map(|at| printed[at..].chars().take(40).collect::<String>());
        assert_eq!(leak, None, "{what}: a hidden answer is printed in report {id}");
    }
    assert_eq!(fingerprint(with_hidden), fingerprint(clean), "{what}: hidden answers change the fingerprint");
    assert_eq!(package(with_hidden, reports).answers, package(clean, reports).answers, "{what}");
    let draft = serde_json::to_string(&with_hidden.to_draft()).expect("a draft is JSON");
    assert!(draft.contains(MARKER), "{what}: the applicant's own draft keeps what is hidden");
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
