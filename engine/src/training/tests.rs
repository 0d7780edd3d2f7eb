//! Personas, scripts and tips refused or taken, and the score as the trainee fixes a mistake, on
//! the real Shenzhen form.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::json;

use super::*;
use crate::test_forms;
use crate::{Command, Date, FieldPath, FormState, Value};

/// A persona file with `changes` merged over a small valid one: a wrong check digit planted.
fn persona_text(changes: serde_json::Value) -> String {
    let mut persona = json!({
        "format": "zhicheng.persona", "format_version": 1, "id": "p1", "name": "测试角色",
        "summary": "普通申报的工程师。", "system": "sz", "business": "ordinary",
        "answers": {"name": "王五", "idType": "居民身份证", "idNumber": "440305198803150013",
                    "papers": [{"title": "论文一"}]},
        "planted": [{"id": "check-digit", "title": "校验位错误", "hint": "末位应为 8。", "field": "idNumber"}],
        "script": [{"stage": "unit-review", "outcome": "returned", "opinion": "请补充论文。"},
                   {"resubmitted": true}, {"stage": "unit-review", "outcome": "passed"}]
    });
    for (key, value) in changes.as_object().unwrap() {
        persona[key] = value.clone();
    }
    persona.to_string()
}

fn prepared(text: &str) -> Result<Prepared, Vec<String>> {
    let persona = Persona::from_json(text).map_err(|d| d.into_iter().map(|d| d.message).collect::<Vec<_>>())?;
    let schema = test_forms::form("sz-title-review");
    let preset = BTreeMap::from([("declarationType".to_string(), "普通申报".to_string())]);
    persona.prepare(&schema, &preset).map_err(|d| d.into_iter().map(|d| d.message).collect())
}

#[test]
fn files_that_are_refused_say_why() {
    let cases = [
        (json!({"format": "zhicheng.draft"}), "format 须为"),
        (json!({"id": "P 1"}), "id 须由"),
        (json!({"name": ""}), "name 须填写"),
        (json!({"answers": {"noSuchField": "x"}}), "没有这个字段"),
        (json!({"answers": {"papers": ["not a row"]}}), "每一行须是一个对象"),
        (json!({"answers": {"papers": [{"noSuchColumn": "x"}]}}), "没有字段「noSuchColumn」"),
        (json!({"answers": {"name": 3}}), "数字也写成文字"),
        (json!({"planted": [{"id": "x", "title": "t", "hint": "h", "field": "nope"}]}), "没有字段「nope」"),
        (
            json!({"planted": [{"id": "x", "title": "t", "hint": "h", "group": "papers", "row": 3, "field": "title"}]}),
            "只有 1 行",
        ),
        (json!({"planted": [{"id": "x", "title": "t", "hint": "h", "material": "nope"}]}), "没有材料"),
        (json!({"planted": [{"id": "x", "title": "t", "hint": "h"}]}), "须写 field"),
        (json!({"script": [{"stage": "nope"}]}), "status_path"),
        (json!({"script": [{"stage": "unit-review", "outcome": "returned"}]}), "须写 opinion"),
        (json!({"script": [{"stage": "unit-review", "outcome": "maybe"}]}), "没有这个 outcome"),
    ];
    for (changes, expected) in cases {
        let problems = prepared(&persona_text(changes.clone())).expect_err(&changes.to_string());
        assert!(problems.iter().any(|p| p.contains(expected)), "{changes}: {problems:?}");
    }
    let huge = "x".repeat(MAX_PERSONA_BYTES + 1);
    assert!(Persona::from_json(&huge).is_err());
}

#[test]
fn a_persona_becomes_a_draft_with_numbered_rows_and_its_script() {
    let prepared = prepared(&persona_text(json!({}))).unwrap();
    assert_eq!(prepared.draft.answers["declarationType"], Value::text("普通申报"), "the business's preset");
    assert_eq!(prepared.draft.answers["papers"].as_rows()[0].id, 1);
    assert!(prepared.draft.revealed_steps.is_empty(), "the trainee finds the mistakes step by step");
    assert_eq!(prepared.script.for_package(0).len(), 1);
    assert!(prepared.script.for_package(0)[0].returns);
    assert_eq!(prepared.script.for_package(1)[0].outcome.as_deref(), Some("passed"));
    assert_eq!(prepared.script.for_package(2), prepared.script.for_package(1), "every later package");
}

#[test]
fn the_score_follows_the_trainee_fixing_a_planted_mistake() {
    let text = persona_text(json!({}));
    let persona = Persona::from_json(&text).unwrap();
    let schema = Arc::new(test_forms::form("sz-title-review"));
    let draft = prepared(&text).unwrap().draft;
    let mut state = FormState::from_draft(schema, draft, Date::new(2026, 12, 1).unwrap()).unwrap();
    assert!(persona.unreported(&state).is_empty());
    let before = score(&persona.planted, &state);
    assert_eq!((before.found.len(), before.remaining.len()), (0, 1));
    state.apply(Command::SetValue { path: FieldPath::top("idNumber"), value: Value::text("440305198803150018") });
    let after = score(&persona.planted, &state);
    assert_eq!((after.found.len(), after.remaining.len()), (1, 0));
    assert_eq!(persona.unreported(&state).len(), 1, "a fixed draft no longer shows it");
}

#[test]
fn tips_must_name_steps_and_fields_of_their_form() {
    let schema = test_forms::form("sz-title-review");
    let file = |tip: serde_json::Value| {
        json!({"format": "zhicheng.tips", "format_version": 1, "form": "sz-title-review", "tips": [tip]}).to_string()
    };
    let good = json!({"id": "id", "step": "basic", "field": "idNumber", "title": "证件号码", "text": "核对校验位。"});
    let tips = Tips::from_json(&file(good), &schema).unwrap();
    assert_eq!(tips.of_step("basic").count(), 1);
    let cases = [
        (json!({"id": "a", "step": "nope", "title": "t", "text": "x"}), "没有步骤"),
        (json!({"id": "a", "step": "pledge", "field": "idNumber", "title": "t", "text": "x"}), "没有字段"),
        (json!({"id": "A B", "step": "basic", "title": "t", "text": "x"}), "id 须由"),
        (json!({"id": "a", "step": "basic", "title": "t", "text": ""}), "text 须填写"),
    ];
    for (tip, expected) in cases {
        let problems = Tips::from_json(&file(tip.clone()), &schema).unwrap_err();
        assert!(problems.iter().any(|p| p.message.contains(expected)), "{tip}: {problems:?}");
    }
}
