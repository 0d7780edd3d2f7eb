//! The printable reports of the Shenzhen declaration as document models: templates that name only
//! real fields, every filled answer printed, 「无」 in 表二's empty cells, hidden answers never
//! printed, conditional reports only when they apply, the attachment catalogue with page counts.

use std::sync::Arc;

use zhicheng_engine::printable::{applicable, build, Block, Document, Paper, ReportSet, ReportTemplate};
use zhicheng_engine::{AttachedFile, Command, Date, FieldPath, FormState, Outcome, Value};

const REPORTS: &str = include_str!("../../public/reports/sz-title-review.json");

fn reports() -> ReportSet {
    ReportSet::from_json(REPORTS).unwrap()
}

fn report(id: &str) -> ReportTemplate {
    reports().reports.into_iter().find(|r| r.id == id).unwrap_or_else(|| panic!("no report {id}"))
}

fn set(s: &mut FormState, field: &str, text: &str) {
    assert_eq!(
        s.apply(Command::SetValue { path: FieldPath::top(field), value: Value::text(text) }),
        Outcome::Done,
        "{field}"
    );
}

/// A 破格 declaration with answers in every part the reports print.
fn declaration(kind: &str) -> FormState {
    let schema = Arc::new(zhicheng_engine::test_forms::form("sz-title-review"));
    let mut s = FormState::new(schema, Date::new(2026, 11, 23).unwrap());
    s.apply(Command::SetValue { path: FieldPath::top("pledgeAccepted"), value: Value::Bool(true) });
    for (field, text) in [
        ("name", "林破格"),
        ("idNumber", "440305199203040039"),
        ("employer", "深圳市示例科技有限公司"),
        ("declarationType", kind),
        ("yearsInSpecialty", "9"),
    ] {
        set(&mut s, field, text);
    }
    let Outcome::RowAdded(row) = s.apply(Command::AddRow { group: "projects".into() }) else { panic!("row") };
    for (field, text) in
        [("category", "专业技术工作项目"), ("name", "城市轨道信号系统国产化"), ("representative", "是")]
    {
        s.apply(Command::SetValue { path: FieldPath::in_row("projects", row, field), value: Value::text(text) });
    }
    s
}

fn text_of(doc: &Document) -> String {
    doc.texts().join("\n")
}

#[test]
fn the_templates_name_only_fields_of_the_declaration() {
    let schema = zhicheng_engine::test_forms::form("sz-title-review");
    assert_eq!(reports().check(&schema), Vec::<String>::new());
    let broken = REPORTS.replacen("\"field\": \"idNumber\"", "\"field\": \"idNumbr\"", 1);
    let problems = ReportSet::from_json(&broken).unwrap().check(&schema);
    assert!(problems.iter().any(|p| p.contains("idNumbr")), "{problems:?}");
}

#[test]
fn the_pledge_prints_every_filled_answer_it_names() {
    let doc = build(&report("pledge-personal"), &declaration("破格申报"));
    let text = text_of(&doc);
    for value in ["林破格", "440305199203040039", "深圳市示例科技有限公司", "破格申报", "承诺人（签名）："]
    {
        assert!(text.contains(value), "{value} missing from:\n{text}");
    }
    assert_eq!(doc.paper, Paper::A4Portrait);
}

#[test]
fn the_exceptional_recommendation_applies_only_to_exceptional_declarations() {
    let template = report("exceptional-recommendation");
    assert!(applicable(&template, &declaration("破格申报")));
    assert!(!applicable(&template, &declaration("普通申报")));
    let mut state = declaration("破格申报");
    let Outcome::RowAdded(row) = state.apply(Command::AddRow { group: "projects".into() }) else { panic!("row") };
    for (field, text) in [("category", "课题项目"), ("name", "非代表作的课题"), ("representative", "否")] {
        state.apply(Command::SetValue { path: FieldPath::in_row("projects", row, field), value: Value::text(text) });
    }
    let text = text_of(&build(&template, &state));
    assert!(text.contains("城市轨道信号系统国产化"), "representative work printed:\n{text}");
    assert!(!text.contains("非代表作的课题"), "only representative works are the basis");
}

#[test]
fn the_evaluation_form_prints_every_section_with_none_in_empty_cells() {
    let state = declaration("普通申报");
    let doc = build(&report("evaluation-form"), &state);
    let text = text_of(&doc);
    for value in ["林破格", "440305199203040039", "深圳市示例科技有限公司", "城市轨道信号系统国产化", "9"]
    {
        assert!(text.contains(value), "{value} missing");
    }
    // Every visible section of the declaration has its heading (the pledge gate excepted).
    let ev = state.evaluator();
    for step in state.visible_steps().into_iter().filter(|s| !state.schema().steps[*s].gate) {
        for (_, section) in
            state.schema().steps[step].sections.iter().enumerate().filter(|(i, _)| ev.section_visible(step, *i))
        {
            assert!(doc.blocks.contains(&Block::Heading(section.title.clone())), "section {} missing", section.title);
        }
    }
    // Answer cells left empty say 「无」; nothing is blank except the official boxes at the end.
    let answer_cells: Vec<&str> = doc
        .blocks
        .iter()
        .take_while(|b| *b != &Block::Heading("申报人承诺".into()))
        .filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None })
        .flat_map(|t| t.rows.iter().flat_map(|r| r.cells.iter().filter(|c| !c.label).map(|c| c.text.as_str())))
        .collect();
    assert!(answer_cells.contains(&"无"));
    assert!(!answer_cells.contains(&""), "an empty answer cell printed blank");
    // A hidden answer is never printed: 破格申报类型 applies to 破格 only.
    let mut hidden = declaration("破格申报");
    set(&mut hidden, "exceptionalType", "符合职称评价标准破格申报");
    assert!(text_of(&build(&report("evaluation-form"), &hidden)).contains("符合职称评价标准破格申报"));
    set(&mut hidden, "declarationType", "普通申报");
    assert!(!text_of(&build(&report("evaluation-form"), &hidden)).contains("符合职称评价标准破格申报"));
}

#[test]
fn the_summary_register_is_one_a3_landscape_sheet() {
    let doc = build(&report("summary-register"), &declaration("普通申报"));
    assert_eq!(doc.paper, Paper::A3Landscape);
    assert_eq!(Paper::A3Landscape.size_mm(), (420, 297));
}

#[test]
fn the_catalogue_lists_every_attached_file_with_its_pages() {
    let mut state = declaration("普通申报");
    let file = |hash: &str, name: &str, pages: Option<u32>| AttachedFile {
        sha256: hash.repeat(64),
        name: name.into(),
        media_type: if pages.is_some() { "application/pdf".into() } else { "image/png".into() },
        size: 100,
        pages,
    };
    for (material, f) in [
        ("eduProof", file("a", "毕业证.pdf", Some(2))),
        ("eduProof", file("b", "学位证.pdf", Some(3))),
        ("photo", file("c", "证件照.png", None)),
    ] {
        assert_eq!(state.apply(Command::Attach { material: material.into(), file: f }), Outcome::Done);
    }
    let doc = build(&report("materials-catalogue"), &state);
    let Some(Block::Table(table)) =
        doc.blocks.iter().find(|b| matches!(b, Block::Table(t) if t.rows[0].cells[0].text == "序号"))
    else {
        panic!("no catalogue table")
    };
    let rows: Vec<Vec<&str>> = table.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
    assert!(rows.contains(&vec!["2", "学历、学位证明材料", "毕业证.pdf、学位证.pdf", "5"]), "{rows:?}");
    assert!(rows.contains(&vec!["1", "照片", "证件照.png", "1"]), "an image is one page: {rows:?}");
    assert_eq!(rows.last().unwrap(), &vec!["合计 3 个文件", "6"]);
}

#[test]
fn the_fingerprint_follows_the_answers_and_files_only() {
    let mut state = declaration("普通申报");
    let before = zhicheng_engine::printable::fingerprint(&state);
    assert_eq!(before.len(), 14);
    state.apply(Command::RecordPrint { report: "pledge-personal".into(), at_ms: 1 });
    state.apply(Command::Touch(FieldPath::top("name")));
    assert_eq!(zhicheng_engine::printable::fingerprint(&state), before, "printing or touching changes no content");
    set(&mut state, "name", "林破格二");
    assert_ne!(zhicheng_engine::printable::fingerprint(&state), before);
    assert_eq!(state.last_printed("pledge-personal"), Some(1));
}

#[test]
fn the_applicant_register_prints_identity_title_and_work_with_open_ends_as_until_now() {
    let mut state = declaration("普通申报");
    let Outcome::RowAdded(row) = state.apply(Command::AddRow { group: "work".into() }) else { panic!("row") };
    for (field, text) in [("start", "2015-07-01"), ("org", "深圳市示例科技有限公司"), ("referee", "王证明")]
    {
        state.apply(Command::SetValue { path: FieldPath::in_row("work", row, field), value: Value::text(text) });
    }
    let doc = build(&report("applicant-register"), &state);
    let text = text_of(&doc);
    for value in ["林破格", "440305199203040039", "普通申报", "2015-07-01", "至今", "王证明", "申报人（签名）："]
    {
        assert!(text.contains(value), "{value} missing from:\n{text}");
    }
    // Blank answers read 「无」 (the email was never given).
    assert!(doc.texts().contains(&"无"));
}
