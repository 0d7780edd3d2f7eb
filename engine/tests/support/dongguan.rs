//! Shared by the Dongguan tests: complete, valid declarations of the four Dongguan forms (评审,
//! 人工智能认定, 考核认定 and the unit's 审核批次), built through commands as a person fills them.
// Each test crate that includes this file uses only some of the builders.
#![allow(dead_code)]

use std::sync::Arc;

use zhicheng_engine::materials::checklist;
use zhicheng_engine::{AttachedFile, Command, Date, FieldPath, FormSchema, FormState, Outcome, Value};

pub const TODAY: (i32, u32, u32) = (2026, 11, 23);

/// The form `id` with its parts, read from `public/forms/` as the receiver reads it (so the
/// receiver's tests can use these builders too, without the engine's `test-forms` feature).
pub fn schema(id: &str) -> Arc<FormSchema> {
    let forms = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/forms");
    let text = std::fs::read_to_string(forms.join(format!("{id}.json"))).unwrap_or_else(|e| panic!("{id}: {e}"));
    let part = |part: &str| std::fs::read_to_string(forms.join("parts").join(format!("{part}.json"))).ok();
    Arc::new(FormSchema::from_json_with_parts(&text, part).unwrap_or_else(|problems| panic!("{id}: {problems:#?}")))
}

pub fn blank(id: &str) -> FormState {
    let (y, m, d) = TODAY;
    FormState::new(schema(id), Date::new(y, m, d).unwrap())
}

pub fn set(state: &mut FormState, field: &str, text: &str) {
    let outcome = state.apply(Command::SetValue { path: FieldPath::top(field), value: Value::text(text) });
    assert_eq!(outcome, Outcome::Done, "setting {field}");
}

pub fn set_list(state: &mut FormState, field: &str, items: &[&str]) {
    let value = Value::List(items.iter().map(|i| i.to_string()).collect());
    assert_eq!(state.apply(Command::SetValue { path: FieldPath::top(field), value }), Outcome::Done, "{field}");
}

pub fn set_cell(state: &mut FormState, group: &str, row: u32, field: &str, text: &str) {
    let path = FieldPath::in_row(group, row, field);
    assert_eq!(state.apply(Command::SetValue { path, value: Value::text(text) }), Outcome::Done, "{group}.{field}");
}

pub fn add_row(state: &mut FormState, group: &str, cells: &[(&str, &str)]) -> u32 {
    let Outcome::RowAdded(row) = state.apply(Command::AddRow { group: group.into() }) else { panic!("add {group}") };
    for (field, text) in cells {
        set_cell(state, group, row, field, text);
    }
    row
}

/// Every error of the report, one line each, for assertion messages.
pub fn errors(s: &FormState) -> Vec<String> {
    s.report().errors().map(|v| format!("{} {} {}", v.path, v.code, v.message)).collect()
}

/// The ids of the materials the answers require.
pub fn required_materials(s: &FormState) -> Vec<String> {
    checklist(&s.evaluator()).into_iter().filter(|m| m.required).map(|m| m.material.id.clone()).collect()
}

/// The ids of the materials that apply at all (required or optional).
pub fn applicable_materials(s: &FormState) -> Vec<String> {
    checklist(&s.evaluator()).into_iter().map(|m| m.material.id.clone()).collect()
}

/// One PDF on every required material, so the declaration can be finished.
pub fn attach_required(s: &mut FormState) {
    for (number, material) in required_materials(s).into_iter().enumerate() {
        let file = AttachedFile {
            sha256: format!("{number:x}").repeat(64)[..64].to_string(),
            name: format!("{material}.pdf"),
            media_type: "application/pdf".into(),
            size: 1000,
            pages: Some(2),
        };
        assert_eq!(s.apply(Command::Attach { material, file }), Outcome::Done);
    }
}

/// `n` characters of text, as a long answer of exactly that length.
pub fn chars(n: usize) -> String {
    "技".repeat(n)
}

fn person(s: &mut FormState) {
    for (field, text) in [
        ("name", "陈东莞"),
        ("idNumber", "440305199203040039"),
        ("phone", "13800138000"),
        ("hukou", "广东省东莞市"),
        ("ethnicity", "汉族"),
        ("politicalStatus", "群众"),
        ("workStartDate", "2014-07"),
        ("employer", "东莞市示例智能科技有限公司"),
        ("insuredEmployer", "东莞市示例智能科技有限公司"),
    ] {
        set(s, field, text);
    }
}

fn education(s: &mut FormState) {
    add_row(
        s,
        "education",
        &[
            ("diplomaNo", "105901201405000123"),
            ("school", "东莞理工学院"),
            ("enrolDate", "2010-09-01"),
            ("gradDate", "2014-06-30"),
            ("eduLevel", "大学本科"),
            ("major", "电子信息工程"),
            ("studyMode", "全日制"),
            ("degree", "学士"),
            ("usedForDeclaration", "是"),
        ],
    );
}

fn work(s: &mut FormState) {
    add_row(
        s,
        "work",
        &[
            ("start", "2014-07-01"),
            ("org", "东莞市示例智能科技有限公司"),
            ("place", "东莞"),
            ("adminPost", "无"),
            ("duties", "嵌入式系统与机器视觉研发。"),
            ("referee", "王工"),
        ],
    );
}

/// A complete, valid 评审 declaration for 工程师 (中级, above 初级), before any attachment.
pub fn title_review() -> FormState {
    let mut s = blank("dg-title-review");
    for (field, text) in [
        ("level", "中级"),
        ("series", "工程系列"),
        ("titleName", "工程师"),
        ("specialty", "电子信息"),
        ("liaisonPoint", "东莞市电力行业协会"),
    ] {
        set(&mut s, field, text);
    }
    person(&mut s);
    for (field, text) in [
        ("declaringUnit", "东莞市示例智能科技有限公司"),
        ("curQualType", "职称"),
        ("curQualDate", "2020-03-15"),
        ("curQualName", "助理工程师"),
        ("curQualMethod", "评审"),
        ("curQualEvalYear", "2019"),
        ("curQualSeries", "工程系列"),
        ("curQualLevel", "助理级"),
        ("curQualIssuer", "东莞市人力资源局"),
        ("curPost", "助理工程师"),
        ("appointDate", "2020-04-01"),
        ("outOfProvince", "否"),
        ("curSpecialty", "电子信息"),
        ("yearsInSpecialty", "12"),
        ("workSummary", "2014年起在东莞市示例智能科技有限公司从事嵌入式系统研发。"),
        ("supervision", "指导本单位3名助理工程师完成机器视觉方向进修。"),
        ("practiceAbility", "主持产线视觉检测系统研发，获现资格以来完成项目4项。"),
    ] {
        set(&mut s, field, text);
    }
    set_list(&mut s, "negatives", &["无上述情况"]);
    education(&mut s);
    work(&mut s);
    for year in ["2023", "2024", "2025"] {
        add_row(
            &mut s,
            "ce",
            &[("year", year), ("publicHours", "30"), ("professionalHours", "42"), ("electiveHours", "18")],
        );
        add_row(&mut s, "appraisals", &[("year", year), ("result", "称职（合格）")]);
    }
    add_row(
        &mut s,
        "projects",
        &[
            ("category", "专业技术工作项目"),
            ("name", "产线视觉检测系统"),
            ("projectLevel", "市厅级"),
            ("role", "主持(负责人)"),
            ("start", "2021-03-01"),
            ("end", "2022-12-31"),
            ("status", "已完成"),
            ("representative", "是"),
            ("summary", "主持产线视觉检测系统研发。"),
        ],
    );
    s
}

/// A complete, valid 人工智能认定 declaration, before any attachment.
pub fn ai_recognition() -> FormState {
    let mut s = blank("dg-ai-recognition");
    set(&mut s, "committee", "东莞市工程系列人工智能专业副高级职称评审委员会");
    person(&mut s);
    education(&mut s);
    work(&mut s);
    set(&mut s, "workReport", &chars(1600));
    s
}

/// A complete, valid 考核认定 declaration for 助理工程师, before any attachment.
pub fn assessment() -> FormState {
    let mut s = blank("dg-assessment");
    for (field, text) in [
        ("series", "工程系列"),
        ("level", "助理级"),
        ("titleName", "助理工程师"),
        ("specialty", "电子信息"),
        ("liaisonPoint", "东莞市电力行业协会"),
    ] {
        set(&mut s, field, text);
    }
    person(&mut s);
    set(&mut s, "declaringUnit", "东莞市示例智能科技有限公司");
    education(&mut s);
    work(&mut s);
    set(&mut s, "workReport", &chars(1800));
    s
}

/// A unit batch with the unit's details and a 公示 of exactly five working days, no applicant yet.
pub fn unit_batch() -> FormState {
    let mut s = blank("dg-unit-review");
    for (field, text) in [
        ("unitName", "东莞市示例智能科技有限公司"),
        ("unitCreditCode", "91110000600037341L"),
        ("unitLeader", "黄负责"),
        ("publicityYear", "2026"),
        ("contactPerson", "陈经办"),
        ("contactPhone", "0769-22836690"),
        ("postcode", "523000"),
        ("address", "东莞市南城街道示例路1号"),
    ] {
        set(&mut s, field, text);
    }
    s
}

/// Records the 公示 of a batch: five working days, all three Dongguan ways, where and what.
pub fn record_publicity(s: &mut FormState) {
    for (field, text) in [
        ("publicityStart", "2026-11-02"),
        ("publicityEnd", "2026-11-06"),
        ("noticeBoardPlace", "单位一楼大堂公告栏"),
        ("websiteUrl", "https://www.example.com.cn/gsgg/2026/"),
        ("displayPlace", "单位三楼会议室"),
    ] {
        set(s, field, text);
    }
    set_list(
        s,
        "publicityMethods",
        &["张榜公示（单位公告栏等显著位置）", "单位网站首页公示", "在单位会议室等公共场所放置申报材料以供查验"],
    );
    set_list(s, "displayedMaterials", &["学历学位证书", "职称证书", "继续教育证书", "业绩成果材料", "工作总结"]);
}

/// Imports a declaration as a row of the unit's applicants, as the unit's import picker does,
/// and gives the unit's opinion and result; returns the row.
pub fn import_applicant(unit: &mut FormState, declaration: &FormState, result: &str) -> u32 {
    let import = unit.schema().field("applicants").and_then(|g| g.import.clone()).expect("applicants import");
    assert_eq!(declaration.existing_import_row(&import, unit.rows("applicants")), None, "imported once");
    let values = declaration.row_import_values(&import);
    let Outcome::RowAdded(row) = unit.apply(Command::AddRowWith { group: "applicants".into(), values }) else {
        panic!("import")
    };
    set_cell(
        unit,
        "applicants",
        row,
        "unitOpinion",
        "经审核，申报人符合申报条件，材料真实，继续教育已完成，无负面情况。",
    );
    set_cell(unit, "applicants", row, "reviewResult", result);
    row
}
