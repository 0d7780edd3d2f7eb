//! V-PUB-1 as a field declares it: the end of a publicity period (评前/评后公示) that began on the
//! date in another field holds enough working days, counted with the context's holiday calendar.

use super::{answer_text, FieldRule, RuleContext};
use crate::date::Date;
use crate::report::Finding;
use crate::schema::PublicityEndRule;
use crate::value::Value;

impl FieldRule for PublicityEndRule {
    fn check(&self, value: &Value, ctx: &RuleContext<'_>) -> Vec<Finding> {
        let (Some(end), Some(start)) = (Date::parse(answer_text(value)), Date::parse(ctx.answer(&self.start))) else {
            return Vec::new();
        };
        ctx.calendar().check_publicity_period(start, end, self.min_working_days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::holiday_calendar::HolidayCalendar;
    use crate::rules::table::check_table;
    use crate::rules::test_form::TestForm;

    const FIELDS: &str = r#"[
        {"id": "preStart", "label": "公示开始日期", "kind": "date"},
        {"id": "preEnd", "label": "公示结束日期", "kind": "date"}]"#;

    fn five_days() -> PublicityEndRule {
        PublicityEndRule { start: "preStart".into(), min_working_days: 5 }
    }

    #[test]
    fn the_period_is_counted_from_the_start_field_without_holidays() {
        let form = TestForm::new(FIELDS).with("preStart", "2025-09-29");
        check_table(
            [("2025-10-10", vec!["V-PUB-1"]), ("2025-10-11", vec![]), ("2025-09-28", vec!["V-PUB-1"]), ("", vec![])],
            |end| form.check("preEnd", end, &five_days()).iter().map(|f| f.code.to_string()).collect::<Vec<_>>(),
        );
        assert!(TestForm::new(FIELDS).check("preEnd", "2025-10-10", &five_days()).is_empty(), "no start, no check");
    }

    #[test]
    fn the_calendar_comes_from_the_context() {
        // Without holiday data the National Day week counts as working days, with a warning.
        let form = TestForm::new(FIELDS).with("preStart", "2025-09-29");
        let empty = HolidayCalendar::default();
        let found = form.check_with_calendar("preEnd", "2025-10-10", &five_days(), &empty);
        assert!(found.len() == 1 && !found[0].is_error() && found[0].message.contains("2025 年"), "{found:?}");
    }
}
