//! What a rule may read besides what it checks: for a field's answer, the field, today's date,
//! the working-day calendar and the other answers as seen from the field's place in the form; for
//! a repeat group's rows, the group, today and the form's settings.

use super::calendar::HolidayCalendar;
use crate::date::Date;
use crate::eval::{Evaluator, RowScope};
use crate::schema::{Condition, Field, Settings};

/// The surroundings of one answer being checked. Cheap to make; borrows everything.
#[derive(Clone, Copy)]
pub struct RuleContext<'a> {
    evaluator: Evaluator<'a>,
    scope: Option<RowScope<'a>>,
    field: &'a Field,
    calendar: &'a HolidayCalendar,
}

impl<'a> RuleContext<'a> {
    /// The context of `field`, answered at the top level (`scope` is `None`) or in a repeat row,
    /// counting working days with the form's holiday calendar.
    pub fn new(
        evaluator: Evaluator<'a>,
        field: &'a Field,
        scope: Option<RowScope<'a>>,
        calendar: &'a HolidayCalendar,
    ) -> RuleContext<'a> {
        RuleContext { evaluator, scope, field, calendar }
    }

    /// The field whose answer is checked.
    pub fn field(&self) -> &'a Field {
        self.field
    }

    /// The repeat group whose row holds the answer, when it is in one.
    pub fn group(&self) -> Option<&'a Field> {
        self.scope.map(|s| s.group)
    }

    /// The applicant's today, for rules about ages and the future.
    pub fn today(&self) -> Date {
        self.evaluator.today
    }

    /// The working-day calendar, for publicity periods.
    pub fn calendar(&self) -> &'a HolidayCalendar {
        self.calendar
    }

    /// The form's settings (the evaluation year, the current-qualification fields …).
    pub fn settings(&self) -> &'a Settings {
        &self.evaluator.schema.settings
    }

    /// The trimmed answer `name` refers to from this field's place (its own row first), `""`
    /// when unanswered or hidden: a cross-field rule never reads a hidden answer.
    pub fn answer(&self, name: &str) -> &'a str {
        self.evaluator.text(self.scope, name)
    }

    /// The trimmed answer of the top-level field `name`, `""` when unanswered or hidden.
    pub fn top_level_answer(&self, name: &str) -> &'a str {
        self.evaluator.text(None, name)
    }

    /// The label of the field `name` refers to from this field's place, quoted for messages
    /// (「参加工作时间」); the name itself when no field has it.
    pub fn label(&self, name: &str) -> String {
        self.scope
            .and_then(|s| s.group.child(name))
            .or_else(|| self.evaluator.schema.field(name))
            .map(|f| format!("「{}」", f.label))
            .unwrap_or_else(|| name.to_string())
    }

    /// Whether a condition of the schema holds from this field's place.
    pub fn holds(&self, condition: &Condition) -> bool {
        self.evaluator.holds(condition, self.scope)
    }

    /// The evaluation year (评委会年度) the achievement window ends in, if known.
    pub fn evaluation_year(&self) -> Option<i32> {
        self.evaluator.evaluation_year()
    }
}

/// The surroundings of a repeat group whose rows are checked together.
#[derive(Clone, Copy)]
pub struct GroupContext<'a> {
    evaluator: Evaluator<'a>,
    group: &'a Field,
}

impl<'a> GroupContext<'a> {
    pub fn new(evaluator: Evaluator<'a>, group: &'a Field) -> GroupContext<'a> {
        GroupContext { evaluator, group }
    }

    /// The group whose rows are checked.
    pub fn group(&self) -> &'a Field {
        self.group
    }

    /// The applicant's today, standing in for an open end (「至今」).
    pub fn today(&self) -> Date {
        self.evaluator.today
    }

    /// The form's settings (the continuing-education quotas …).
    pub fn settings(&self) -> &'a Settings {
        &self.evaluator.schema.settings
    }

    /// The trimmed answer of the top-level field `name`, `""` when unanswered or hidden.
    pub fn top_level_answer(&self, name: &str) -> &'a str {
        self.evaluator.text(None, name)
    }

    /// The evaluation year (评委会年度), if known.
    pub fn evaluation_year(&self) -> Option<i32> {
        self.evaluator.evaluation_year()
    }
}
