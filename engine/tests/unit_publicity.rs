//! The unit's form (单位审核与公示) and its reports: the publicity period counted in working days,
//! applicants imported from their declarations, one 承诺书 and 公示情况表 per applicant, the
//! multi-applicant 公示名单 on A4 landscape with the unit's contact details, and 评后 reports only
//! once a 评后 period is entered.

use std::sync::Arc;

use zhicheng_engine::printable::{applicable, build, Block, Document, Paper, ReportSet, ReportTemplate};
use zhicheng_engine::rules::publicity_period::counts_working_days;
use zhicheng_engine::{
    Answers, Command, Date, FieldPath, FormSchema, FormState, HolidayCalendar, Outcome, Position, Value,
};

const REPORTS: &str = include_str!("../../public/reports/sz-unit-publicity.json");
const CALENDAR: &str = include_str!("../../public/calendar/cn.json");

fn schema() -> Arc<FormSchema> {
    Arc::new(zhicheng_engine::test_forms::form("sz-unit-publicity"))
}

fn report(id: &str) -> ReportTemplate {
    ReportSet::from_json(REPORTS)
        .unwrap()
        .reports
        .into_iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no report {id}"))
}

fn set(s: &mut FormState, field: &str, text: &str) {
    assert_eq!(
        s.apply(Command::SetValue { path: FieldPath::top(field), value: Value::text(text) }),
        Outcome::Done,
        "{field}"
    );
}

/// An applicant's declaration answers, as an applicant draft holds them.
fn declaration(name: &str, id: &str, level: &str) -> Answers {
    [
        ("name", name),
        ("idType", "居民身份证"),
        ("idNumber", id),
        ("employer", "深圳市示例科技有限公司"),
        ("series", "工程技术"),
        ("specialty", "电子信息"),
        ("level", level),
        ("declarationType", "普通申报"),
        ("phone", "13800138000"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), Value::text(v)))
    .collect()
}

fn import(s: &mut FormState, answers: &Answers) -> Outcome {
    let import =
        s.schema().field("applicants").and_then(|g| g.import.clone()).expect("applicants import from declarations");
    s.apply(Command::AddRowWith { group: "applicants".into(), values: import.row_values(answers) })
}

/// A unit batch with two imported applicants and a valid 评前公示 period.
fn batch() -> FormState {
    let mut s = FormState::new(schema(), Date::new(2026, 11, 23).unwrap());
    let calendar = HolidayCalendar::from_json(CALENDAR).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.apply(Command::SetCalendar(Arc::new(calendar))), Outcome::Done);
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

fn text_of(doc: &Document) -> String {
    doc.texts().join("\n")
}

fn errors_on(s: &FormState, field: &str) -> Vec<String> {
    let path = FieldPath::top(field);
    s.report().for_path(&path).filter(|v| v.is_error()).map(|v| v.message.clone()).collect()
}

#[test]
fn the_templates_name_only_fields_of_the_unit_form() {
    let schema = schema();
    assert_eq!(ReportSet::from_json(REPORTS).unwrap().check(&schema), Vec::<String>::new());
    let broken = REPORTS.replacen("{unitName}", "{unitNam}", 1);
    let problems = ReportSet::from_json(&broken).unwrap().check(&schema);
    assert!(problems.iter().any(|p| p.contains("unitNam")), "{problems:?}");
}

#[test]
fn a_publicity_period_needs_five_working_days_without_holidays() {
    let mut s = batch();
    assert_eq!(errors_on(&s, "preEnd"), Vec::<String>::new());
    // 2026-10-01..07 is the National Day holiday: 10-01 to 10-09 holds two working days, and the
    // message names the earliest valid end (the make-up Saturday 10-10 counts).
    set(&mut s, "preStart", "2026-10-01");
    set(&mut s, "preEnd", "2026-10-09");
    let errors = errors_on(&s, "preEnd");
    assert!(
        errors.iter().any(|e| e.contains("只有 2 个工作日") && e.contains("最早应为 2026年10月13日")),
        "{errors:?}"
    );
    set(&mut s, "preEnd", "2026-09-30");
    assert!(errors_on(&s, "preEnd").iter().any(|e| e.contains("早于开始日期")));
}

#[test]
fn a_period_past_the_published_calendar_is_estimated_and_never_works_on_a_holiday() {
    let mut s = batch();
    // 2027-02-01..05 has five weekdays, but 2027-02-05 is 除夕 (春节 from 2025 on).
    set(&mut s, "preStart", "2027-02-01");
    set(&mut s, "preEnd", "2027-02-05");
    let errors = errors_on(&s, "preEnd");
    let estimated = |e: &String| e.contains("只有 4 个工作日") && e.contains("2027 年") && e.contains("估算");
    assert!(errors.iter().any(estimated), "{errors:?}");
    set(&mut s, "preEnd", "2027-02-11");
    let end = FieldPath::top("preEnd");
    let found: Vec<_> = s.report().for_path(&end).collect();
    assert!(found.len() == 1 && !found[0].is_error() && found[0].message.contains("调休以当年通知为准"), "{found:?}");
    // The sections that ask for a publicity period are those that show what it is counted by.
    let asking: Vec<&str> = s
        .schema()
        .steps
        .iter()
        .flat_map(|step| &step.sections)
        .filter(|section| counts_working_days(section))
        .map(|section| section.id.as_str())
        .collect();
    assert_eq!(asking, ["prePublicityPeriod", "postPublicityPeriod"]);
    assert!(s.calendar().describe().contains("（2020–2026 年）"), "{}", s.calendar().describe());
}

#[test]
fn importing_copies_the_declaration_and_the_id_gives_the_gender() {
    let s = batch();
    let rows = s.rows("applicants");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].values["name"], Value::text("林一"));
    assert_eq!(rows[0].values["level"], Value::text("中级"));
    // Defaults of a new row are kept where the declaration has nothing to say.
    assert_eq!(rows[0].values["preResult"], Value::text("通过"));
    assert!(!rows[0].values.contains_key("phone"), "only mapped answers are copied");
    let ev = s.evaluator();
    assert_eq!(
        ev.value(
            Some(zhicheng_engine::eval::RowScope { group: s.schema().field("applicants").unwrap(), row: &rows[1] }),
            "gender"
        )
        .map(Value::display),
        Some("女".to_string())
    );
}

#[test]
fn the_same_applicant_typed_twice_is_an_error() {
    let mut s = batch();
    import(&mut s, &declaration("林一", "440305199203040039", "中级"));
    let duplicates = s.report().errors().filter(|v| v.message.contains("重复")).count();
    assert!(duplicates > 0, "{:?}", s.report().violations);
}

#[test]
fn the_unit_form_has_no_materials_page() {
    let mut s = batch();
    assert!(!s.has_materials());
    assert!(matches!(s.apply(Command::GoTo(Position::Materials)), Outcome::Refused(_)));
    let last = *s.visible_steps().last().unwrap();
    s.apply(Command::GoTo(Position::Step(last)));
    s.apply(Command::Next);
    assert_eq!(s.position(), Position::Review);
    s.apply(Command::Previous);
    assert_eq!(s.position(), Position::Step(last));
}

#[test]
fn the_pledge_is_one_copy_per_recommended_applicant() {
    let mut s = batch();
    let doc = build(&report("pledge-unit"), &s);
    let copies = doc.blocks.iter().filter(|b| matches!(b, Block::NextCopy(_))).count();
    assert_eq!(copies, 1, "two applicants: the first copy plus one more");
    let text = text_of(&doc);
    for value in ["林一", "王二", "440305199203040039", "副高级", "深圳市示例科技有限公司（盖章）", "经办人：陈经办"]
    {
        assert!(text.contains(value), "{value} missing from:\n{text}");
    }
    // Each copy speaks of its own applicant: the second copy's paragraphs name 王二, not 林一.
    let second_copy = doc.blocks.iter().skip_while(|b| !matches!(b, Block::NextCopy(_)));
    let second_text: Vec<&str> =
        second_copy.filter_map(|b| if let Block::Paragraph(t) = b { Some(t.as_str()) } else { None }).collect();
    assert!(second_text.iter().any(|t| t.contains("对王二同志")), "{second_text:?}");
    assert!(!second_text.iter().any(|t| t.contains("林一")), "{second_text:?}");
    // An applicant the unit does not recommend gets no pledge.
    let second = s.rows("applicants")[1].id;
    s.apply(Command::SetValue {
        path: FieldPath::in_row("applicants", second, "preResult"),
        value: Value::text("不通过"),
    });
    let doc = build(&report("pledge-unit"), &s);
    assert!(!text_of(&doc).contains("王二"));
    assert!(!doc.blocks.iter().any(|b| matches!(b, Block::NextCopy(_))));
}

#[test]
fn a_per_applicant_report_without_applicants_says_what_to_do() {
    let s = FormState::new(schema(), Date::new(2026, 11, 23).unwrap());
    let doc = build(&report("pre-publicity-situation"), &s);
    assert!(text_of(&doc).contains("没有可打印的申报人"), "{}", text_of(&doc));
}

#[test]
fn the_publicity_list_is_a4_landscape_with_numbers_dates_and_contacts() {
    let (template, state) = (report("pre-publicity-list"), batch());
    let doc = build(&template, &state);
    assert_eq!(doc.paper, Paper::A4Landscape);
    assert!(text_of(&doc).contains("副高级"), "the level prints (the title name is blank here)");
    assert_eq!(doc.title, "2026年度推荐申报职称评审人员公示名单");
    assert_eq!(
        zhicheng_engine::printable::title(&template, &state),
        doc.title,
        "the title alone, as a package lists it"
    );
    let text = text_of(&doc);
    for value in [
        "公示单位：深圳市示例科技有限公司",
        "林一",
        "王二",
        "女",
        "公示时间：2026年11月02日 至 2026年11月06日",
        "联系人：陈经办",
        "0755-88886666",
        "邮政编码：518057",
    ] {
        assert!(text.contains(value), "{value} missing from:\n{text}");
    }
    let Some(Block::Table(table)) = doc.blocks.iter().find(|b| matches!(b, Block::Table(_))) else {
        panic!("no table")
    };
    let numbers: Vec<&str> = table.rows[1..].iter().map(|r| r.cells[0].text.as_str()).collect();
    assert_eq!(numbers, ["1", "2"]);
}

#[test]
fn blank_answers_in_texts_leave_a_gap_to_write_in() {
    let mut s = batch();
    set(&mut s, "publicityYear", "");
    let doc = build(&report("pre-publicity-list"), &s);
    assert!(
        doc.title.starts_with('\u{3000}') && doc.title.ends_with("年度推荐申报职称评审人员公示名单"),
        "{}",
        doc.title
    );
}

#[test]
fn the_situation_form_prints_the_period_and_each_applicants_opinion() {
    let mut s = batch();
    let first = s.rows("applicants")[0].id;
    s.apply(Command::SetValue {
        path: FieldPath::in_row("applicants", first, "preOpinion"),
        value: Value::text("收到一封匿名信，经核查不属实。"),
    });
    let doc = build(&report("pre-publicity-situation"), &s);
    let text = text_of(&doc);
    for value in [
        "2026年11月02日 至 2026年11月06日",
        "收到一封匿名信，经核查不属实。",
        "公示期间未收到对申报人的举报、投诉。",
        "在单位显著位置张贴",
    ] {
        assert!(text.contains(value), "{value} missing from:\n{text}");
    }
}

#[test]
fn after_review_reports_apply_once_a_later_period_is_entered() {
    let mut s = batch();
    let list = report("post-publicity-list");
    assert!(!applicable(&list, &s));
    assert!(!applicable(&report("post-publicity-situation"), &s));
    set(&mut s, "postStart", "2026-12-07");
    assert!(applicable(&list, &s));
    // The later period's end, methods and each applicant's opinion become required.
    assert!(!errors_on(&s, "postEnd").is_empty());
    set(&mut s, "postEnd", "2026-12-11");
    // Only those the committee passed are listed after the review.
    let rows: Vec<_> = s.rows("applicants").iter().map(|r| r.id).collect();
    for (row, result) in rows.iter().zip(["通过", "未通过"]) {
        s.apply(Command::SetValue {
            path: FieldPath::in_row("applicants", *row, "reviewResult"),
            value: Value::text(result),
        });
    }
    let text = text_of(&build(&list, &s));
    assert!(text.contains("2026年12月07日 至 2026年12月11日"));
    assert!(text.contains("林一") && !text.contains("王二"), "{text}");
    let situation = build(&report("post-publicity-situation"), &s);
    assert!(
        !situation.blocks.iter().any(|b| matches!(b, Block::NextCopy(_))),
        "one 评后情况表, for the one who passed"
    );
}
