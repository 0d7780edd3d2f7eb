//! V-PUB-1 as a field declares it: the end of a publicity period (评前/评后公示) that began on the
//! date in another field holds enough working days, counted with the context's holiday calendar,
//! and says so when part of the period is estimated from the statutory holidays.

use super::calendar::HolidayCalendar;
use super::{answer_text, FieldRule, RuleContext};
use crate::date::Date;
use crate::report::Finding;
use crate::schema::{Check, PublicityEndRule, Section};
use crate::value::Value;

impl FieldRule for PublicityEndRule {
    fn check(&self, value: &Value, ctx: &RuleContext<'_>) -> Vec<Finding> {
        let (Some(end), Some(start)) = (Date::parse(answer_text(value)), Date::parse(ctx.answer(&self.start))) else {
            return Vec::new();
        };
        check_period(ctx.calendar(), start, end, self.min_working_days)
    }
}

/// Whether a section asks for a publicity period, so that a host shows what the working days
/// are counted by ([`HolidayCalendar::describe`]) beside it.
pub fn counts_working_days(section: &Section) -> bool {
    section.fields.iter().flat_map(|f| &f.checks).any(|c| matches!(c.rule, Check::PublicityEnd(_)))
}

/// Checks a publicity period: the end must not be before the start, and the period must hold at
/// least `min_days` working days (errors, naming the earliest end that would do). A period in a
/// year without a published arrangement is counted by the statutory holidays and says so: in the
/// error, or as a warning when it passes.
pub fn check_period(calendar: &HolidayCalendar, start: Date, end: Date, min_days: u32) -> Vec<Finding> {
    if end < start {
        let message = format!("公示结束日期（{}）早于开始日期（{}），请核对两个日期。", end.chinese(), start.chinese());
        return vec![Finding::error("V-PUB-1", message)];
    }
    let count = calendar.working_days_between(start, end);
    let estimated = calendar.estimated_years(start, end, 3);
    let note = match estimated.as_slice() {
        [] => String::new(),
        years => format!(
            "本系统尚无 {} 年的国务院办公厅放假安排，该年按《全国年节及纪念日放假办法》的法定节假日估算；调休以当年通知为准。",
            years.iter().map(ToString::to_string).collect::<Vec<_>>().join("、")
        ),
    };
    if count.days < min_days {
        let earliest_end = calendar.nth_working_day(start, min_days);
        let message = format!(
            "公示期 {} 至 {} 只有 {} 个工作日（已扣除法定节假日），不足 {min_days} 个工作日。按此开始日期，结束日期最早应为 {}。{note}",
            start.chinese(),
            end.chinese(),
            count.days,
            earliest_end.chinese()
        );
        return vec![Finding::error("V-PUB-1", message)];
    }
    if note.is_empty() {
        return Vec::new();
    }
    let message = format!("{note}请对照当年的放假通知核对公示期是否满 {min_days} 个工作日。");
    vec![Finding::warning("V-PUB-1", message)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::calendar::published_for_tests;
    use crate::rules::table::{check_cases, check_table, ensure};
    use crate::rules::test_form::TestForm;
    use crate::rules::vectors::{text_of, vector_cases};

    const FIELDS: &str = r#"[
        {"id": "preStart", "label": "公示开始日期", "kind": "date"},
        {"id": "preEnd", "label": "公示结束日期", "kind": "date"}]"#;

    fn five_days() -> PublicityEndRule {
        PublicityEndRule { start: "preStart".into(), min_working_days: 5 }
    }

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|| panic!("bad test date {text}"))
    }

    /// What the check finds about a period, each finding as its severity and message.
    fn described(start: &str, end: &str) -> Vec<String> {
        let found = check_period(published_for_tests(), date(start), date(end), 5);
        found.iter().map(|f| format!("{:?}: {}", f.severity, f.message)).collect()
    }

    #[test]
    fn every_shared_publicity_vector_passes_or_fails_as_expected() {
        check_cases(vector_cases("publicity_5_working_days"), |case| {
            let meets = case["meets_5"].as_bool().expect("meets_5");
            let found = described(text_of(case, "start"), text_of(case, "end"));
            ensure(found.is_empty() == meets, || format!("meets 5 should be {meets}: {found:?}"))
        });
    }

    #[test]
    fn periods_of_2027_are_counted_by_the_statutory_holidays_and_say_so() {
        let cases = [
            // Five weekdays, but 2027-01-01 is 元旦.
            ("2026-12-28", "2027-01-01", "Error", "只有 4 个工作日", "最早应为 2027年01月04日"),
            // Five weekdays, but 2027-02-05 is 除夕.
            ("2027-02-01", "2027-02-05", "Error", "只有 4 个工作日", "最早应为 2027年02月11日"),
            // 除夕 to 初三 and the 补假 of the weekend.
            ("2027-02-03", "2027-02-09", "Error", "只有 2 个工作日", "按《全国年节及纪念日放假办法》的法定节假日估算"),
            // Five real working days pass, with the note that they are estimated.
            ("2027-03-01", "2027-03-05", "Warning", "尚无 2027 年的国务院办公厅放假安排", "请对照当年的放假通知核对"),
        ];
        check_cases(cases, |&(start, end, severity, first, second)| {
            let found = described(start, end);
            let says = |f: &String| f.starts_with(severity) && f.contains(first) && f.contains(second);
            ensure(found.len() == 1 && says(&found[0]), || format!("{found:?}"))
        });
    }

    #[test]
    fn publicity_errors_explain_the_fix() {
        let cases = [
            ("2025-09-29", "2025-10-10", "只有 4 个工作日", "最早应为 2025年10月11日"),
            ("2025-03-07", "2025-03-03", "早于开始日期", "请核对两个日期"),
        ];
        check_cases(cases, |&(start, end, first, second)| {
            let found = described(start, end);
            let explained = |f: &String| f.starts_with("Error") && f.contains(first) && f.contains(second);
            ensure(found.len() == 1 && explained(&found[0]) && !found[0].contains("估算"), || format!("{found:?}"))
        });
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
        // Without a published arrangement the National Day week of 2025 is estimated: 10-01 to
        // 10-03 and 中秋 (10-06) are off, the bridge days 10-07 and 10-08 are not known.
        let form = TestForm::new(FIELDS).with("preStart", "2025-09-29");
        let estimate = HolidayCalendar::default();
        let found = form.check_with_calendar("preEnd", "2025-10-10", &five_days(), &estimate);
        assert!(found.len() == 1 && !found[0].is_error() && found[0].message.contains("2025 年"), "{found:?}");
        let found = form.check_with_calendar("preEnd", "2025-10-06", &five_days(), &estimate);
        assert!(found.len() == 1 && found[0].is_error() && found[0].message.contains("只有 2 个工作日"), "{found:?}");
    }
}
