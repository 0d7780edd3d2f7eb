//! The printable reports of the Dongguan forms: templates that name only real fields, 表一 to 表八
//! and the paper catalogue of a 评审 built from a complete declaration (表三 on A3 landscape,
//! 「无」 in 表二's empty cells, 表八 once per appraisal year), the unit's 审核意见表, 公示名单 and
//! 评审公示情况表 with where and how the 公示 was shown, and the smaller sets of 认定 and 考核认定.

use zhicheng_engine::printable::{applicable, build, Block, Document, Paper, ReportSet, ReportTemplate};
use zhicheng_engine::FormState;

#[path = "support/dongguan.rs"]
mod dongguan;

use dongguan::*;

fn reports(form: &str) -> ReportSet {
    let path = format!("{}/../public/reports/{form}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    ReportSet::from_json(&text).unwrap_or_else(|e| panic!("{form}: {e}"))
}

fn report(form: &str, id: &str) -> ReportTemplate {
    reports(form).reports.into_iter().find(|r| r.id == id).unwrap_or_else(|| panic!("no report {id}"))
}

fn text_of(doc: &Document) -> String {
    doc.texts().join("\n")
}

fn assert_prints(doc: &Document, values: &[&str]) {
    let text = text_of(doc);
    for value in values {
        assert!(text.contains(value), "{}: 「{value}」 missing from:\n{text}", doc.id);
    }
}

#[test]
fn every_dongguan_report_names_only_fields_of_its_form() {
    for form in ["dg-title-review", "dg-ai-recognition", "dg-assessment", "dg-unit-review"] {
        let schema = zhicheng_engine::test_forms::form(form);
        assert_eq!(reports(form).check(&schema), Vec::<String>::new(), "{form}");
    }
    // The check can fail: a misspelt field is named.
    let schema = zhicheng_engine::test_forms::form("dg-title-review");
    let path = format!("{}/../public/reports/dg-title-review.json", env!("CARGO_MANIFEST_DIR"));
    let broken =
        std::fs::read_to_string(path).unwrap().replacen("\"field\": \"liaisonPoint\"", "\"field\": \"liaison\"", 1);
    let problems = ReportSet::from_json(&broken).unwrap().check(&schema);
    assert!(problems.iter().any(|p| p.contains("liaison")), "{problems:?}");
}

#[test]
fn the_title_review_has_tables_one_to_eight_and_the_paper_catalogue() {
    let mut s = title_review();
    attach_required(&mut s);
    let expected = [
        ("materials-catalogue", "中级职称送评材料目录单", Paper::A4Portrait),
        ("evaluation-form", "广东省职称评审表", Paper::A4Portrait),
        ("summary-register", "中级职称申报人基本情况及评审登记表", Paper::A3Landscape),
        ("certificates", "证书、证明材料", Paper::A4Portrait),
        ("achievements", "业绩、成果材料", Paper::A4Portrait),
        ("photo-id-page", "贴职称证相片、身份证复印件页", Paper::A4Portrait),
        ("pre-publicity", "广东省专业技术人员申报职称评前公示情况表", Paper::A4Portrait),
        ("appraisal-register", "专业技术人员年度（聘任期满）考核登记表", Paper::A4Portrait),
        ("paper-catalogue", "职称评审申报材料参考目录", Paper::A4Portrait),
    ];
    let set = reports("dg-title-review");
    assert_eq!(set.reports.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), expected.map(|(id, ..)| id));
    for (id, title, paper) in expected {
        let template = report("dg-title-review", id);
        assert!(applicable(&template, &s), "{id} applies");
        let doc = build(&template, &s);
        assert_eq!((doc.title.as_str(), doc.paper), (title, paper), "{id}");
    }
}

#[test]
fn the_title_review_reports_print_the_declaration() {
    let mut s = title_review();
    attach_required(&mut s);
    let build_of = |id: &str| build(&report("dg-title-review", id), &s);
    assert_prints(
        &build_of("materials-catalogue"),
        &["陈东莞", "东莞市电力行业协会", "评审", "idCard.pdf", "（表一）"],
    );
    let form = build_of("evaluation-form");
    assert_prints(
        &form,
        &["陈东莞", "440305199203040039", "工作经历简述", "指导研究生", "产线视觉检测系统", "称职（合格）"],
    );
    let answers: Vec<&str> = form
        .blocks
        .iter()
        .take_while(|b| *b != &Block::Heading("申报人承诺".into()))
        .filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None })
        .flat_map(|t| t.rows.iter().flat_map(|r| r.cells.iter().filter(|c| !c.label).map(|c| c.text.as_str())))
        .collect();
    assert!(answers.contains(&"无"), "表二 writes 「无」 in empty cells (the e-mail was never given)");
    assert!(!answers.contains(&""), "表二 leaves no answer cell blank");
    assert_prints(
        &build_of("summary-register"),
        &["陈东莞", "助理工程师", "东莞理工学院", "产线视觉检测系统", "主持产线视觉检测系统研发"],
    );
    assert_prints(&build_of("certificates"), &["105901201405000123", "东莞市人力资源局"]);
    assert_prints(&build_of("achievements"), &["产线视觉检测系统", "2021-03-01 至 2022-12-31"]);
    assert_prints(&build_of("photo-id-page"), &["身份证复印件（正面）", "440305199203040039"]);
    assert_prints(&build_of("pre-publicity"), &["单位网站首页公示", "陈东莞"]);
    assert_prints(
        &build_of("paper-catalogue"),
        &["劳动合同、单位在职证明", "申报单位与参保单位一致的申报人无需提交。"],
    );
}

#[test]
fn the_appraisal_register_is_printed_once_per_year() {
    let s = title_review();
    let doc = build(&report("dg-title-review", "appraisal-register"), &s);
    let copies = doc.blocks.iter().filter(|b| matches!(b, Block::NextCopy(_))).count();
    assert_eq!(copies + 1, s.rows("appraisals").len(), "one sheet per year");
    assert_prints(&doc, &["考核年度：2023", "考核年度：2025", "称职（合格）"]);
}

fn unit_with(result: &str) -> FormState {
    let mut unit = unit_batch();
    import_applicant(&mut unit, &title_review(), result);
    record_publicity(&mut unit);
    unit
}

#[test]
fn the_unit_prints_its_opinion_the_list_and_the_publicity_situation() {
    let unit = unit_with("通过");
    let opinion = build(&report("dg-unit-review", "unit-review-opinion"), &unit);
    assert_prints(&opinion, &["陈东莞", "经审核，申报人符合申报条件", "通过", "陈经办"]);
    let list = build(&report("dg-unit-review", "publicity-list"), &unit);
    assert_eq!((list.title.as_str(), list.paper), ("2026年度推荐申报职称评审人员公示名单", Paper::A4Landscape));
    assert_prints(
        &list,
        &["陈东莞", "工程师 / 中级", "2026年11月02日 至 2026年11月06日", "单位三楼会议室", "0769-22836690"],
    );
    let situation = build(&report("dg-unit-review", "publicity-situation"), &unit);
    assert_prints(
        &situation,
        &[
            "2026年11月02日 至 2026年11月06日",
            "张榜公示（单位公告栏等显著位置）",
            "单位网站首页公示",
            "单位一楼大堂公告栏",
            "https://www.example.com.cn/gsgg/2026/",
            "单位三楼会议室",
            "继续教育证书",
            "公示期间未收到对申报人的举报、投诉。",
            "黄负责",
        ],
    );
}

#[test]
fn an_applicant_the_unit_did_not_pass_is_not_publicised() {
    let unit = unit_with("不通过");
    let list = build(&report("dg-unit-review", "publicity-list"), &unit);
    assert!(!text_of(&list).contains("陈东莞"), "not on the 公示名单");
    let situation = build(&report("dg-unit-review", "publicity-situation"), &unit);
    assert!(!text_of(&situation).contains("陈东莞"), "no 公示情况表");
    let blank = unit_batch();
    assert!(!applicable(&report("dg-unit-review", "publicity-situation"), &blank), "no 公示 recorded yet");
}

#[test]
fn recognition_and_assessment_print_their_form_catalogue_and_id_page() {
    for (form, state, title, value) in [
        (
            "dg-ai-recognition",
            ai_recognition(),
            "人工智能职称认定申报表",
            "东莞市工程系列人工智能专业副高级职称评审委员会",
        ),
        ("dg-assessment", assessment(), "职称考核认定申报表", "东莞市电力行业协会"),
    ] {
        let doc = build(&report(form, "declaration-form"), &state);
        assert_eq!(doc.title, title);
        assert_prints(&doc, &["陈东莞", value, "个人专业技术工作小结"]);
        let catalogue = build(&report(form, "materials-catalogue"), &state);
        assert!(catalogue.title.ends_with("职称送评材料目录单"), "{}", catalogue.title);
        assert_prints(&build(&report(form, "id-copy-page"), &state), &["身份证复印件（反面）"]);
    }
}
