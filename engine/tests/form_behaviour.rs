//! Behaviour of the engine on a small schema: relevance, requiredness, cascades, repeat rows,
//! computed values, commands, navigation and drafts.

use std::sync::Arc;

use zhicheng_engine::{
    Command, Date, DraftV1, FieldPath, FormSchema, FormState, Outcome, Position, RestoreError, Value,
};

const SCHEMA: &str = r#"{
 "id": "t", "version": 1, "title": "T",
 "options": {"nat": ["中国", "美国"], "yn": ["是", "否"], "lv": ["A", "B"],
             "sub": [{"value": "a1", "tags": {"lv": "A"}}, {"value": "b1", "tags": {"lv": "B"}}]},
 "steps": [
  {"id": "gate", "title": "G", "gate": true, "sections": [{"id": "g", "title": "g", "fields": [
     {"id": "ok", "label": "同意", "kind": "checkbox", "required": true}]}]},
  {"id": "one", "title": "One", "sections": [{"id": "s1", "title": "s1", "fields": [
     {"id": "nat", "label": "国籍", "kind": "select", "options": "nat", "required": true},
     {"id": "eth", "label": "民族", "kind": "text", "required": true, "visible_if": {"equals": {"field": "nat", "value": "中国"}}},
     {"id": "lv", "label": "级别", "kind": "select", "options": "lv"},
     {"id": "sub", "label": "名称", "kind": "select", "options": {"set": "sub", "filter": {"lv": "lv"}}},
     {"id": "note", "label": "说明", "kind": "textarea", "max_chars": 5},
     {"id": "qa", "label": "QA", "kind": "text", "required_if": {"any_filled": ["qa", "qb"]}},
     {"id": "qb", "label": "QB", "kind": "text", "required_if": {"any_filled": ["qa", "qb"]}},
     {"id": "rows", "label": "条目", "kind": "group", "required": true, "fields": [
        {"id": "kind", "label": "类型", "kind": "select", "options": "yn", "required": true},
        {"id": "detail", "label": "详情", "kind": "text", "required": true, "visible_if": {"equals": {"field": "kind", "value": "是"}}},
        {"id": "a", "label": "A", "kind": "decimal"},
        {"id": "b", "label": "B", "kind": "decimal"},
        {"id": "sum", "label": "合计", "kind": "decimal", "compute": {"sum": ["a", "b"]}}]}]}]},
  {"id": "two", "title": "Two", "sections": [{"id": "s2", "title": "s2", "fields": [
     {"id": "x", "label": "X", "kind": "integer", "min": 0, "max": 10}]}]}
 ]}"#;

fn today() -> Date {
    Date::new(2026, 11, 23).unwrap()
}

fn form() -> FormState {
    FormState::new(Arc::new(FormSchema::from_json(SCHEMA).expect("test schema loads")), today())
}

fn set(state: &mut FormState, path: FieldPath, text: &str) {
    assert_eq!(state.apply(Command::SetValue { path, value: Value::text(text) }), Outcome::Done);
}

fn codes_at(state: &FormState, path: &FieldPath) -> Vec<String> {
    state.report().for_path(path).map(|v| v.code.to_string()).collect()
}

fn top(id: &str) -> FieldPath {
    FieldPath::top(id)
}

#[test]
fn required_applies_to_blank_values_and_hidden_fields_are_never_invalid() {
    // (国籍, 民族, expected codes on 民族)
    let cases = [("中国", "", vec!["REQUIRED"]), ("中国", "汉族", vec![]), ("美国", "", vec![]), ("", "", vec![])];
    for (nat, eth, expected) in cases {
        let mut state = form();
        set(&mut state, top("nat"), nat);
        set(&mut state, top("eth"), eth);
        assert_eq!(codes_at(&state, &top("eth")), expected, "国籍 {nat:?}, 民族 {eth:?}");
    }
}

#[test]
fn hidden_answers_are_kept_but_never_submitted() {
    let mut state = form();
    set(&mut state, top("nat"), "中国");
    set(&mut state, top("eth"), "汉族");
    assert!(state.submission_answers().contains_key("eth"));
    set(&mut state, top("nat"), "美国");
    assert!(!state.submission_answers().contains_key("eth"), "hidden fields are not submitted");
    assert_eq!(state.text(&top("eth")), "汉族", "the answer is kept in case the field comes back");
}

#[test]
fn cascades_offer_only_matching_options() {
    let cases = [("A", "a1", true), ("B", "a1", false), ("B", "b1", true), ("", "a1", false)];
    for (level, choice, ok) in cases {
        let mut state = form();
        set(&mut state, top("lv"), level);
        set(&mut state, top("sub"), choice);
        assert_eq!(codes_at(&state, &top("sub")).is_empty(), ok, "级别 {level:?}, 名称 {choice:?}");
    }
}

#[test]
fn all_or_none_fields_become_required_together() {
    let cases = [("", "", false, false), ("x", "", false, true), ("", "y", true, false), ("x", "y", false, false)];
    for (a, b, a_missing, b_missing) in cases {
        let mut state = form();
        set(&mut state, top("qa"), a);
        set(&mut state, top("qb"), b);
        assert_eq!(codes_at(&state, &top("qa")) == ["REQUIRED"], a_missing, "qa={a:?} qb={b:?}");
        assert_eq!(codes_at(&state, &top("qb")) == ["REQUIRED"], b_missing, "qa={a:?} qb={b:?}");
    }
}

#[test]
fn character_limits_count_code_points() {
    let cases = [
        ("一二三四五", true),
        ("一二三四五六", false),
        ("abcde", true),
        ("  一二三四五  ", true),
        ("😀😀😀😀😀", true),
    ];
    for (text, ok) in cases {
        let mut state = form();
        set(&mut state, top("note"), text);
        assert_eq!(codes_at(&state, &top("note")).is_empty(), ok, "{text:?}");
    }
}

#[test]
fn conditions_inside_a_row_read_that_row_and_sums_are_computed() {
    let mut state = form();
    let Outcome::RowAdded(first) = state.apply(Command::AddRow { group: "rows".into() }) else { panic!("row added") };
    let Outcome::RowAdded(second) = state.apply(Command::AddRow { group: "rows".into() }) else { panic!("row added") };
    assert_ne!(first, second);
    let cell = |row, field: &str| FieldPath::in_row("rows", row, field);
    set(&mut state, cell(first, "kind"), "是");
    set(&mut state, cell(second, "kind"), "否");
    assert_eq!(codes_at(&state, &cell(first, "detail")), ["REQUIRED"], "shown and required in the 是 row");
    assert!(codes_at(&state, &cell(second, "detail")).is_empty(), "hidden in the 否 row");
    assert!(!state.is_visible(&cell(second, "detail")));

    set(&mut state, cell(first, "a"), "30");
    set(&mut state, cell(first, "b"), "12.5");
    assert_eq!(state.text(&cell(first, "sum")), "42.5");
    assert_eq!(state.text(&cell(second, "sum")), "", "nothing to add up yet");
    let refused = state.apply(Command::SetValue { path: cell(first, "sum"), value: Value::text("1") });
    assert!(matches!(refused, Outcome::Refused(_)), "computed values are read-only");
}

#[test]
fn rows_move_and_removing_one_forgets_it() {
    let mut state = form();
    let ids: Vec<_> = (0..3)
        .map(|_| match state.apply(Command::AddRow { group: "rows".into() }) {
            Outcome::RowAdded(id) => id,
            other => panic!("{other:?}"),
        })
        .collect();
    let order = |s: &FormState| s.rows("rows").iter().map(|r| r.id).collect::<Vec<_>>();
    state.apply(Command::MoveRow { group: "rows".into(), row: ids[2], offset: -1 });
    assert_eq!(order(&state), [ids[0], ids[2], ids[1]]);
    state.apply(Command::MoveRow { group: "rows".into(), row: ids[0], offset: -5 });
    assert_eq!(order(&state), [ids[0], ids[2], ids[1]], "moves stop at the ends");
    let path = FieldPath::in_row("rows", ids[1], "kind");
    state.apply(Command::Touch(path.clone()));
    state.apply(Command::RemoveRow { group: "rows".into(), row: ids[1] });
    assert_eq!(order(&state), [ids[0], ids[2]]);
    assert!(!state.is_touched(&path));
    let late = state.apply(Command::SetValue { path, value: Value::text("是") });
    assert!(matches!(late, Outcome::Refused(_)));
}

#[test]
fn messages_show_only_after_the_field_is_left_or_the_step_revealed() {
    let mut state = form();
    state.apply(Command::SetValue { path: top("ok"), value: Value::Bool(true) });
    state.apply(Command::Next);
    let nat = top("nat");
    assert_eq!(state.shown_for(&nat).count(), 0, "untouched: nothing shown yet");
    state.apply(Command::Touch(nat.clone()));
    assert_eq!(state.shown_for(&nat).count(), 1);
    assert_eq!(state.shown_for(&top("eth")).count(), 0);
    state.apply(Command::Next);
    assert!(state.shown_in_step(1).len() >= 2, "下一步 reveals the whole step");
}

#[test]
fn the_gate_blocks_every_way_forward_until_accepted() {
    let mut state = form();
    assert_eq!(state.apply(Command::Next), Outcome::Blocked { errors: 1 });
    assert_eq!(state.apply(Command::GoTo(Position::Step(2))), Outcome::Blocked { errors: 1 });
    assert_eq!(state.apply(Command::GoTo(Position::Review)), Outcome::Blocked { errors: 1 });
    assert_eq!(state.position(), Position::Step(0));
    state.apply(Command::SetValue { path: top("ok"), value: Value::Bool(true) });
    assert_eq!(state.apply(Command::Next), Outcome::Done);
    assert_eq!(state.position(), Position::Step(1));
}

#[test]
fn next_refuses_a_step_with_errors_but_jumps_are_free_and_finish_needs_a_clean_form() {
    let mut state = form();
    state.apply(Command::SetValue { path: top("ok"), value: Value::Bool(true) });
    state.apply(Command::Next);
    assert!(matches!(state.apply(Command::Next), Outcome::Blocked { .. }));
    assert_eq!(state.position(), Position::Step(1));
    assert_eq!(state.apply(Command::GoTo(Position::Step(2))), Outcome::Done);
    assert_eq!(state.apply(Command::Previous), Outcome::Done);
    assert_eq!(state.position(), Position::Step(1));
    assert_eq!(state.apply(Command::GoTo(Position::Review)), Outcome::Done);
    assert!(matches!(state.apply(Command::Finish), Outcome::Blocked { .. }));
    assert!(!state.is_finished());

    set(&mut state, top("nat"), "美国");
    let Outcome::RowAdded(row) = state.apply(Command::AddRow { group: "rows".into() }) else { panic!() };
    set(&mut state, FieldPath::in_row("rows", row, "kind"), "否");
    assert_eq!(state.apply(Command::Finish), Outcome::Done);
    assert!(state.is_finished());
    set(&mut state, top("x"), "11");
    assert!(!state.is_finished(), "any change reopens a finished form");
    assert_eq!(codes_at(&state, &top("x")), ["RANGE"]);
}

#[test]
fn drafts_restore_the_exact_state_and_refuse_strangers() {
    let mut state = form();
    state.apply(Command::SetValue { path: top("ok"), value: Value::Bool(true) });
    state.apply(Command::Next);
    set(&mut state, top("nat"), "中国");
    let Outcome::RowAdded(row) = state.apply(Command::AddRow { group: "rows".into() }) else { panic!() };
    set(&mut state, FieldPath::in_row("rows", row, "a"), "8");
    state.apply(Command::Touch(top("eth")));

    let json = serde_json::to_string(&state.to_draft()).unwrap();
    let draft = DraftV1::from_json(&json).expect("draft reads back");
    let restored = FormState::from_draft(state.schema().clone(), draft.clone(), today()).unwrap();
    assert_eq!(restored.answers(), state.answers());
    assert_eq!(restored.position(), Position::Step(1));
    assert!(restored.is_touched(&top("eth")));
    assert_eq!(restored.report(), state.report());
    let mut restored = restored;
    let Outcome::RowAdded(next_row) = restored.apply(Command::AddRow { group: "rows".into() }) else { panic!() };
    assert!(next_row > row, "row ids are never reused");

    let mut stranger = draft;
    stranger.form_id = "other".into();
    let refused = FormState::from_draft(state.schema().clone(), stranger, today()).unwrap_err();
    assert_eq!(refused, RestoreError::OtherForm { draft: "other".into(), form: state.schema().id.clone() });
    assert_eq!(refused.to_string(), format!("草稿属于表单「other」，不是「{}」。", state.schema().id));
    for (text, why) in [
        ("not json", "JSON"),
        (r#"{"format":"x"}"#, "不是本系统"),
        (r#"{"format":"zhicheng.draft","format_version":9}"#, "版本 9"),
        (r#"{"format":"zhicheng.draft","format_version":1}"#, "不完整"),
    ] {
        let err = DraftV1::from_json(text).expect_err(text).to_string();
        assert!(err.contains(why), "{text}: {err}");
    }
}

#[test]
fn a_computed_field_waiting_for_its_source_reports_nothing_itself() {
    let schema = r#"{"id":"c","version":1,"title":"c","options":{"t":["居民身份证","护照"],"g":["男","女"]},
      "steps":[{"id":"s","title":"s","sections":[{"id":"a","title":"a","fields":[
        {"id":"idType","label":"证件类型","kind":"select","options":"t","required":true},
        {"id":"id","label":"证件号码","kind":"text","required":true},
        {"id":"gender","label":"性别","kind":"select","options":"g","required":true,
         "compute":{"gender_from_id":{"id":"id","id_type":"idType"}}}]}]}]}"#;
    let mut state = FormState::new(Arc::new(FormSchema::from_json(schema).unwrap()), today());
    // (证件类型, 证件号码, 性别 typed, expected codes on 性别, expected value)
    let cases = [
        ("居民身份证", "", "", vec![], ""),
        ("护照", "E12345678", "", vec!["REQUIRED"], ""),
        ("护照", "E12345678", "男", vec![], "男"),
        ("居民身份证", "11010519491231002X", "", vec![], "女"),
    ];
    for (kind, id, typed, codes, value) in cases {
        set(&mut state, top("idType"), kind);
        set(&mut state, top("id"), id);
        if !typed.is_empty() {
            set(&mut state, top("gender"), typed);
        }
        assert_eq!(codes_at(&state, &top("gender")), codes, "{kind} {id:?}");
        assert_eq!(state.text(&top("gender")), value, "{kind} {id:?}");
    }
}

#[test]
fn typing_never_brings_up_a_new_error_until_the_field_is_left() {
    let mut state = form();
    state.apply(Command::SetValue { path: top("ok"), value: Value::Bool(true) });
    state.apply(Command::Next);
    state.apply(Command::Next); // reveals the step: 国籍 shows 「请选择」
    let note = top("note");
    let nat = top("nat");
    assert_eq!(state.shown_for(&nat).count(), 1);
    // (typed text, shown codes while typing)
    let cases = [("一二三", vec![]), ("一二三四五六", vec!["V-TXT"])];
    for (text, shown) in cases {
        set(&mut state, note.clone(), text);
        let codes: Vec<_> = state.shown_for(&note).map(|v| v.code.to_string()).collect();
        assert_eq!(codes, shown, "while typing {text:?}: only character counts are live");
    }
    set(&mut state, top("x"), "99");
    assert_eq!(state.shown_for(&top("x")).count(), 0, "a range error waits while typing");
    state.apply(Command::Touch(top("x")));
    assert_eq!(state.shown_for(&top("x")).count(), 1, "and shows once the field is left");
}
