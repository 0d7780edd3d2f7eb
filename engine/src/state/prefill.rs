//! Answers a host page fills in from its own records (a portal's 姓名, 证件号码, 工作单位): each is
//! marked as prefilled, and locked when the host vouches for it, so the applicant cannot change
//! what the portal already knows. The marks belong to the open form, not to the draft: a host
//! prefills again every time it opens one.

use std::collections::BTreeMap;

use super::{FormState, Outcome};
use crate::path::FieldPath;
use crate::schema::FieldKind;
use crate::validate::kind::shape_finding;
use crate::value::Value;

/// How a host filled a field in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prefilled {
    /// Filled in by the host; the applicant may change it.
    Editable,
    /// Filled in by the host, which vouches for it; the applicant may not change it.
    Locked,
}

/// What the unit is told when changing a field that came from the package it reviews.
pub const FIXED: &str = "此项来自所审核的申报包，不能在此修改。";

/// What the applicant is told when changing a field the host locked.
pub const HOST_LOCKED: &str = "此项由所在单位或门户根据登记信息填写，不能在此修改；如有错误，请联系门户管理员。";

impl FormState {
    /// How the host filled in the field at `path`, if it did (only top-level fields are prefilled).
    pub fn prefilled(&self, path: &FieldPath) -> Option<Prefilled> {
        if path.row.is_some() {
            return None;
        }
        self.prefilled.iter().find(|(id, _)| *id == path.field).map(|(_, how)| *how)
    }

    /// Whether the host locked the answer at `path`.
    pub fn is_host_locked(&self, path: &FieldPath) -> bool {
        self.prefilled(path) == Some(Prefilled::Locked)
    }

    /// Whether the field at `path` is one the schema fixes once prefilled (`fixed`).
    pub fn is_fixed(&self, path: &FieldPath) -> bool {
        path.row.is_none() && self.schema.field(&path.field).is_some_and(|f| f.fixed)
    }

    /// Sets every answer of `answers` and marks it prefilled (locked when `locked`). All or
    /// nothing: an unknown field, a repeat group, a computed field or an answer of the wrong shape
    /// refuses the whole command, naming each problem.
    pub(super) fn prefill(&mut self, answers: BTreeMap<String, Value>, locked: bool) -> Outcome {
        let problems: Vec<String> = answers.iter().filter_map(|(id, value)| self.prefill_problem(id, value)).collect();
        if !problems.is_empty() {
            return Outcome::Refused(problems.join(""));
        }
        let mark = if locked { Prefilled::Locked } else { Prefilled::Editable };
        for (id, value) in answers {
            self.prefilled.retain(|(marked, _)| *marked != id);
            self.prefilled.push((id.clone(), mark));
            // A host prefills every time it opens a draft: the same answers again leave a
            // finished declaration finished.
            if self.answers.get(&id) != Some(&value) {
                self.answers.insert(id, value);
                self.finished = false;
            }
        }
        Outcome::Done
    }

    fn prefill_problem(&self, id: &str, value: &Value) -> Option<String> {
        let Some(field) = self.schema.field(id) else {
            return Some(format!("表单中没有字段「{id}」，无法预填。"));
        };
        if field.kind == FieldKind::Group {
            return Some(format!("「{}」是可重复的多条记录，不能预填。", field.label));
        }
        if field.compute.is_some() {
            return Some(format!("「{}」由系统自动计算，不能预填。", field.label));
        }
        shape_finding(field, value).map(|finding| finding.message)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::date::Date;
    use crate::schema::FormSchema;
    use crate::state::Command;

    fn state() -> FormState {
        let source = r#"{"id": "f", "version": 1, "title": "申报", "steps": [{"id": "s", "title": "s", "sections": [
            {"id": "x", "title": "x", "fields": [
                {"id": "name", "label": "姓名", "kind": "text"},
                {"id": "unit", "label": "工作单位", "kind": "text"},
                {"id": "age", "label": "年龄", "kind": "integer", "compute": {"sum": ["unit"]}},
                {"id": "jobs", "label": "工作经历", "kind": "group", "fields": [{"id": "org", "label": "单位", "kind": "text"}]}]}]}]}"#;
        let schema = Arc::new(FormSchema::from_json(source).expect("a form"));
        FormState::new(schema, Date::new(2026, 12, 2).expect("a date"))
    }

    fn answers(pairs: &[(&str, Value)]) -> BTreeMap<String, Value> {
        pairs.iter().map(|(id, value)| (id.to_string(), value.clone())).collect()
    }

    fn top(id: &str) -> FieldPath {
        FieldPath::top(id)
    }

    #[test]
    fn prefilled_answers_are_set_and_marked_as_the_host_said() {
        let mut state = state();
        let outcome =
            state.apply(Command::Prefill { answers: answers(&[("name", Value::text("张三"))]), locked: true });
        assert_eq!(outcome, Outcome::Done);
        let outcome =
            state.apply(Command::Prefill { answers: answers(&[("unit", Value::text("某某医院"))]), locked: false });
        assert_eq!(outcome, Outcome::Done);
        assert_eq!(state.answers().get("name"), Some(&Value::text("张三")));
        assert_eq!(state.prefilled(&top("name")), Some(Prefilled::Locked));
        assert_eq!(state.prefilled(&top("unit")), Some(Prefilled::Editable));
        assert!(state.is_read_only(&top("name")));
        assert!(!state.is_read_only(&top("unit")));
    }

    #[test]
    fn a_locked_answer_refuses_the_applicants_change_and_an_editable_one_takes_it() {
        let mut state = state();
        state.apply(Command::Prefill { answers: answers(&[("name", Value::text("张三"))]), locked: true });
        state.apply(Command::Prefill { answers: answers(&[("unit", Value::text("某某医院"))]), locked: false });
        let refused = state.apply(Command::SetValue { path: top("name"), value: Value::text("李四") });
        assert_eq!(refused, Outcome::Refused(HOST_LOCKED.to_string()));
        assert_eq!(state.answers().get("name"), Some(&Value::text("张三")));
        let taken = state.apply(Command::SetValue { path: top("unit"), value: Value::text("另一家医院") });
        assert_eq!(taken, Outcome::Done);
    }

    #[test]
    fn the_same_answers_again_leave_a_finished_form_finished_and_new_ones_do_not() {
        let mut state = state();
        state.apply(Command::Prefill { answers: answers(&[("name", Value::text("张三"))]), locked: true });
        assert_eq!(state.apply(Command::Finish), Outcome::Done);
        state.apply(Command::Prefill { answers: answers(&[("name", Value::text("张三"))]), locked: true });
        assert!(state.is_finished());
        state.apply(Command::Prefill { answers: answers(&[("name", Value::text("李四"))]), locked: true });
        assert!(!state.is_finished());
    }

    #[test]
    fn a_host_may_prefill_a_locked_field_again() {
        let mut state = state();
        state.apply(Command::Prefill { answers: answers(&[("name", Value::text("张三"))]), locked: true });
        let again =
            state.apply(Command::Prefill { answers: answers(&[("name", Value::text("张 三"))]), locked: false });
        assert_eq!(again, Outcome::Done);
        assert_eq!(state.prefilled(&top("name")), Some(Prefilled::Editable));
    }

    #[test]
    fn bad_prefills_are_refused_whole_naming_each_problem() {
        let cases: &[(&str, Value, &str)] = &[
            ("nickname", Value::text("x"), "没有字段「nickname」"),
            ("jobs", Value::Rows(Vec::new()), "「工作经历」是可重复的多条记录"),
            ("age", Value::text("40"), "「年龄」由系统自动计算"),
            ("unit", Value::List(vec!["a".into()]), "「工作单位」的答案格式不对"),
        ];
        for (field, value, expected) in cases {
            let mut state = state();
            let outcome = state.apply(Command::Prefill {
                answers: answers(&[("name", Value::text("张三")), (field, value.clone())]),
                locked: true,
            });
            match outcome {
                Outcome::Refused(message) => assert!(message.contains(expected), "{field}: {message}"),
                other => panic!("{field}: expected a refusal, got {other:?}"),
            }
            assert_eq!(state.answers().get("name"), None, "{field}: nothing is set when one answer is refused");
        }
    }
}
