//! V-DATE: one date follows another (a project ends after it starts, a graduation comes after the
//! enrolment), strictly or on the same day as well.

use super::{answer_text, FieldRule, RuleContext};
use crate::date::Date;
use crate::report::Finding;
use crate::schema::AfterRule;
use crate::value::Value;

impl FieldRule for AfterRule {
    fn check(&self, value: &Value, ctx: &RuleContext<'_>) -> Vec<Finding> {
        let this = Date::parse_loose(answer_text(value));
        let (Some(this), Some(earlier)) = (this, Date::parse_loose(ctx.answer(&self.field))) else {
            return Vec::new();
        };
        let in_order = if self.strict { this > earlier } else { this >= earlier };
        if in_order {
            return Vec::new();
        }
        let message = self.message.clone().unwrap_or_else(|| {
            let label = ctx.label(&self.field);
            if self.strict {
                format!("应晚于{label}（{earlier}），请核对两个日期。")
            } else {
                format!("不能早于{label}（{earlier}），请核对两个日期。")
            }
        });
        vec![Finding::error("V-DATE", message)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::{check_table, described};
    use crate::rules::test_form::TestForm;

    const FIELDS: &str = r#"[
        {"id": "start", "label": "开始时间", "kind": "date"},
        {"id": "end", "label": "结束时间", "kind": "date"}]"#;

    fn after(strict: bool, message: Option<&str>) -> AfterRule {
        AfterRule { field: "start".into(), strict, message: message.map(str::to_string) }
    }

    #[test]
    fn a_date_before_the_other_is_an_error_naming_the_other_field() {
        let form = TestForm::new(FIELDS).with("start", "2021-03-01");
        check_table(
            [
                (("2021-03-02", false), vec![]),
                (("2021-03-01", false), vec![]),
                (("2021-02-28", false), vec!["V-DATE Error 不能早于「开始时间」（2021-03-01），请核对两个日期。"]),
                (("2021-03-01", true), vec!["V-DATE Error 应晚于「开始时间」（2021-03-01），请核对两个日期。"]),
                (("2021-03", false), vec![]),
                (("不是日期", true), vec![]),
            ],
            |&(end, strict)| described(&form.check("end", end, &after(strict, None))),
        );
    }

    #[test]
    fn the_schema_may_word_the_message_and_a_blank_other_date_says_nothing() {
        let form = TestForm::new(FIELDS).with("start", "2021-03-01");
        let found = form.check("end", "2020-01-01", &after(false, Some("结束时间应在开始时间之后。")));
        assert_eq!(described(&found), ["V-DATE Error 结束时间应在开始时间之后。"]);
        assert!(TestForm::new(FIELDS).check("end", "2020-01-01", &after(true, None)).is_empty());
    }
}
