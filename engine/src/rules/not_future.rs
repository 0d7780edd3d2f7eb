//! V-DATE: a date that has already happened (a graduation, an appointment) is not later than today.

use super::{answer_text, FieldRule, RuleContext};
use crate::date::Date;
use crate::report::Finding;
use crate::value::Value;

/// This date is not later than the applicant's today.
#[derive(Clone, Copy, Debug)]
pub struct NotFutureRule;

impl FieldRule for NotFutureRule {
    fn check(&self, value: &Value, ctx: &RuleContext<'_>) -> Vec<Finding> {
        match Date::parse_loose(answer_text(value)) {
            Some(date) if date > ctx.today() => {
                vec![Finding::error("V-DATE", format!("不能晚于今天（{}），请核对日期。", ctx.today()))]
            }
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::{check_table, described};
    use crate::rules::test_form::TestForm;

    #[test]
    fn only_dates_after_today_are_errors() {
        let form = TestForm::new(r#"[{"id": "appointed", "label": "聘任时间", "kind": "date"}]"#);
        let late = vec!["V-DATE Error 不能晚于今天（2026-11-23），请核对日期。"];
        check_table(
            [
                ("2026-11-23", vec![]),
                ("2026-11-24", late.clone()),
                ("2026-12", late),
                ("2019-03-15", vec![]),
                ("明年", vec![]),
            ],
            |date| described(&form.check("appointed", date, &NotFutureRule)),
        );
    }
}
