//! The unit's form (单位审核与公示) and its reports: the publicity period counted in working days,
//! applicants imported from their declarations with the unit's 单位审核意见 (the 综合评价 of at
//! least 150 字), the 公示意见 suggested from the name and the dates and still editable, the signed
//! materials each stage needs, the batch packaged as the unit's (报送评委会办公室), one 承诺书 and
//! 公示情况表 per applicant, the multi-applicant 公示名单 on A4 landscape with the unit's contact
//! details, and 评后 reports only once a 评后 period is entered.

#[path = "support/sz_unit.rs"]
mod sz_unit;

use std::sync::Arc;

use sz_unit::{batch, blank, cell, complete, declaration, import, required_materials, review, set, set_cell};
use zhicheng_engine::printable::{applicable, build, Block, Document, Paper, ReportSet, ReportTemplate};
use zhicheng_engine::rules::publicity_period::counts_working_days;
use zhicheng_engine::{
    Command, FieldPath, FormSchema, FormState, Outcome, PackageManifestV1, PackageStamp, Position, Value,
};

const REPORTS: &str = include_str!("../../public/reports/sz-unit-publicity.json");

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

/// A stand-in for a file's SHA-256: the engine records hashes, it does not compute them.
fn fake_sha(bytes: &[u8]) -> String {
    format!("{:064x}", bytes.iter().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(*b))))
}

fn rows(s: &FormState) -> Vec<u32> {
    s.rows("applicants").iter().map(|r| r.id).collect()
}

fn cell_errors(s: &FormState, row: u32, field: &str) -> Vec<String> {
    let path = FieldPath::in_row("applicants", row, field);
    s.report().for_path(&path).filter(|v| v.is_error()).map(|v| v.message.clone()).collect()
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
fn the_materials_page_follows_the_last_step() {
    let mut s = batch();
    assert!(s.has_materials());
    let last = *s.visible_steps().last().unwrap();
    s.apply(Command::GoTo(Position::Step(last)));
    s.apply(Command::Next);
    assert_eq!(s.position(), Position::Materials);
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
    let s = blank();
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
fn the_publicity_list_names_only_applicants_the_unit_passed() {
    let mut s = batch();
    let second = s.rows("applicants")[1].id;
    s.apply(Command::SetValue {
        path: FieldPath::in_row("applicants", second, "preResult"),
        value: Value::text("退回修改"),
    });
    let text = text_of(&build(&report("pre-publicity-list"), &s));
    assert!(text.contains("林一") && !text.contains("王二"), "a returned applicant is not recommended:\n{text}");
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
        "【王二】同志申报材料已在单位显著位置公开张贴公示，公示期是【2026年11月02日至2026年11月06日】。公示期间，未收到举报投诉。",
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

#[test]
fn the_sample_batch_is_complete_and_lists_its_materials() {
    let (s, _) = complete(fake_sha);
    let errors: Vec<_> = s.report().errors().map(|v| format!("{}: {}", v.path, v.message)).collect();
    assert_eq!(errors, Vec::<String>::new());
    assert_eq!(s.missing_materials(), Vec::<String>::new());
    assert!(s.finished_declaration().is_ok());
    // Before the 评后 period, the 评前 materials are the ones to upload.
    assert_eq!(required_materials(&s), ["unitPledge", "prePublicitySituation"]);
    assert_eq!(s.schema().submit_label(), "报送评委会办公室");
}

#[test]
fn the_units_opinions_are_required_unless_the_applicant_is_returned() {
    let mut s = batch();
    let first = rows(&s)[0];
    for field in ["ceOpinion", "negativeOpinion", "appraisalYear1", "appraisalResult1", "overallEvaluation"] {
        assert!(!cell_errors(&s, first, field).is_empty(), "{field} is required");
    }
    assert!(cell_errors(&s, first, "examInsteadOfReview").iter().any(|e| e.contains("是否以考代评")));
    // A second year is optional, but a year without its result (or the reverse) is not.
    assert_eq!(cell_errors(&s, first, "appraisalResult2"), Vec::<String>::new());
    set_cell(&mut s, first, "appraisalYear2", "2024");
    assert!(!cell_errors(&s, first, "appraisalResult2").is_empty());
    set_cell(&mut s, first, "preResult", "退回修改");
    for field in ["ceOpinion", "negativeOpinion", "appraisalYear1", "overallEvaluation", "examInsteadOfReview"] {
        assert_eq!(cell_errors(&s, first, field), Vec::<String>::new(), "{field} once returned");
    }
}

#[test]
fn the_overall_evaluation_takes_150_to_1000_characters() {
    let cases = [(149, Some("要求 150–1000 字，请再补充 1 字")), (150, None), (1000, None), (1001, Some("1000"))];
    for (length, wanted) in cases {
        let mut s = batch();
        let first = rows(&s)[0];
        review(&mut s, first);
        set_cell(&mut s, first, "overallEvaluation", &"评".repeat(length));
        let errors = cell_errors(&s, first, "overallEvaluation");
        match wanted {
            None => assert_eq!(errors, Vec::<String>::new(), "{length} 字"),
            Some(words) => assert!(errors.iter().any(|e| e.contains(words)), "{length} 字: {errors:?}"),
        }
    }
    let field = schema().field("applicants").unwrap().child("overallEvaluation").unwrap().clone();
    assert_eq!((field.min_chars, field.max_chars), (Some(150), Some(1000)), "the counter shows both bounds");
}

#[test]
fn the_publicity_opinion_is_written_from_the_name_and_the_dates() {
    let mut s = batch();
    let first = rows(&s)[0];
    let pre = |s: &FormState| cell(s, first, "preOpinion");
    assert_eq!(
        pre(&s),
        "【林一】同志申报材料已在单位显著位置公开张贴公示，公示期是【2026年11月02日至2026年11月06日】。公示期间，未收到举报投诉。"
    );
    // The text follows the dates and the name while the unit has not written its own.
    set(&mut s, "preEnd", "2026-11-09");
    assert!(pre(&s).contains("【2026年11月02日至2026年11月09日】"), "{}", pre(&s));
    set_cell(&mut s, first, "name", "林一一");
    assert!(pre(&s).starts_with("【林一一】同志"), "{}", pre(&s));
    // Without an end date there is nothing to suggest: the suggested text goes, and comes back.
    set(&mut s, "preEnd", "");
    assert_eq!(pre(&s), "");
    set(&mut s, "preEnd", "2026-11-06");
    assert!(pre(&s).contains("至2026年11月06日"));
    // An edited text is kept whatever changes later.
    let own = "公示期间收到一封匿名信，经核查不属实。";
    set_cell(&mut s, first, "preOpinion", own);
    set(&mut s, "preEnd", "2026-11-10");
    set_cell(&mut s, first, "name", "林一");
    assert_eq!(pre(&s), own);
    // Cleared, it stays blank for the unit to type afresh (and is required), until the dates or
    // the name change again.
    set_cell(&mut s, first, "preOpinion", "");
    assert_eq!(pre(&s), "");
    assert!(!cell_errors(&s, first, "preOpinion").is_empty());
    set(&mut s, "preEnd", "2026-11-11");
    assert!(pre(&s).starts_with("【林一】") && pre(&s).contains("至2026年11月11日"), "{}", pre(&s));
    // A draft opens with its answers as stored: nothing is rewritten on the way in.
    set_cell(&mut s, first, "preOpinion", "");
    let reopened = FormState::from_draft(s.schema().clone(), s.to_draft(), s.today()).expect("the draft reopens");
    assert_eq!(cell(&reopened, first, "preOpinion"), "");
    // The field stays editable: it is not computed.
    assert!(!s.is_read_only(&FieldPath::in_row("applicants", first, "preOpinion")));
}

#[test]
fn the_after_review_opinion_is_the_seeds_70_character_sentence() {
    let mut s = blank();
    assert!(matches!(import(&mut s, &declaration("黄颖", "440305199203040039", "中级")), Outcome::RowAdded(_)));
    let row = rows(&s)[0];
    set(&mut s, "postStart", "2021-12-08");
    set(&mut s, "postEnd", "2021-12-29");
    // Hidden until the committee's result is 通过: nothing is written into a hidden field.
    assert_eq!(cell(&s, row, "postOpinion"), "");
    set_cell(&mut s, row, "reviewResult", "通过");
    let text = cell(&s, row, "postOpinion");
    assert_eq!(
        text,
        "【黄颖】同志评审通过信息已在单位显著位置公开张贴公示，公示期是【2021年12月08日至2021年12月29日】。公示期间，未收到举报投诉。"
    );
    assert_eq!(text.chars().count(), 70, "the seed's counter shows 70/500");
}

#[test]
fn the_materials_apply_when_their_stage_does() {
    // (what the batch holds, the materials required)
    type Step = fn(&mut FormState);
    let cases: [(&str, Step, &[&str]); 5] = [
        ("评前，两人推荐", |_| {}, &["unitPledge", "prePublicitySituation"]),
        (
            "评前，无人推荐：无需承诺书",
            |s| {
                for row in rows(s) {
                    set_cell(s, row, "preResult", "不通过");
                }
            },
            &["prePublicitySituation"],
        ),
        ("评后公示开始，尚未结束", |s| set(s, "postStart", "2026-12-07"), &["unitPledge", "prePublicitySituation"]),
        (
            "评后公示结束，有人评审通过",
            |s| {
                set(s, "postStart", "2026-12-07");
                set(s, "postEnd", "2026-12-11");
                let first = rows(s)[0];
                set_cell(s, first, "reviewResult", "通过");
            },
            &["unitPledge", "prePublicitySituation", "postPublicitySituation"],
        ),
        (
            "评后公示结束，无人通过：无需评后情况表",
            |s| {
                set(s, "postStart", "2026-12-07");
                set(s, "postEnd", "2026-12-11");
                for row in rows(s) {
                    set_cell(s, row, "reviewResult", "未通过");
                }
            },
            &["unitPledge", "prePublicitySituation"],
        ),
    ];
    for (what, step, wanted) in cases {
        let mut s = batch();
        step(&mut s);
        assert_eq!(required_materials(&s), wanted, "{what}");
    }
    let s = batch();
    let listed: Vec<_> =
        zhicheng_engine::materials::checklist(&s.evaluator()).into_iter().map(|m| m.material.id.clone()).collect();
    assert!(!listed.contains(&"postPublicitySituation".to_string()), "not offered before the 评后 period");
    for material in &s.schema().materials {
        assert_eq!(material.accept, ["pdf", "image"], "{}", material.id);
    }
}

#[test]
fn a_unit_batch_is_packaged_as_the_units() {
    let (s, _) = complete(fake_sha);
    let finished = s.finished_declaration().unwrap_or_else(|e| panic!("{}", e.message()));
    let stamp = PackageStamp {
        package_id: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
        client_version: "test".into(),
        created_at_ms: 1_795_420_800_000,
        submitted_at_ms: 1_795_420_800_000,
    };
    let manifest = PackageManifestV1::build(finished, stamp, Vec::new());
    assert_eq!(manifest.check(), Vec::new());
    assert_eq!(manifest.form_id, "sz-unit-publicity");
    assert_eq!(
        (manifest.applicant.name.as_str(), manifest.applicant.id_number.as_str()),
        ("深圳市示例科技有限公司", "91110000600037341L"),
        "the submitter of a batch is the unit"
    );
    let materials: Vec<&str> = manifest.attachments.iter().map(|f| f.material.as_str()).collect();
    assert_eq!(materials, ["unitPledge", "prePublicitySituation"]);
    let rows = manifest.answers["applicants"].as_rows();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].values["overallEvaluation"], Value::text(sz_unit::EVALUATION));
    assert!(rows[0].values["preOpinion"].display().starts_with("【林一】同志"));
    // 评后 cells are hidden before the 评后 period and never leave the browser.
    assert!(!rows[0].values.contains_key("postOpinion"));
    // An unfinished batch cannot be packaged: without the signed pledge it is refused.
    let mut unsigned = batch();
    for row in rows_of(&unsigned) {
        review(&mut unsigned, row);
    }
    let refused = unsigned.finished_declaration().unwrap_err();
    assert!(refused.missing_materials.iter().any(|m| m.contains("承诺书")), "{refused:?}");
}

fn rows_of(s: &FormState) -> Vec<u32> {
    rows(s)
}

#[test]
fn rows_reviewed_before_the_period_is_entered_get_their_opinion_from_the_dates() {
    // The e2e order: applicants first (one with the unit's own opinion), the 评前 dates after.
    let mut s = blank();
    import(&mut s, &declaration("林一", "440305199203040039", "中级"));
    import(&mut s, &declaration("王二", "11010519491231002X", "副高级"));
    let (first, second) = (rows(&s)[0], rows(&s)[1]);
    for row in [first, second] {
        review(&mut s, row);
        assert_eq!(cell_errors(&s, row, "preOpinion"), Vec::<String>::new(), "no opinion before the period");
    }
    set_cell(&mut s, first, "preOpinion", "公示期间收到反映，经核查不属实。");
    set(&mut s, "preStart", "2026-10-01");
    set(&mut s, "preEnd", "2026-10-13");
    assert_eq!(cell(&s, first, "preOpinion"), "公示期间收到反映，经核查不属实。");
    assert!(
        cell(&s, second, "preOpinion").contains("【王二】同志申报材料")
            && cell(&s, second, "preOpinion").contains("【2026年10月01日至2026年10月13日】")
    );
    // Once the period is entered the opinion is required.
    set_cell(&mut s, second, "preOpinion", "");
    assert!(!cell_errors(&s, second, "preOpinion").is_empty());
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
