//! The Dongguan forms end to end in the engine (issue #14): complete declarations of 评审,
//! 人工智能认定 and 考核认定 are clean and list every material they need; each condition the
//! seeds give (材料 above 初级, 劳动合同 when 申报单位 ≠ 参保单位, the 500/1500/1500–2000 字
//! limits, the 人才联络点 list, the unit's 公示 of five working days shown three ways) changes
//! exactly what it should.

use zhicheng_engine::{FieldPath, FormState, Severity};

#[path = "support/dongguan.rs"]
mod dongguan;

use dongguan::*;

fn has(s: &FormState, path: &str, code: &str, severity: Severity) -> bool {
    s.report().violations.iter().any(|v| v.path.to_string() == path && v.code == code && v.severity == severity)
}

fn message(s: &FormState, path: &str) -> String {
    s.report().violations.iter().filter(|v| v.path.to_string() == path).map(|v| v.message.clone()).collect()
}

#[test]
fn every_dongguan_form_loads() {
    for id in ["dg-title-review", "dg-ai-recognition", "dg-assessment", "dg-unit-review"] {
        let form = zhicheng_engine::test_forms::form(id);
        assert!(form.subtitle.starts_with("东莞市专业技术人才服务系统"), "{id}: {}", form.subtitle);
        assert!(form.settings.draft_summary.is_some(), "{id} names its drafts");
        assert!(!form.settings.see_also.is_empty(), "{id} links the other side");
    }
}

#[test]
fn a_complete_title_review_is_clean_and_lists_what_it_needs() {
    let mut s = title_review();
    assert_eq!(errors(&s), Vec::<String>::new());
    assert_eq!(s.text(&FieldPath::top("declarationType")), "评审");
    let required = required_materials(&s);
    for id in [
        "idCard",
        "diploma",
        "degreeCert",
        "eduAuthenticity",
        "achievementProof",
        "appraisalForms",
        "insuranceRecord",
        "ceCertificate",
        "publicityReport",
        "workSummaryDoc",
        "titleCertificate",
    ] {
        assert!(required.contains(&id.to_string()), "{id} missing from {required:?}");
    }
    assert!(!applicable_materials(&s).contains(&"laborContract".to_string()), "same 申报单位 and 参保单位");
    attach_required(&mut s);
    assert!(s.finished_declaration().is_ok(), "{:?}", s.missing_materials());
}

#[test]
fn above_junior_asks_for_supervision_continuing_education_and_the_title_certificate() {
    // (level, is above 初级)
    for (level, title, above) in [("员级", "技术员", false), ("助理级", "助理工程师", false), ("中级", "工程师", true)]
    {
        let mut s = title_review();
        set(&mut s, "level", level);
        set(&mut s, "titleName", title);
        set(&mut s, "supervision", "");
        let required = required_materials(&s);
        assert_eq!(required.contains(&"ceCertificate".to_string()), above, "{level}: 继续教育证书");
        assert_eq!(required.contains(&"titleCertificate".to_string()), above, "{level}: 职称证");
        assert_eq!(has(&s, "supervision", "REQUIRED", Severity::Error), above, "{level}: 指导研究生");
        assert_eq!(s.is_visible(&FieldPath::top("ce")), above, "{level}: 继续教育学时");
    }
}

#[test]
fn a_labour_contract_is_needed_only_when_the_declaring_unit_is_not_the_insured_one() {
    let mut s = title_review();
    assert!(!required_materials(&s).contains(&"laborContract".to_string()));
    set(&mut s, "declaringUnit", "东莞市示例集团有限公司");
    assert!(required_materials(&s).contains(&"laborContract".to_string()), "申报单位 ≠ 参保单位");
    let mut a = assessment();
    set(&mut a, "declaringUnit", "东莞市示例集团有限公司");
    assert!(required_materials(&a).contains(&"laborContract".to_string()), "考核认定 too");
}

#[test]
fn the_title_review_texts_keep_their_limits() {
    for (field, max) in [("workSummary", 500), ("supervision", 1500), ("practiceAbility", 1500)] {
        let mut s = title_review();
        set(&mut s, field, &chars(max));
        assert!(!has(&s, field, "V-TXT", Severity::Error), "{field}: {max} 字 is allowed");
        set(&mut s, field, &chars(max + 1));
        assert!(has(&s, field, "V-TXT", Severity::Error), "{field}: {} 字 is too long", max + 1);
        assert!(message(&s, field).contains("请删减 1 字"), "{}", message(&s, field));
    }
}

#[test]
fn the_work_report_needs_1500_to_2000_characters_and_says_how_many_are_missing() {
    for (build, name) in [(ai_recognition as fn() -> FormState, "人工智能认定"), (assessment, "考核认定")] {
        let mut s = build();
        assert_eq!(errors(&s), Vec::<String>::new(), "{name}");
        for (length, ok) in [(1499, false), (1500, true), (2000, true), (2001, false)] {
            set(&mut s, "workReport", &chars(length));
            assert_eq!(!has(&s, "workReport", "V-TXT", Severity::Error), ok, "{name}: {length} 字");
        }
        set(&mut s, "workReport", &chars(1234));
        assert_eq!(message(&s, "workReport"), "已输入 1234 字，要求 1500–2000 字，请再补充 266 字。");
    }
}

#[test]
fn the_ai_committee_decides_series_specialty_level_and_title() {
    let mut s = ai_recognition();
    for (field, value) in
        [("series", "工程系列"), ("specialty", "人工智能"), ("level", "副高级"), ("titleName", "高级工程师")]
    {
        assert_eq!(s.text(&FieldPath::top(field)), value, "{field}");
    }
    let required = required_materials(&s);
    for id in ["idCard", "diploma", "degreeCert", "eduAuthenticity", "insuranceRecord", "supportingProof"] {
        assert!(required.contains(&id.to_string()), "{id} missing from {required:?}");
    }
    attach_required(&mut s);
    assert!(s.finished_declaration().is_ok(), "{:?}", s.missing_materials());
    set(&mut s, "committee", "");
    assert!(has(&s, "committee", "REQUIRED", Severity::Error));
}

#[test]
fn assessment_offers_the_liaison_points_and_junior_levels_only() {
    let mut s = assessment();
    assert_eq!(errors(&s), Vec::<String>::new());
    let schema = s.schema().clone();
    let points = schema.options.get("liaisonPoints").expect("the 人才联络点 list is data");
    assert!(points.iter().any(|p| p.value == "东莞市电力行业协会"));
    set(&mut s, "level", "副高级");
    assert!(has(&s, "level", "OPTION", Severity::Error), "考核认定 is for 员级, 助理级 and 中级");
    set(&mut s, "level", "助理级");
    // 考核认定 counts full-time education only (粤人社规〔2020〕33号), as in the shared part.
    let row = s.rows("education")[0].id;
    set_cell(&mut s, "education", row, "studyMode", "非全日制");
    assert!(has(&s, &FieldPath::in_row("education", row, "studyMode").to_string(), "V-REC-1", Severity::Error));
    set_cell(&mut s, "education", row, "studyMode", "全日制");
    attach_required(&mut s);
    assert!(s.finished_declaration().is_ok(), "{:?}", s.missing_materials());
}

#[test]
fn the_unit_reviews_imported_applicants_and_records_a_five_day_publicity_shown_three_ways() {
    let declaration = title_review();
    let mut unit = unit_batch();
    let row = import_applicant(&mut unit, &declaration, "通过");
    assert_eq!(unit.rows("applicants")[0].text("liaisonPoint"), "东莞市电力行业协会");
    assert_eq!(unit.rows("applicants")[0].text("gender"), "男", "computed from the ID in the row");
    assert!(has(&unit, "publicityStart", "REQUIRED", Severity::Error), "a passed 评审 applicant is publicised");
    record_publicity(&mut unit);
    assert_eq!(errors(&unit), Vec::<String>::new());

    set(&mut unit, "publicityEnd", "2026-11-05");
    assert!(has(&unit, "publicityEnd", "V-PUB-1", Severity::Error), "four working days are too few");
    set(&mut unit, "publicityEnd", "2026-11-06");
    set_list(&mut unit, "publicityMethods", &["张榜公示（单位公告栏等显著位置）", "单位网站首页公示"]);
    assert!(has(&unit, "publicityMethods", "V-PUB-2", Severity::Error), "the materials must be on display too");

    // An applicant the unit does not pass needs no 公示, and nor does the batch.
    set_cell(&mut unit, "applicants", row, "reviewResult", "不通过");
    assert!(!unit.is_visible(&FieldPath::in_row("applicants", row, "publicityOpinion")));
    assert!(!unit.is_visible(&FieldPath::top("publicityStart")));
    assert_eq!(errors(&unit), Vec::<String>::new());
}

#[test]
fn a_weak_appraisal_year_is_a_warning_and_each_year_is_listed_once() {
    let mut s = title_review();
    let row = s.rows("appraisals")[0].id;
    let result = FieldPath::in_row("appraisals", row, "result");
    for (value, warned) in [("基本称职（基本合格）", true), ("不称职（不合格）", true), ("优秀", false)]
    {
        set_cell(&mut s, "appraisals", row, "result", value);
        assert_eq!(has(&s, &result.to_string(), "V-APPR", Severity::Warning), warned, "{value}");
    }
    assert_eq!(errors(&s), Vec::<String>::new(), "a warning does not block");
    add_row(&mut s, "appraisals", &[("year", "2025"), ("result", "优秀")]);
    assert!(s.report().errors().any(|v| v.code == "UNIQUE"), "2025 twice: {:?}", errors(&s));
}
