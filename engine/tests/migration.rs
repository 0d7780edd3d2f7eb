//! Drafts saved with older schema versions are carried to the current one by the schema's
//! declared steps (rename, move, split, default), and nothing unknown is ever dropped.

use std::sync::Arc;

use zhicheng_engine::migrate::{upgrade, UpgradeError};
use zhicheng_engine::{Answers, Date, DraftV1, FormSchema, FormState, Row, SetAside, Value};

/// Version 3 of a small form. Version 1 had `fullName`, `period` ("start~end") and a single
/// `school`; version 2 renamed `fullName` to `name`, split `period`, and moved `school` into the
/// first row of `education`; version 3 added `nationality` (default 中国) and renamed the rows'
/// `major` to `specialty`.
const SCHEMA: &str = r#"{
  "id": "mini", "version": 3, "title": "小表",
  "steps": [{ "id": "s", "title": "步", "sections": [{ "id": "a", "title": "节", "fields": [
    { "id": "name", "label": "姓名", "kind": "text" },
    { "id": "nationality", "label": "国籍", "kind": "text" },
    { "id": "start", "label": "开始", "kind": "text" },
    { "id": "end", "label": "结束", "kind": "text" },
    { "id": "education", "label": "教育经历", "kind": "group", "fields": [
      { "id": "school", "label": "学校", "kind": "text" },
      { "id": "specialty", "label": "专业", "kind": "text" } ] } ] }] }],
  "migrations": [
    { "from": 1, "steps": [
      { "rename": { "from": "fullName", "to": "name" } },
      { "split": { "from": "period", "separator": "~", "into": ["start", "end"] } },
      { "move": { "from": "school", "to": "education.school" } } ] },
    { "from": 2, "steps": [
      { "default": { "field": "nationality", "value": "中国" } },
      { "rename": { "group": "education", "from": "major", "to": "specialty" } } ] } ]
}"#;

fn schema() -> FormSchema {
    FormSchema::from_json(SCHEMA).expect("the test schema loads")
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn draft(version: u32, answers: Answers) -> DraftV1 {
    let mut draft = FormState::new(Arc::new(schema()), Date::new(2026, 1, 1).unwrap()).to_draft();
    draft.schema_version = version;
    draft.answers = answers;
    draft
}

fn answers(pairs: &[(&str, Value)]) -> Answers {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

fn rows(cells: &[&[(&str, &str)]]) -> Value {
    Value::Rows(
        cells
            .iter()
            .enumerate()
            .map(|(i, row)| Row {
                id: i as u32 + 1,
                values: row.iter().map(|(k, v)| (k.to_string(), text(v))).collect(),
            })
            .collect(),
    )
}

#[test]
fn each_declared_step_is_applied_in_version_order() {
    // (version saved, answers saved, answers expected at version 3)
    let cases: Vec<(u32, Answers, Answers)> = vec![
        (
            1,
            answers(&[("fullName", text("张三")), ("period", text("2015-07 ~ 2018-06")), ("school", text("中山大学"))]),
            answers(&[
                ("name", text("张三")),
                ("start", text("2015-07")),
                ("end", text("2018-06")),
                ("education", rows(&[&[("school", "中山大学")]])),
                ("nationality", text("中国")),
            ]),
        ),
        (
            2,
            answers(&[
                ("name", text("李四")),
                ("nationality", text("美国")),
                ("education", rows(&[&[("major", "机械")], &[("major", "电子")]])),
            ]),
            answers(&[
                ("name", text("李四")),
                ("nationality", text("美国")),
                ("education", rows(&[&[("specialty", "机械")], &[("specialty", "电子")]])),
            ]),
        ),
        (3, answers(&[("name", text("王五"))]), answers(&[("name", text("王五"))])),
    ];
    for (version, saved, expected) in cases {
        let upgraded = upgrade(&schema(), draft(version, saved)).expect("upgrades");
        assert_eq!(upgraded.answers, expected, "from version {version}");
        assert_eq!(upgraded.schema_version, 3);
        assert!(upgraded.set_aside.is_empty(), "from version {version}: {:?}", upgraded.set_aside);
    }
}

#[test]
fn answers_with_no_field_are_set_aside_never_dropped() {
    let saved = answers(&[
        ("name", text("张三")),
        ("hobby", text("书法")),
        ("period", text("2015-07")), // no separator: cannot be split, so kept whole
        ("education", rows(&[&[("school", "中山大学"), ("advisor", "陈教授")]])),
    ]);
    let upgraded = upgrade(&schema(), draft(1, saved)).unwrap();
    let expected = vec![
        SetAside { field: "hobby".into(), group: None, row: None, value: text("书法"), from_version: 1 },
        SetAside { field: "period".into(), group: None, row: None, value: text("2015-07"), from_version: 1 },
        SetAside {
            field: "advisor".into(),
            group: Some("education".into()),
            row: Some(1),
            value: text("陈教授"),
            from_version: 1,
        },
    ];
    assert_eq!(upgraded.set_aside, expected);
    assert_eq!(upgraded.answers.get("name"), Some(&text("张三")));
}

#[test]
fn set_aside_answers_survive_saving_and_restoring() {
    let saved = answers(&[("name", text("张三")), ("hobby", text("书法"))]);
    let state = FormState::from_draft(Arc::new(schema()), draft(1, saved), Date::new(2026, 1, 1).unwrap()).unwrap();
    assert_eq!(state.set_aside().len(), 1);
    let again = FormState::from_draft(Arc::new(schema()), state.to_draft(), Date::new(2026, 1, 1).unwrap()).unwrap();
    assert_eq!(again.set_aside(), state.set_aside());
}

#[test]
fn no_step_overwrites_an_answer_already_in_its_target() {
    // (answers saved at version 1, what must end up set aside)
    let cases: Vec<(Answers, &[&str])> = vec![
        (answers(&[("fullName", text("旧名")), ("name", text("新名"))]), &["fullName"]),
        (answers(&[("period", text("2015~2018")), ("start", text("2014"))]), &["period"]),
        (answers(&[("school", text("甲校")), ("education", rows(&[&[("school", "乙校")]]))]), &["school"]),
    ];
    for (saved, expected) in cases {
        let before = saved.clone();
        let upgraded = upgrade(&schema(), draft(1, saved)).unwrap();
        let kept: Vec<&str> = upgraded.set_aside.iter().map(|s| s.field.as_str()).collect();
        assert_eq!(kept, expected, "{before:?}");
        for (field, value) in &before {
            let still_there = upgraded.answers.get(field) == Some(value)
                || upgraded.set_aside.iter().any(|s| &s.field == field && &s.value == value);
            assert!(still_there, "{field} was lost from {before:?}");
        }
    }
}

#[test]
fn answers_whose_shape_no_longer_fits_their_field_are_set_aside() {
    let saved = answers(&[("name", rows(&[&[("first", "张")]])), ("education", text("中山大学"))]);
    let upgraded = upgrade(&schema(), draft(2, saved.clone())).unwrap();
    assert!(
        !upgraded.answers.contains_key("name") && !upgraded.answers.contains_key("education"),
        "{:?}",
        upgraded.answers
    );
    let kept: Vec<(&str, &Value)> = upgraded.set_aside.iter().map(|s| (s.field.as_str(), &s.value)).collect();
    assert_eq!(kept, vec![("education", &saved["education"]), ("name", &saved["name"])]);
}

#[test]
fn a_draft_from_a_newer_schema_is_refused_with_a_reason() {
    let error = upgrade(&schema(), draft(4, Answers::new())).unwrap_err();
    assert_eq!(error, UpgradeError::NewerSchema { draft: 4, current: 3 });
    let message = error.to_string();
    assert!(message.contains("第 4 版") && message.contains("第 3 版"), "{message}");
}

#[test]
fn migrations_for_the_current_or_a_repeated_version_are_schema_errors() {
    let bad = SCHEMA.replace(r#"{ "from": 2,"#, r#"{ "from": 1,"#);
    let diagnostics = FormSchema::from_json(&bad).unwrap_err();
    assert!(diagnostics.iter().any(|d| d.to_string().contains("重复")), "{diagnostics:?}");
    let bad = SCHEMA.replace(r#"{ "from": 2,"#, r#"{ "from": 3,"#);
    let diagnostics = FormSchema::from_json(&bad).unwrap_err();
    assert!(diagnostics.iter().any(|d| d.to_string().contains("早于当前版本")), "{diagnostics:?}");
    for into in [r#"[]"#, r#"["start", "start"]"#, r#"["period", "end"]"#] {
        let bad = SCHEMA.replace(r#""into": ["start", "end"]"#, &format!(r#""into": {into}"#));
        let diagnostics = FormSchema::from_json(&bad).unwrap_err();
        assert!(diagnostics.iter().any(|d| d.to_string().contains("拆分「period」")), "{into}: {diagnostics:?}");
    }
}
