//! The open form as a host sees it: the draft (`getDraft()`), its validity (`validate()`), and
//! the pages by name (`goTo(step)`): a step's id, `materials` (附件材料) or `review` (核对信息).

use serde::Serialize;
use zhicheng_engine::{Answers, FormSchema, FormState, Position, Severity};

/// The draft a host reads: which form, which draft, the answers and where the applicant is.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DraftView {
    pub draft_id: String,
    pub form_id: String,
    pub form_version: u32,
    pub answers: Answers,
    pub step: String,
    pub finished: bool,
}

impl DraftView {
    pub fn of(draft_id: &str, state: &FormState) -> DraftView {
        let schema = state.schema();
        DraftView {
            draft_id: draft_id.to_string(),
            form_id: schema.id.clone(),
            form_version: schema.version,
            answers: state.answers().clone(),
            step: position_name(schema, state.position()),
            finished: state.is_finished(),
        }
    }
}

/// Whether the form may be finished now, with every problem the engine found (shown or not).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValidityView {
    pub valid: bool,
    pub errors: usize,
    pub warnings: usize,
    pub problems: Vec<Problem>,
}

/// One problem: the field (`group[row].field` inside a repeat group), its step and the message.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    pub field: String,
    pub step: String,
    pub severity: Severity,
    pub message: String,
}

impl ValidityView {
    pub fn of(state: &FormState) -> ValidityView {
        let report = state.report();
        let schema = state.schema();
        let problems: Vec<Problem> = report
            .violations
            .iter()
            .map(|v| Problem {
                field: v.path.to_string(),
                step: state
                    .step_of(&v.path)
                    .and_then(|s| schema.steps.get(s))
                    .map(|s| s.id.clone())
                    .unwrap_or_default(),
                severity: v.severity,
                message: v.message.clone(),
            })
            .collect();
        let errors = report.errors().count();
        ValidityView { valid: errors == 0, errors, warnings: report.warnings().count(), problems }
    }
}

/// The host's name of a page: the step's id, `materials` or `review`.
pub fn position_name(schema: &FormSchema, position: Position) -> String {
    match position {
        Position::Step(index) => schema.steps.get(index).map(|s| s.id.clone()).unwrap_or_default(),
        Position::Materials => "materials".to_string(),
        Position::Review => "review".to_string(),
    }
}

/// The page a host names, if the form has it.
pub fn position_named(schema: &FormSchema, name: &str) -> Option<Position> {
    match name {
        "materials" if !schema.materials.is_empty() => Some(Position::Materials),
        "review" => Some(Position::Review),
        step => schema.steps.iter().position(|s| s.id == step).map(Position::Step),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use zhicheng_engine::{Command, Date, FieldPath, Value};

    use super::*;

    fn state() -> FormState {
        let source = r#"{"id": "f", "version": 3, "title": "申报", "steps": [
            {"id": "basic", "title": "基本信息", "sections": [{"id": "x", "title": "x", "fields": [
                {"id": "name", "label": "姓名", "kind": "text", "required": true}]}]},
            {"id": "work", "title": "工作经历", "sections": [{"id": "y", "title": "y", "fields": [
                {"id": "unit", "label": "工作单位", "kind": "text", "required": true}]}]}]}"#;
        let schema = Arc::new(FormSchema::from_json(source).expect("a form"));
        FormState::new(schema, Date::new(2026, 12, 2).expect("a date"))
    }

    #[test]
    fn the_draft_view_carries_answers_and_the_page_by_name() {
        let mut state = state();
        state.apply(Command::SetValue { path: FieldPath::top("name"), value: Value::text("张三") });
        state.apply(Command::GoTo(Position::Step(1)));
        let view = DraftView::of("d1", &state);
        assert_eq!((view.draft_id.as_str(), view.form_id.as_str(), view.form_version), ("d1", "f", 3));
        assert_eq!(view.answers.get("name"), Some(&Value::text("张三")));
        assert_eq!(view.step, "work");
        let json = serde_json::to_value(&view).expect("serialisable");
        assert_eq!(json["draftId"], "d1");
        assert_eq!(json["answers"]["name"], "张三");
    }

    #[test]
    fn validity_lists_every_problem_with_its_step() {
        let mut state = state();
        let before = ValidityView::of(&state);
        assert!(!before.valid);
        assert_eq!(before.errors, 2);
        assert_eq!(before.problems[1].field, "unit");
        assert_eq!(before.problems[1].step, "work");
        assert_eq!(serde_json::to_value(&before.problems[0]).expect("json")["severity"], "error");
        for field in ["name", "unit"] {
            state.apply(Command::SetValue { path: FieldPath::top(field), value: Value::text("有") });
        }
        let after = ValidityView::of(&state);
        assert!(after.valid && after.problems.is_empty(), "{after:?}");
    }

    #[test]
    fn pages_are_named_by_step_id_or_by_materials_and_review() {
        let state = state();
        let schema = state.schema();
        assert_eq!(position_named(schema, "work"), Some(Position::Step(1)));
        assert_eq!(position_named(schema, "review"), Some(Position::Review));
        assert_eq!(position_named(schema, "materials"), None, "this form has no attachments page");
        assert_eq!(position_named(schema, "nowhere"), None);
        for position in [Position::Step(0), Position::Step(1), Position::Review] {
            assert_eq!(position_named(schema, &position_name(schema, position)), Some(position));
        }
    }
}
