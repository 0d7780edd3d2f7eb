//! Hidden answers never leave the applicant's browser, for the Dongguan forms as for Shenzhen's
//! (the pattern of `hidden_answers.rs`): an answer planted in every field hidden under a finished
//! declaration's own answers appears in no package manifest, no printed report and no row the
//! unit imports, and changes no fingerprint; the applicant's own draft keeps it.

use zhicheng_engine::printable::{applicable, build, fingerprint, html, ReportSet};
use zhicheng_engine::{Command, FieldPath, FormState, Outcome, PackageManifestV1, PackageStamp, PackagedReport, Value};

#[path = "support/dongguan.rs"]
mod dongguan;

use dongguan::*;

const MARKER: &str = "隐藏答案·";

fn planted(field: &str) -> Value {
    Value::text(format!("{MARKER}{field}"))
}

fn apply(s: &mut FormState, command: Command) {
    let outcome = s.apply(command);
    assert!(matches!(outcome, Outcome::Done | Outcome::RowAdded(_)), "{outcome:?}");
}

fn reports(form: &str) -> ReportSet {
    let path = format!("{}/../public/reports/{form}.json", env!("CARGO_MANIFEST_DIR"));
    ReportSet::from_json(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))).unwrap()
}

/// Plants the marker in every field hidden under the current answers (computed fields are the
/// engine's and are left alone); returns the paths planted.
fn plant_hidden_answers(s: &mut FormState) -> Vec<FieldPath> {
    let schema = s.schema().clone();
    let mut paths = Vec::new();
    for (_, field) in schema.fields().filter(|(_, f)| f.compute.is_none()) {
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

fn assert_nothing_hidden_leaves(clean: &FormState, with_hidden: &FormState, form: &str, what: &str) {
    let reports = reports(form);
    let manifest = serde_json::to_string(&package(with_hidden, &reports)).expect("a manifest is JSON");
    assert!(!manifest.contains(MARKER), "{what}: a hidden answer is in the package manifest:\n{manifest}");
    let print = fingerprint(with_hidden);
    for report in reports.reports.iter().filter(|r| applicable(r, with_hidden)) {
        let printed = html::render(&build(report, with_hidden), &print, false);
        let leak = printed.find(MARKER).map(|at| printed[at..].chars().take(40).collect::<String>());
        assert_eq!(leak, None, "{what}: a hidden answer is printed in report {}", report.id);
    }
    assert_eq!(fingerprint(with_hidden), fingerprint(clean), "{what}: hidden answers change the fingerprint");
    assert_eq!(package(with_hidden, &reports).answers, package(clean, &reports).answers, "{what}");
    let draft = serde_json::to_string(&with_hidden.to_draft()).expect("a draft is JSON");
    assert!(draft.contains(MARKER), "{what}: the applicant's own draft keeps what is hidden");
}

fn finished(mut s: FormState) -> FormState {
    attach_required(&mut s);
    assert!(s.finished_declaration().is_ok(), "{:?} {:?}", errors(&s), s.missing_materials());
    s
}

/// The Dongguan applicant declarations, each with something hidden: a 评审 with a 专项技术分析报告
/// (no 刊物 or ISSN), a 助理级 评审 (no 继续教育 rows), a foreign applicant (no 户籍, 民族,
/// 政治面貌) for 认定 and 考核认定.
fn declarations() -> Vec<(&'static str, FormState)> {
    let mut report = title_review();
    add_row(
        &mut report,
        "papers",
        &[
            ("category", "专项技术分析报告"),
            ("title", "产线视觉检测误判分析"),
            ("pubDate", "2023-05-01"),
            ("authorRole", "独著"),
        ],
    );
    let mut junior = title_review();
    set(&mut junior, "level", "助理级");
    set(&mut junior, "titleName", "助理工程师");
    let foreign = |mut s: FormState| {
        set(&mut s, "nationality", "美国");
        s
    };
    vec![
        ("dg-title-review", finished(report)),
        ("dg-title-review", finished(junior)),
        ("dg-ai-recognition", finished(foreign(ai_recognition()))),
        ("dg-assessment", finished(foreign(assessment()))),
    ]
}

#[test]
fn no_hidden_answer_of_a_dongguan_declaration_leaves_the_browser() {
    for (form, clean) in declarations() {
        let mut with_hidden = clean.clone();
        let planted = plant_hidden_answers(&mut with_hidden);
        assert!(!planted.is_empty(), "{form}: nothing is hidden, so nothing is tested");
        assert!(with_hidden.finished_declaration().is_ok(), "{form}: hidden answers are never invalid");
        assert_nothing_hidden_leaves(&clean, &with_hidden, form, form);
    }
}

#[test]
fn the_junior_declaration_hides_its_continuing_education() {
    let (_, junior) = declarations().swap_remove(1);
    let mut with_hidden = junior.clone();
    let planted = plant_hidden_answers(&mut with_hidden);
    assert!(planted.iter().any(|p| p.group() == Some("ce")), "{planted:?}");
}

#[test]
fn the_dongguan_unit_imports_no_hidden_answer() {
    let mut declaration = finished(title_review());
    plant_hidden_answers(&mut declaration);
    let mut unit = unit_batch();
    import_applicant(&mut unit, &declaration, "通过");
    let rows = serde_json::to_string(&unit.rows("applicants")).expect("rows are JSON");
    assert!(!rows.contains(MARKER), "a hidden answer was imported:\n{rows}");
    assert!(rows.contains("东莞市电力行业协会"), "the visible answers are imported:\n{rows}");
}

#[test]
fn no_hidden_answer_of_the_dongguan_units_batch_leaves_the_browser() {
    // A batch whose only applicant the unit did not pass: no 公示 and no 公示情况 in the row.
    let mut clean = unit_batch();
    import_applicant(&mut clean, &title_review(), "不通过");
    let clean = finished(clean);
    let mut with_hidden = clean.clone();
    let planted = plant_hidden_answers(&mut with_hidden);
    assert!(planted.iter().any(|p| p.field == "publicityStart"), "{planted:?}");
    assert!(planted.iter().any(|p| p.field == "publicityOpinion"), "{planted:?}");
    assert_nothing_hidden_leaves(&clean, &with_hidden, "dg-unit-review", "东莞单位审核批次");
}
