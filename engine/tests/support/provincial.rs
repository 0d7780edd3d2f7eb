//! Shared by the provincial-system tests: a complete 评审申请 and a complete 初次职称考核认定申请 of
//! the Guangdong system (清远), built through commands as an applicant fills them, with a file on
//! every required material so that each can be finished and packaged.

// Each test file that includes this uses only some of the helpers.
#![allow(dead_code)]

use std::sync::Arc;

use zhicheng_engine::materials::checklist;
use zhicheng_engine::{AttachedFile, Command, Date, FieldPath, FormState, Outcome, Value};

pub fn today() -> Date {
    Date::new(2026, 11, 23).expect("a real date")
}

pub fn new_form(id: &str) -> FormState {
    FormState::new(Arc::new(zhicheng_engine::test_forms::form(id)), today())
}

pub fn set(state: &mut FormState, field: &str, text: &str) {
    let outcome = state.apply(Command::SetValue { path: FieldPath::top(field), value: Value::text(text) });
    assert_eq!(outcome, Outcome::Done, "setting {field}");
}

pub fn add_row(state: &mut FormState, group: &str, cells: &[(&str, &str)]) -> u32 {
    let Outcome::RowAdded(row) = state.apply(Command::AddRow { group: group.into() }) else { panic!("add {group}") };
    for (field, text) in cells {
        let path = FieldPath::in_row(group, row, *field);
        let outcome = state.apply(Command::SetValue { path, value: Value::text(*text) });
        assert_eq!(outcome, Outcome::Done, "{group}.{field}");
    }
    row
}

/// The parts both applicant forms share: the person, the unit, education, work, appraisals.
fn common(s: &mut FormState) {
    for (field, text) in [
        ("name", "陈清远"),
        ("idNumber", "440305199203040039"),
        ("phone", "13800138000"),
        ("ethnicity", "汉族"),
        ("politicalStatus", "群众"),
        ("workStartDate", "2015-07"),
        ("employer", "清远市示例环境科技有限公司"),
        ("hrUnit", "市直非公人事管理单位（环保专业）"),
        ("gdSpecialty", "生态环境监测"),
    ] {
        set(s, field, text);
    }
    s.apply(Command::SetValue {
        path: FieldPath::top("negatives"), value: Value::List(vec!["无上述情况".into()])
    });
    add_row(
        s,
        "education",
        &[
            ("diplomaNo", "105901201505000123"),
            ("school", "广东工业大学"),
            ("enrolDate", "2011-09-01"),
            ("gradDate", "2015-06-30"),
            ("eduLevel", "大学本科"),
            ("major", "环境工程"),
            ("studyMode", "全日制"),
            ("degree", "学士"),
            ("usedForDeclaration", "是"),
        ],
    );
    add_row(
        s,
        "work",
        &[
            ("start", "2015-07-01"),
            ("org", "清远市示例环境科技有限公司"),
            ("place", "清远"),
            ("adminPost", "无"),
            ("duties", "水质与大气环境监测、监测方案编制。"),
            ("referee", "周工"),
        ],
    );
}

/// Appraisal rows for each of `years`, all 称职.
pub fn appraisals(s: &mut FormState, years: impl IntoIterator<Item = i32>) {
    for year in years {
        let year = year.to_string();
        add_row(
            s,
            "appraisals",
            &[("year", &year), ("result", "称职（合格）"), ("issuer", "清远市示例环境科技有限公司")],
        );
    }
}

/// A project row ending on `end`.
pub fn project(s: &mut FormState, name: &str, end: &str, representative: &str) -> u32 {
    add_row(
        s,
        "projects",
        &[
            ("category", "专业技术工作项目"),
            ("name", name),
            ("projectLevel", "市厅级"),
            ("role", "主持(负责人)"),
            ("start", "2019-01-01"),
            ("end", end),
            ("status", "已完成"),
            ("representative", representative),
            ("summary", "负责监测方案设计与实施。"),
        ],
    )
}

/// A complete 普通申报 for 工程师 (中级, 生态环境监测), current title 助理工程师 by 2021年度 评审:
/// 资历 and the achievement window start on 2022-01-01. One project before the window, one since.
pub fn title_review() -> FormState {
    let mut s = new_form("gd-title-review");
    common(&mut s);
    for (field, text) in [
        ("curQualType", "职称"),
        ("curQualDate", "2022-03-10"),
        ("curQualName", "助理工程师"),
        ("curQualMethod", "评审"),
        ("curQualEvalYear", "2021"),
        ("curQualSeries", "工程系列"),
        ("curQualLevel", "助理级"),
        ("curQualIssuer", "清远市人力资源和社会保障局"),
        ("curPost", "助理工程师"),
        ("appointDate", "2022-04-01"),
        ("outOfProvince", "否"),
        ("curSpecialty", "生态环境监测"),
        ("yearsInSpecialty", "11"),
        ("level", "中级"),
    ] {
        set(&mut s, field, text);
    }
    for year in ["2022", "2023", "2024", "2025", "2026"] {
        add_row(
            &mut s,
            "ce",
            &[("year", year), ("publicHours", "30"), ("professionalHours", "42"), ("electiveHours", "18")],
        );
    }
    appraisals(&mut s, 2022..=2026);
    project(&mut s, "北江支流水质监测网建设", "2019-12-31", "否");
    project(&mut s, "清远市大气污染源解析", "2024-06-30", "是");
    s
}

/// A complete 初次职称考核认定申请 for 助理级: a 2024 本科 graduate, full-time, no title.
pub fn initial_recognition() -> FormState {
    let mut s = new_form("gd-initial-recognition");
    common(&mut s);
    for (field, text) in [
        ("workStartDate", "2024-07"),
        ("holdsTitle", "否"),
        ("relatedMajor", "是"),
        ("curSpecialty", "生态环境监测"),
        ("yearsInSpecialty", "2"),
        ("level", "助理级"),
    ] {
        set(&mut s, field, text);
    }
    let work = s.rows("work")[0].id;
    s.apply(Command::SetValue { path: FieldPath::in_row("work", work, "start"), value: Value::text("2024-07-01") });
    let education = s.rows("education")[0].id;
    for (field, text) in [("diplomaNo", "105901202405000123"), ("enrolDate", "2020-09-01"), ("gradDate", "2024-06-30")]
    {
        let path = FieldPath::in_row("education", education, field);
        s.apply(Command::SetValue { path, value: Value::text(text) });
    }
    appraisals(&mut s, 2024..=2026);
    let project = project(&mut s, "企业废水在线监测运维", "2025-12-31", "否");
    // Begun after starting work, not while still a student.
    let path = FieldPath::in_row("projects", project, "start");
    s.apply(Command::SetValue { path, value: Value::text("2024-09-01") });
    s
}

/// The same declaration with a file on every required material.
pub fn with_required_files(mut s: FormState) -> FormState {
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
        let outcome = s.apply(Command::Attach { material, file });
        assert_eq!(outcome, Outcome::Done);
    }
    s
}
