//! Test-only: a one-section form made of a few fields given as JSON, with answers, so that a rule
//! is checked through its context exactly as `validate` calls it.

use super::calendar::{published_for_tests, HolidayCalendar};
use super::{FieldRule, GroupContext, GroupRule, RuleContext};
use crate::date::Date;
use crate::eval::Evaluator;
use crate::report::Finding;
use crate::schema::FormSchema;
use crate::value::{Answers, Row, Value};

/// The form, its answers and a fixed today (2026-11-23).
pub(crate) struct TestForm {
    schema: FormSchema,
    answers: Answers,
    today: Date,
}

impl TestForm {
    /// A form with these fields (a JSON array) and no settings.
    pub(crate) fn new(fields: &str) -> TestForm {
        TestForm::with_settings(fields, "{}")
    }

    /// A form with these fields and settings (both JSON).
    pub(crate) fn with_settings(fields: &str, settings: &str) -> TestForm {
        let json = format!(
            r#"{{"id": "rule-test", "version": 1, "title": "规则测试", "settings": {settings},
                "steps": [{{"id": "step", "title": "步骤", "sections": [{{"id": "section", "title": "栏目", "fields": {fields}}}]}}]}}"#
        );
        let schema = FormSchema::from_json(&json).unwrap_or_else(|problems| panic!("test form: {problems:?}"));
        TestForm { schema, answers: Answers::new(), today: Date::new(2026, 11, 23).expect("a real date") }
    }

    /// The same form with one more top-level answer.
    pub(crate) fn with(mut self, field: &str, text: &str) -> TestForm {
        self.answers.insert(field.to_string(), Value::text(text));
        self
    }

    /// What `rule` finds about `text` typed into the top-level `field`.
    pub(crate) fn check(&self, field: &str, text: &str, rule: &dyn FieldRule) -> Vec<Finding> {
        self.check_value(field, &Value::text(text), rule)
    }

    /// What `rule` finds about `value` given to the top-level `field`.
    pub(crate) fn check_value(&self, field: &str, value: &Value, rule: &dyn FieldRule) -> Vec<Finding> {
        self.check_in(field, value, rule, published_for_tests())
    }

    /// [`Self::check`] counting working days with `calendar`.
    pub(crate) fn check_with_calendar(
        &self,
        field: &str,
        text: &str,
        rule: &dyn FieldRule,
        calendar: &HolidayCalendar,
    ) -> Vec<Finding> {
        self.check_in(field, &Value::text(text), rule, calendar)
    }

    fn check_in(&self, field: &str, value: &Value, rule: &dyn FieldRule, calendar: &HolidayCalendar) -> Vec<Finding> {
        let field = self.schema.field(field).unwrap_or_else(|| panic!("the test form has no field {field}"));
        let evaluator = Evaluator::new(&self.schema, &self.answers, self.today);
        rule.check(value, &RuleContext::new(evaluator, field, None, calendar))
    }

    /// What `rule` finds about these rows of the repeat group `group`, each finding as one line:
    /// its path, code, severity and message.
    pub(crate) fn check_group_described(&self, group: &str, rows: &[Row], rule: &dyn GroupRule) -> Vec<String> {
        let group = self.schema.field(group).unwrap_or_else(|| panic!("the test form has no group {group}"));
        let evaluator = Evaluator::new(&self.schema, &self.answers, self.today);
        let found = rule.check(rows, &GroupContext::new(evaluator, group));
        found.iter().map(|(path, f)| format!("{path} {} {:?} {}", f.code, f.severity, f.message)).collect()
    }
}

/// Rows numbered from 1, each with the given text answers.
pub(crate) fn rows<'a>(cells: impl IntoIterator<Item = Vec<(&'a str, &'a str)>>) -> Vec<Row> {
    cells
        .into_iter()
        .zip(1..)
        .map(|(cells, id)| Row {
            id,
            values: cells.into_iter().map(|(field, text)| (field.to_string(), Value::text(text))).collect(),
        })
        .collect()
}
