//! Hidden answers never leave the applicant's browser, for the Dongguan forms as for Shenzhen's
//! (the pattern of `hidden_answers.rs`): an answer planted in every field hidden under a finished
//! declaration's own answers appears in no package manifest, no printed report and no row the
//! unit imports, and changes no fingerprint; the applicant's own draft keeps it.

use zhicheng_engine::printable::ReportSet;
use zhicheng_engine::FormState;

#[path = "support/dongguan.rs"]
mod dongguan;
#[path = "support/hidden.rs"]
mod hidden;

use dongguan::*;
use hidden::{assert_nothing_hidden_leaves, plant_hidden_answers, MARKER};

fn reports(form: &str) -> ReportSet {
    let path = format!("{}/../public/reports/{form}.json", env!("CARGO_MANIFEST_DIR"));
    ReportSet::from_json(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))).unwrap()
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
        assert_nothing_hidden_leaves(&clean, &with_hidden, &reports(form), form);
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
    assert_nothing_hidden_leaves(&clean, &with_hidden, &reports("dg-unit-review"), "东莞单位审核批次");
}
