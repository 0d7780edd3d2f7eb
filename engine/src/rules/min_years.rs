//! V-YRS-1 as a field declares it: at least a number of whole years from this date (an
//! appointment, a qualification) to December 31st of the evaluation year.

use super::seniority::has_full_years;
use super::{answer_text, FieldRule, RuleContext};
use crate::date::Date;
use crate::report::Finding;
use crate::schema::MinYearsByEvaluationYearRule;
use crate::value::Value;

impl FieldRule for MinYearsByEvaluationYearRule {
    fn check(&self, value: &Value, ctx: &RuleContext<'_>) -> Vec<Finding> {
        let (Some(date), Some(year)) = (Date::parse_loose(answer_text(value)), ctx.evaluation_year()) else {
            return Vec::new();
        };
        if has_full_years(date, self.years, year) {
            Vec::new()
        } else {
            vec![Finding::error("V-YRS-1", self.message.clone())]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::{check_table, described};
    use crate::rules::test_form::TestForm;

    const FIELDS: &str = r#"[
        {"id": "committeeYear", "label": "评委会年度", "kind": "year"},
        {"id": "appointDate", "label": "聘任时间", "kind": "date"}]"#;

    #[test]
    fn whole_years_count_to_the_end_of_the_evaluation_year() {
        let rule = MinYearsByEvaluationYearRule { years: 1, message: "现岗位工作未满 1 年。".into() };
        let form = TestForm::with_settings(FIELDS, r#"{"evaluation_year_field": "committeeYear"}"#)
            .with("committeeYear", "2026");
        let short = vec!["V-YRS-1 Error 现岗位工作未满 1 年。"];
        check_table(
            [("2026-01-01", vec![]), ("2026-01-02", short.clone()), ("2026-03-01", short), ("2019-04-01", vec![])],
            |date| described(&form.check("appointDate", date, &rule)),
        );
        let no_year = TestForm::with_settings(FIELDS, r#"{"evaluation_year_field": "committeeYear"}"#);
        assert!(no_year.check("appointDate", "2026-03-01", &rule).is_empty(), "no evaluation year, no check");
    }
}
