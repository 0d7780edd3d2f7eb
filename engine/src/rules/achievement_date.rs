//! V-YRS-3 as a field declares it: an achievement's date lies in the material window, which runs
//! from when the current qualification started counting to December 31st of the evaluation year.

use super::seniority;
use super::{answer_text, FieldRule, RuleContext};
use crate::date::Date;
use crate::report::Finding;
use crate::schema::{Compute, Settings};
use crate::value::Value;

/// An achievement date (a project's end, a paper's publication) inside the material window.
#[derive(Clone, Copy, Debug)]
pub struct AchievementDateRule;

impl FieldRule for AchievementDateRule {
    fn check(&self, value: &Value, ctx: &RuleContext<'_>) -> Vec<Finding> {
        let (Some(date), Some(year)) = (Date::parse_loose(answer_text(value)), ctx.evaluation_year()) else {
            return Vec::new();
        };
        // A form that sorts each achievement into 获现资格之前 or 以来 (GD) lists earlier ones in
        // their own table: only a date after the evaluation year is wrong there.
        let start = if sorts_by_period(ctx) { None } else { material_window_start(ctx) };
        seniority::check_achievement_date(date, start, year)
    }
}

/// Whether the row holding the answer has an `achievement_period` column.
fn sorts_by_period(ctx: &RuleContext<'_>) -> bool {
    ctx.group().is_some_and(|g| g.fields.iter().any(|f| matches!(f.compute, Some(Compute::AchievementPeriod { .. }))))
}

fn material_window_start(ctx: &RuleContext<'_>) -> Option<Date> {
    window_start(ctx.settings(), |name| ctx.top_level_answer(name))
}

/// Start of the window in which achievements count (V-YRS-2), from the current qualification the
/// form's settings name (its answers read through `answer`); without one, from the start of work.
/// Also what tells 「获现资格之前」 from 「获现资格以来」 (the `achievement_period` computation).
pub fn window_start<'a>(settings: &Settings, answer: impl Fn(&str) -> &'a str) -> Option<Date> {
    seniority::start_from_answers(settings, answer, seniority::material_window_start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::check_table;
    use crate::rules::test_form::TestForm;

    const FIELDS: &str = r#"[
        {"id": "workStart", "label": "参加工作时间", "kind": "year_month"},
        {"id": "method", "label": "取得方式", "kind": "text"},
        {"id": "evalYear", "label": "评审年度", "kind": "year"},
        {"id": "obtained", "label": "取得时间", "kind": "date"},
        {"id": "projectEnd", "label": "项目结束时间", "kind": "date"}]"#;

    const SETTINGS: &str = r#"{"default_evaluation_year": 2026, "current_qualification":
        {"method": "method", "eval_year": "evalYear", "obtained": "obtained", "work_start": "workStart"}}"#;

    /// Whether the project end is refused (`Some(true)`), warned about (`Some(false)`) or fine.
    fn outcome(form: &TestForm, end: &str) -> Option<bool> {
        let found = form.check("projectEnd", end, &AchievementDateRule);
        assert!(found.len() <= 1, "{found:?}");
        found.first().map(Finding::is_error)
    }

    #[test]
    fn the_window_starts_after_the_evaluation_year_of_the_current_title() {
        let form = TestForm::with_settings(FIELDS, SETTINGS).with("method", "评审").with("evalYear", "2020");
        // Evaluated in 2020 (old rules): the window opens on 2020-09-01 and closes at the end of 2026.
        check_table(
            [("2020-08-31", Some(false)), ("2020-09-01", None), ("2026-12-31", None), ("2027-01-01", Some(true))],
            |end| outcome(&form, end),
        );
    }

    #[test]
    fn without_a_known_method_the_window_starts_with_work() {
        let form = TestForm::with_settings(FIELDS, SETTINGS).with("workStart", "2014-07");
        check_table([("2014-06-30", Some(false)), ("2014-07-01", None)], |end| outcome(&form, end));
        let no_settings = TestForm::new(FIELDS);
        assert_eq!(outcome(&no_settings, "2030-01-01"), None, "no evaluation year, no check");
    }
}
