//! The provincial system's printable reports and the unit's side: templates that name only real
//! fields; 《广东省职称评审表》 built from the answers with every value the form could not fill
//! marked 「待补充」, achievements in the 获现资格之前 and 获现资格以来 tables; the blank templates;
//! the unit's batch (imported from declarations, 公示 of at least 5 working days) and its reports;
//! and, as for Shenzhen, no hidden answer and no record left unchosen leaves the browser.

use zhicheng_engine::printable::{
    applicable, build, fingerprint, html, Block, Document, Paper, ReportSet, ReportTemplate,
};
use zhicheng_engine::{Command, FieldPath, FormState, Outcome, PackageManifestV1, PackageStamp, PackagedReport, Value};

#[path = "support/provincial.rs"]
mod provincial;

use provincial::{add_row, initial_recognition, new_form, set, title_review, with_required_files};

const REVIEW_REPORTS: &str = include_str!("../../public/reports/gd-title-review.json");
const RECOGNITION_REPORTS: &str = include_str!("../../public/reports/gd-initial-recognition.json");
const UNIT_REPORTS: &str = include_str!("../../public/reports/gd-unit-review.json");

fn report(set: &str, id: &str) -> ReportTemplate {
    let reports = ReportSet::from_json(set).expect("report templates");
    reports.reports.into_iter().find(|r| r.id == id).unwrap_or_else(|| panic!("no report {id}"))
}

fn text_of(doc: &Document) -> String {
    doc.texts().join("\n")
}

/// The tables that follow `heading` up to the next heading.
fn tables_under(doc: &Document, heading: &str) -> String {
    let start =
        doc.blocks.iter().position(|b| *b == Block::Heading(heading.into())).unwrap_or_else(|| panic!("{heading}"));
    let part = doc.blocks[start + 1..].iter().take_while(|b| !matches!(b, Block::Heading(_)));
    let texts = part.filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None });
    texts.flat_map(|t| t.rows.iter().flat_map(|r| r.cells.iter().map(|c| c.text.clone()))).collect::<Vec<_>>().join("|")
}

#[test]
fn the_templates_name_only_fields_of_their_forms() {
    for (text, form) in [
        (REVIEW_REPORTS, "gd-title-review"),
        (RECOGNITION_REPORTS, "gd-initial-recognition"),
        (UNIT_REPORTS, "gd-unit-review"),
    ] {
        let schema = zhicheng_engine::test_forms::form(form);
        assert_eq!(ReportSet::from_json(text).unwrap().check(&schema), Vec::<String>::new(), "{form}");
        let broken = text.replacen("\"field\": \"name\"", "\"field\": \"nmae\"", 1);
        assert!(ReportSet::from_json(&broken).unwrap().check(&schema).iter().any(|p| p.contains("nmae")), "{form}");
    }
}

#[test]
fn the_evaluation_form_marks_what_the_form_could_not_fill() {
    let s = title_review();
    let doc = build(&report(REVIEW_REPORTS, "evaluation-form"), &s);
    assert_eq!((doc.title.as_str(), doc.paper), ("广东省职称评审表", Paper::A4Portrait));
    let text = text_of(&doc);
    for value in [
        "陈清远",
        "市直非公人事管理单位（环保专业）",
        "清远市生态环境局",
        "清远市工程系列生态环境专业中级职称评审委员会",
        "2021",
    ] {
        assert!(text.contains(value), "{value} missing");
    }
    // The e-mail was left blank: its cell says 「待补充」 and is marked, never 「无」 or blank.
    let cells: Vec<_> = doc
        .blocks
        .iter()
        .filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None })
        .flat_map(|t| &t.rows)
        .flat_map(|r| &r.cells)
        .collect();
    assert!(cells.iter().any(|c| c.missing && c.text == "待补充"));
    assert!(cells.iter().filter(|c| c.missing).all(|c| c.text == "待补充" && !c.label));
    let printed = html::render(&doc, html::Stamp::Final { fingerprint: &fingerprint(&s) });
    assert!(printed.contains(" class=\"missing\">待补充</td>"), "the preview frames what is missing");
    // Each achievement in the table of its period.
    let before = tables_under(&doc, "六、获现资格之前业绩");
    let since = tables_under(&doc, "七、获现资格以来专业技术工作及业绩成果");
    assert!(before.contains("北江支流水质监测网建设") && !before.contains("清远市大气污染源解析"), "{before}");
    assert!(since.contains("清远市大气污染源解析") && !since.contains("北江支流水质监测网建设"), "{since}");
    // No papers or patents is the applicant's answer: 「无」, not 「待补充」 to fill in by hand.
    assert_eq!(tables_under(&doc, "八、学术成果").split('|').filter(|c| *c == "无").count(), 2);
    assert!(!tables_under(&doc, "八、学术成果").contains("待补充"));
}

#[test]
fn a_record_not_chosen_is_not_printed() {
    let mut s = title_review();
    add_row(&mut s, "papers", &[("title", "不纳入本次申报的旧论文"), ("selected", "否")]);
    let text = text_of(&build(&report(REVIEW_REPORTS, "evaluation-form"), &s));
    assert!(!text.contains("不纳入本次申报的旧论文"));
    let row = s.rows("papers")[0].id;
    s.apply(Command::SetValue { path: FieldPath::in_row("papers", row, "selected"), value: Value::text("是") });
    assert!(text_of(&build(&report(REVIEW_REPORTS, "evaluation-form"), &s)).contains("不纳入本次申报的旧论文"));
}

#[test]
fn the_blank_templates_have_their_paper_and_copies() {
    let s = title_review();
    let register = build(&report(REVIEW_REPORTS, "summary-register"), &s);
    assert_eq!(register.paper, Paper::A3Landscape);
    let appraisal = build(&report(REVIEW_REPORTS, "appraisal-register"), &s);
    let copies = appraisal.blocks.iter().filter(|b| matches!(b, Block::NextCopy(_))).count();
    assert_eq!(copies + 1, 5, "one 年度考核登记表 per appraisal year");
    assert!(text_of(&appraisal).contains("（2022 年度）"));
    let catalogue = build(&report(REVIEW_REPORTS, "materials-catalogue"), &with_required_files(title_review()));
    assert!(text_of(&catalogue).contains("《广东省职称评审表》"));
}

#[test]
fn the_recognition_form_prints_the_2020_rules_fields() {
    let s = initial_recognition();
    let doc = build(&report(RECOGNITION_REPORTS, "recognition-form"), &s);
    assert_eq!(doc.title, "初次职称考核认定申请表");
    let text = text_of(&doc);
    for value in [
        "全日制",
        "大学本科",
        "2024-06-30",
        "企业废水在线监测运维",
        "助理级",
        "清远市工程系列生态环境专业初级职称评审委员会",
    ] {
        assert!(text.contains(value), "{value} missing:\n{text}");
    }
}

/// A unit batch with the declaration imported and a valid 公示 period.
fn unit_batch(declaration: &FormState) -> FormState {
    let mut s = new_form("gd-unit-review");
    for (field, text) in [
        ("hrUnit", "市直非公人事管理单位（环保专业）"),
        ("unitCreditCode", "91110000600037341L"),
        ("unitLeader", "黄负责"),
        ("contactPerson", "李经办"),
        ("contactPhone", "0763-3382510"),
        ("postcode", "511500"),
        ("preStart", "2026-11-02"),
        ("preEnd", "2026-11-06"),
    ] {
        set(&mut s, field, text);
    }
    s.apply(Command::SetValue {
        path: FieldPath::top("preMethods"),
        value: Value::List(vec!["在单位显著位置张贴".into()]),
    });
    let import = s.schema().field("applicants").and_then(|g| g.import.clone()).expect("applicants import declarations");
    let values = declaration.row_import_values(&import);
    assert!(matches!(s.apply(Command::AddRowWith { group: "applicants".into(), values }), Outcome::RowAdded(_)));
    let row = s.rows("applicants")[0].id;
    let opinion =
        "该同志思想品德良好，遵守职业道德，长期从事生态环境监测工作，业务能力强，业绩突出，申报材料真实，同意推荐。";
    s.apply(Command::SetValue {
        path: FieldPath::in_row("applicants", row, "unitOpinion"),
        value: Value::text(opinion),
    });
    s
}

#[test]
fn the_unit_imports_a_declaration_and_publicises_for_five_working_days() {
    let mut s = unit_batch(&title_review());
    let errors: Vec<String> = s.report().errors().map(|v| format!("{} {}", v.path, v.message)).collect();
    assert_eq!(errors, Vec::<String>::new());
    let row = &s.rows("applicants")[0];
    assert_eq!(row.text("specialty"), "生态环境监测");
    assert_eq!(row.text("committee"), "清远市工程系列生态环境专业中级职称评审委员会");
    assert_eq!(s.text(&FieldPath::top("supervisingUnit")), "清远市生态环境局");
    set(&mut s, "preEnd", "2026-11-05");
    assert!(s.report().errors().any(|v| v.path.to_string() == "preEnd" && v.message.contains("只有 4 个工作日")));
    let row = s.rows("applicants")[0].id;
    s.apply(Command::SetValue {
        path: FieldPath::in_row("applicants", row, "unitOpinion"),
        value: Value::text("同意推荐。"),
    });
    assert!(
        s.report().errors().any(|v| v.path.to_string().ends_with("unitOpinion")),
        "an opinion of a few words is refused"
    );
}

#[test]
fn the_unit_prints_its_list_situation_forms_and_opinions() {
    let mut s = unit_batch(&title_review());
    let list = build(&report(UNIT_REPORTS, "publicity-list"), &s);
    assert_eq!((list.title.as_str(), list.paper), ("2026年度推荐申报职称人员公示名单", Paper::A4Landscape));
    let text = text_of(&list);
    for value in ["陈清远", "生态环境监测", "2026年11月02日 至 2026年11月06日", "0763-3382510"] {
        assert!(text.contains(value), "{value} missing:\n{text}");
    }
    let situation = text_of(&build(&report(UNIT_REPORTS, "publicity-situation"), &s));
    assert!(situation.contains("公示期间未收到对申报人的举报、投诉。"));
    assert!(text_of(&build(&report(UNIT_REPORTS, "unit-opinion"), &s)).contains("同意推荐"));
    let row = s.rows("applicants")[0].id;
    s.apply(Command::SetValue {
        path: FieldPath::in_row("applicants", row, "unitResult"),
        value: Value::text("不通过"),
    });
    assert!(text_of(&build(&report(UNIT_REPORTS, "unit-opinion"), &s)).contains("没有符合打印条件"));
}

const MARKER: &str = "隐藏答案·";

fn package(s: &FormState, reports: &ReportSet) -> PackageManifestV1 {
    let finished = s.finished_declaration().unwrap_or_else(|e| panic!("{}", e.message()));
    let listed = reports
        .reports
        .iter()
        .filter(|r| applicable(r, s))
        .map(|r| PackagedReport {
            id: r.id.clone(),
            title: r.title.clone(),
            fingerprint: fingerprint(s),
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

/// Plants the marker in every hidden top-level field (computed ones are the engine's) and in an
/// unchosen record of every achievement group.
fn plant(s: &mut FormState) {
    let schema = s.schema().clone();
    for (_, field) in schema.fields() {
        let top = FieldPath::top(&field.id);
        if !field.is_group() && field.compute.is_none() && !s.is_visible(&top) {
            s.apply(Command::SetValue { path: top, value: Value::text(format!("{MARKER}{}", field.id)) });
        }
        if field.submit_rows_if.is_some() {
            let first = field.fields.iter().find(|c| c.kind == zhicheng_engine::FieldKind::Text).unwrap();
            let text = format!("{MARKER}{}", field.id);
            add_row(s, &field.id, &[(first.id.as_str(), text.as_str()), ("selected", "否")]);
        }
    }
}

#[test]
fn no_hidden_answer_or_unchosen_record_leaves_the_browser() {
    for (clean, reports) in [
        (with_required_files(title_review()), REVIEW_REPORTS),
        (with_required_files(initial_recognition()), RECOGNITION_REPORTS),
    ] {
        let reports = ReportSet::from_json(reports).unwrap();
        let mut planted = clean.clone();
        plant(&mut planted);
        let form = clean.schema().id.clone();
        let manifest = serde_json::to_string(&package(&planted, &reports)).unwrap();
        assert!(!manifest.contains(MARKER), "{form}: in the package:\n{manifest}");
        for template in reports.reports.iter().filter(|r| applicable(r, &planted)) {
            let printed =
                html::render(&build(template, &planted), html::Stamp::Final { fingerprint: &fingerprint(&planted) });
            assert!(!printed.contains(MARKER), "{form}: printed in {}", template.id);
        }
        assert_eq!(planted.submission_answers(), clean.submission_answers(), "{form}");
        assert_eq!(fingerprint(&planted), fingerprint(&clean), "{form}: the fingerprint changed");
        assert!(serde_json::to_string(&planted.to_draft()).unwrap().contains(MARKER), "{form}: the draft keeps them");
    }
}
