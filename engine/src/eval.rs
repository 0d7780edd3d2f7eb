//! Evaluation of conditions and relevance: which fields are visible and required, and what a
//! field name means from a given place in the form (inside a repeat row or at the top level).

use crate::date::Date;
use crate::schema::{Condition, Field, FieldLocation, FormSchema, OptionItem, OptionSource};
use crate::value::{Answers, Row, Value};

/// The repeat row an evaluation happens in, if any: field names resolve to its cells first.
#[derive(Clone, Copy)]
pub struct RowScope<'a> {
    pub group: &'a Field,
    pub row: &'a Row,
}

/// Read-only view of a form's answers for evaluation. Cheap to create; borrows everything.
#[derive(Clone, Copy)]
pub struct Evaluator<'a> {
    pub schema: &'a FormSchema,
    pub answers: &'a Answers,
    pub today: Date,
}

impl<'a> Evaluator<'a> {
    pub fn new(schema: &'a FormSchema, answers: &'a Answers, today: Date) -> Evaluator<'a> {
        Evaluator { schema, answers, today }
    }

    /// The answer `name` refers to from `scope`, or `None` when it is unanswered or hidden:
    /// a hidden field is never relevant, so conditions read it as blank.
    pub fn value(&self, scope: Option<RowScope<'a>>, name: &str) -> Option<&'a Value> {
        if let Some(s) = scope {
            if let Some(child) = s.group.child(name) {
                if !self.holds_opt(child.visible_if.as_ref(), scope) {
                    return None;
                }
                return s.row.get(name);
            }
        }
        if !self.is_visible(name) {
            return None;
        }
        self.answers.get(name)
    }

    /// The trimmed text of a scalar answer, `""` when blank, hidden or not text.
    pub fn text(&self, scope: Option<RowScope<'a>>, name: &str) -> &'a str {
        self.value(scope, name).and_then(Value::as_text).map(str::trim).unwrap_or("")
    }

    /// True when the top-level field (and its step and section) is shown.
    pub fn is_visible(&self, field_id: &str) -> bool {
        let (Some(location), Some(field)) = (self.schema.location(field_id), self.schema.field(field_id)) else {
            return false;
        };
        self.container_visible(location) && self.holds_opt(field.visible_if.as_ref(), None)
    }

    /// Whether a repeat row belongs to the declaration: its group's `submit_rows_if` holds in it
    /// (rows of a group without one always do). Rows that do not are left out like hidden answers.
    pub fn row_submitted(&self, group: &'a Field, row: &'a Row) -> bool {
        group.submit_rows_if.as_ref().is_none_or(|c| self.holds(c, Some(RowScope { group, row })))
    }

    /// True when a field of a repeat row is shown (its group is shown and its own condition holds).
    pub fn is_visible_in_row(&self, scope: RowScope<'a>, child: &Field) -> bool {
        self.is_visible(&scope.group.id) && self.holds_opt(child.visible_if.as_ref(), Some(scope))
    }

    pub fn container_visible(&self, location: FieldLocation) -> bool {
        self.step_visible(location.step)
            && self.holds_opt(self.schema.steps[location.step].sections[location.section].visible_if.as_ref(), None)
    }

    pub fn step_visible(&self, step: usize) -> bool {
        self.schema.steps.get(step).is_some_and(|s| self.holds_opt(s.visible_if.as_ref(), None))
    }

    pub fn section_visible(&self, step: usize, section: usize) -> bool {
        self.container_visible(FieldLocation { step, section })
    }

    /// True when a visible field must be answered.
    pub fn is_required(&self, field: &Field, scope: Option<RowScope<'a>>) -> bool {
        field.required || field.required_if.as_ref().is_some_and(|c| self.holds(c, scope))
    }

    /// An absent visibility condition means "always shown".
    fn holds_opt(&self, condition: Option<&Condition>, scope: Option<RowScope<'a>>) -> bool {
        condition.is_none_or(|c| self.holds(c, scope))
    }

    /// Evaluates a condition from `scope`.
    pub fn holds(&self, condition: &Condition, scope: Option<RowScope<'a>>) -> bool {
        let answered = |name: &str| self.value(scope, name).is_some_and(|v| !v.is_blank());
        match condition {
            Condition::Equals { field, value } => self.value(scope, field).is_some_and(|v| v.matches(value)),
            Condition::NotEquals { field, value } => !self.value(scope, field).is_some_and(|v| v.matches(value)),
            Condition::In { field, values } => {
                self.value(scope, field).is_some_and(|v| values.iter().any(|x| v.matches(x)))
            }
            Condition::Filled(field) => answered(field),
            Condition::Blank(field) => !answered(field),
            Condition::AnyFilled(fields) => fields.iter().any(|f| answered(f)),
            Condition::Differs { field, other } => {
                let (a, b) = (self.text(scope, field), self.text(scope, other));
                !a.is_empty() && !b.is_empty() && a != b
            }
            Condition::AnyRow { group, when } => {
                let Some(group_field) = self.schema.field(group) else { return false };
                // Rows not chosen for the declaration count as little as hidden answers do.
                self.value(None, group).is_some_and(|v| {
                    v.as_rows()
                        .iter()
                        .filter(|row| self.row_submitted(group_field, row))
                        .any(|row| self.holds(when, Some(RowScope { group: group_field, row })))
                })
            }
            Condition::All(items) => items.iter().all(|c| self.holds(c, scope)),
            Condition::Any(items) => items.iter().any(|c| self.holds(c, scope)),
            Condition::Not(inner) => !self.holds(inner, scope),
        }
    }

    /// The choices a select field offers now: a cascade keeps the items whose tags equal the
    /// answers of the fields it is filtered by (none while those are unanswered).
    pub fn options(&self, field: &'a Field, scope: Option<RowScope<'a>>) -> Vec<&'a OptionItem> {
        let Some(source) = &field.options else { return Vec::new() };
        let items = self.schema.option_items(source);
        match source {
            OptionSource::Filtered { filter, .. } => items
                .iter()
                .filter(|item| {
                    filter.iter().all(|(tag, name)| {
                        let answer = self.text(scope, name);
                        !answer.is_empty() && item.tags.get(tag).is_some_and(|t| t == answer)
                    })
                })
                .collect(),
            _ => items.iter().collect(),
        }
    }

    /// The evaluation year (评委会年度) the achievement window ends in, if known.
    pub fn evaluation_year(&self) -> Option<i32> {
        let settings = &self.schema.settings;
        settings
            .evaluation_year_field
            .as_deref()
            .and_then(|f| self.answers.get(f))
            .and_then(Value::as_text)
            .and_then(|t| t.trim().parse().ok())
            .or(settings.default_evaluation_year)
    }
}
