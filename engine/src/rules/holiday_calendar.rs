//! V-PUB-1: working days under the State Council holiday arrangements, for the rule that a
//! publicity period (评前/评后公示) lasts at least 5 working days.
//!
//! A working day is a Monday–Friday that is not an official day off, or a weekend day declared a
//! make-up working day (调休上班). Years without bundled data fall back to Monday–Friday.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::date::{Date, Weekday};
use crate::report::Finding;

/// The official days off and make-up working days of the years the data covers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HolidayCalendar {
    source: String,
    years: BTreeSet<i32>,
    days_off: BTreeSet<Date>,
    make_up_workdays: BTreeSet<Date>,
}

/// How many working days a period has, and whether every year in it had holiday data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkingDayCount {
    pub days: u32,
    pub complete_data: bool,
}

/// The data file: `{"source": "...", "years": {"2025": {"off": [...], "workdays": [...]}}}`.
#[derive(Deserialize)]
struct CalendarFile {
    #[serde(default)]
    source: String,
    years: BTreeMap<String, YearFile>,
}

#[derive(Deserialize)]
struct YearFile {
    off: Vec<String>,
    workdays: Vec<String>,
}

impl HolidayCalendar {
    /// Reads holiday data, refusing malformed years and dates, make-up working days that are not
    /// weekend days, and days listed both as off and as working.
    pub fn from_json(text: &str) -> Result<HolidayCalendar, String> {
        let file: CalendarFile = serde_json::from_str(text).map_err(|e| format!("节假日数据不是有效的 JSON：{e}"))?;
        let mut calendar = HolidayCalendar { source: file.source.clone(), ..HolidayCalendar::default() };
        for (year_text, year) in &file.years {
            let year_number =
                year_text.parse::<i32>().map_err(|_| format!("节假日数据中的年份「{year_text}」不是数字"))?;
            calendar.years.insert(year_number);
            for text in &year.off {
                calendar.days_off.insert(parse_data_date(year_text, text)?);
            }
            for text in &year.workdays {
                let date = parse_data_date(year_text, text)?;
                if !date.weekday().is_weekend() {
                    return Err(format!("{year_text} 年的调休上班日 {text} 不是周末"));
                }
                calendar.make_up_workdays.insert(date);
            }
        }
        if let Some(both) = calendar.days_off.intersection(&calendar.make_up_workdays).next() {
            return Err(format!("{both} 同时被列为放假日和调休上班日"));
        }
        Ok(calendar)
    }

    /// The bundled State Council arrangements (see `data/holidays/cn.json` for the years covered).
    /// Should the bundled file ever fail to load, the calendar is empty and every year falls back
    /// to Monday–Friday with a warning, rather than stopping the form.
    pub fn bundled() -> &'static HolidayCalendar {
        static BUNDLED: OnceLock<HolidayCalendar> = OnceLock::new();
        BUNDLED
            .get_or_init(|| HolidayCalendar::from_json(include_str!("../../data/holidays/cn.json")).unwrap_or_default())
    }

    /// Where the holiday data comes from (the notices it was transcribed from), for display.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether `d` is a working day, or `None` when its year has no holiday data.
    pub fn is_working_day(&self, d: Date) -> Option<bool> {
        self.years.contains(&d.year).then(|| self.is_working_day_or_weekday(d))
    }

    /// The working-day status with the Monday–Friday fallback for years without data.
    fn is_working_day_or_weekday(&self, d: Date) -> bool {
        if self.make_up_workdays.contains(&d) {
            return true;
        }
        !d.weekday().is_weekend() && !self.days_off.contains(&d)
    }

    /// Whether every year from `first` to `last` has holiday data.
    fn covers_years(&self, first: i32, last: i32) -> bool {
        (first..=last).all(|year| self.years.contains(&year))
    }

    /// The working days from `start` to `end`, both included (0 when `end` is before `start`).
    /// Counted in constant time per listed day, so that even absurd ranges stay cheap.
    pub fn working_days_between(&self, start: Date, end: Date) -> WorkingDayCount {
        if end < start {
            return WorkingDayCount { days: 0, complete_data: true };
        }
        let weekdays = weekdays_between(start, end);
        let off_on_weekdays = self.days_off.range(start..=end).filter(|d| !d.weekday().is_weekend()).count();
        let make_up = self.make_up_workdays.range(start..=end).count();
        let days = (weekdays + make_up as i64 - off_on_weekdays as i64).clamp(0, i64::from(u32::MAX)) as u32;
        WorkingDayCount { days, complete_data: self.covers_years(start.year, end.year) }
    }

    /// The `n`-th working day counting from `start` (itself the first when it is a working day);
    /// `n = 0` gives `start`. Past the last year with data, whole weeks are skipped arithmetically.
    pub fn nth_working_day(&self, start: Date, n: u32) -> Date {
        let last_data_year = self.years.last().copied().unwrap_or(i32::MIN);
        let mut day = start;
        let mut remaining = n;
        while remaining > 0 {
            if self.is_working_day_or_weekday(day) {
                remaining -= 1;
                if remaining == 0 {
                    return day;
                }
            }
            day = day.add_days(1);
            let beyond_data = day.year > last_data_year;
            if beyond_data && remaining > 5 && day.weekday() == Weekday::Mon {
                let weeks = (remaining - 1) / 5;
                day = day.add_days(i64::from(weeks) * 7);
                remaining -= weeks * 5;
            }
        }
        day
    }

    /// Checks a publicity period: the end must not be before the start, and the period must hold
    /// at least `min_days` working days (errors); years without holiday data give a warning.
    pub fn check_publicity_period(&self, start: Date, end: Date, min_days: u32) -> Vec<Finding> {
        if end < start {
            return vec![Finding::error(
                "V-PUB-1",
                format!("公示结束日期（{}）早于开始日期（{}），请核对两个日期。", end.chinese(), start.chinese()),
            )];
        }
        let count = self.working_days_between(start, end);
        let mut found = Vec::new();
        if count.days < min_days {
            let earliest_end = self.nth_working_day(start, min_days);
            found.push(Finding::error(
                "V-PUB-1",
                format!(
                    "公示期 {} 至 {} 只有 {} 个工作日（已扣除法定节假日），不足 {min_days} 个工作日。按此开始日期，结束日期最早应为 {}。",
                    start.chinese(),
                    end.chinese(),
                    count.days,
                    earliest_end.chinese()
                ),
            ));
        }
        if !count.complete_data {
            let missing: Vec<String> =
                (start.year..=end.year).filter(|y| !self.years.contains(y)).take(3).map(|y| y.to_string()).collect();
            found.push(Finding::warning(
                "V-PUB-1",
                format!(
                    "暂无 {} 年的法定节假日安排，该年按周一至周五计算工作日，请对照国务院办公厅的放假通知自行核对公示期是否满 {min_days} 个工作日。",
                    missing.join("、")
                ),
            ));
        }
        found
    }
}

/// Reads one date of the data file, naming the year it was listed under when it is malformed.
fn parse_data_date(year: &str, text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("节假日数据 {year} 年中的「{text}」不是 YYYY-MM-DD 日期"))
}

/// The Mondays–Fridays from `start` to `end` inclusive (`start` ≤ `end`), in constant time.
fn weekdays_between(start: Date, end: Date) -> i64 {
    let total = end.to_days() - start.to_days() + 1;
    let whole_weeks = total / 7;
    let rest = (0..total % 7).filter(|offset| !start.add_days(*offset).weekday().is_weekend()).count();
    whole_weeks * 5 + rest as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::{check_cases, check_table, ensure};
    use crate::rules::vectors::{text_of, vector_cases};

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|| panic!("bad test date {text}"))
    }

    #[test]
    fn the_bundled_data_loads_and_covers_2020_to_2026() {
        let text = include_str!("../../data/holidays/cn.json");
        let calendar = HolidayCalendar::from_json(text).unwrap_or_else(|e| panic!("bundled data: {e}"));
        assert_eq!(calendar.years.iter().copied().collect::<Vec<_>>(), (2020..=2026).collect::<Vec<_>>());
        assert_eq!(HolidayCalendar::bundled(), &calendar);
        assert!(calendar.source().contains("国务院办公厅"), "{}", calendar.source());
    }

    #[test]
    fn every_shared_publicity_vector_counts_as_expected() {
        let calendar = HolidayCalendar::bundled();
        check_cases(vector_cases("publicity_5_working_days"), |case| {
            let (start, end) = (date(text_of(case, "start")), date(text_of(case, "end")));
            let expected = case["working_days"].as_u64().expect("working_days") as u32;
            let meets = case["meets_5"].as_bool().expect("meets_5");
            let count = calendar.working_days_between(start, end);
            ensure(count == WorkingDayCount { days: expected, complete_data: true }, || format!("{count:?}"))?;
            let found = calendar.check_publicity_period(start, end, 5);
            ensure(found.is_empty() == meets, || format!("meets 5 should be {meets}: {found:?}"))
        });
    }

    #[test]
    fn the_nth_working_day_examples_of_the_spec() {
        let calendar = HolidayCalendar::bundled();
        let cases = [
            ("2025-09-29", 5, "2025-10-11"),
            ("2024-09-30", 5, "2024-10-11"),
            ("2025-04-30", 5, "2025-05-09"),
            ("2024-12-30", 5, "2025-01-06"),
            ("2025-10-01", 5, "2025-10-14"),
            ("2025-03-03", 1, "2025-03-03"),
            ("2025-03-01", 1, "2025-03-03"),
            ("2025-03-03", 0, "2025-03-03"),
        ];
        check_table(cases.map(|(start, n, expected)| ((start, n), date(expected))), |&(start, n)| {
            calendar.nth_working_day(date(start), n)
        });
    }

    #[test]
    fn make_up_days_and_holidays_of_every_bundled_year() {
        let calendar = HolidayCalendar::bundled();
        let cases = [
            ("2020-01-19", Some(true)),
            ("2020-02-01", Some(false)),
            ("2020-10-08", Some(false)),
            ("2021-09-18", Some(true)),
            ("2021-10-09", Some(true)),
            ("2022-01-29", Some(true)),
            ("2022-10-07", Some(false)),
            ("2023-01-28", Some(true)),
            ("2023-09-29", Some(false)),
            ("2024-02-18", Some(true)),
            ("2024-06-10", Some(false)),
            ("2025-01-26", Some(true)),
            ("2025-02-04", Some(false)),
            ("2026-02-28", Some(true)),
            ("2026-05-05", Some(false)),
            ("2026-05-06", Some(true)),
            ("2026-05-09", Some(true)),
            ("2026-05-10", Some(false)),
            ("2019-10-01", None),
            ("2027-01-04", None),
        ];
        check_table(cases, |day| calendar.is_working_day(date(day)));
    }

    #[test]
    fn years_without_data_fall_back_to_weekdays_with_a_warning() {
        let calendar = HolidayCalendar::bundled();
        let cases = [
            ("2027-03-01", "2027-03-05", 5, false, "2027 年"),
            ("2026-12-28", "2027-01-01", 5, false, "2027 年"),
            ("2019-12-30", "2020-01-03", 4, false, "2019 年"),
        ];
        check_cases(cases, |&(start, end, days, complete, missing)| {
            let count = calendar.working_days_between(date(start), date(end));
            ensure(count == WorkingDayCount { days, complete_data: complete }, || format!("{count:?}"))?;
            let found = calendar.check_publicity_period(date(start), date(end), 1);
            let warns = found.len() == 1 && !found[0].is_error() && found[0].message.contains(missing);
            ensure(warns, || format!("{found:?}"))
        });
    }

    #[test]
    fn publicity_errors_explain_the_fix() {
        let calendar = HolidayCalendar::bundled();
        let cases = [
            ("2025-09-29", "2025-10-10", "只有 4 个工作日", "最早应为 2025年10月11日"),
            ("2025-03-07", "2025-03-03", "早于开始日期", "请核对两个日期"),
        ];
        check_cases(cases, |&(start, end, first, second)| {
            let found = calendar.check_publicity_period(date(start), date(end), 5);
            let explained = |f: &Finding| f.is_error() && f.message.contains(first) && f.message.contains(second);
            ensure(found.len() == 1 && explained(&found[0]), || format!("{found:?}"))
        });
    }

    #[test]
    fn extreme_ranges_stay_cheap_and_consistent() {
        let calendar = HolidayCalendar::bundled();
        let far = calendar.nth_working_day(date("2025-01-01"), u32::MAX);
        assert!(far.year > 2025, "{far}");
        let empty = HolidayCalendar::default();
        let cases = [("2025-03-03", 1), ("2025-03-03", 5), ("2025-03-08", 7), ("2025-03-03", 263)];
        check_cases(cases, |&(start, n)| {
            let nth = empty.nth_working_day(date(start), n);
            let counted = empty.working_days_between(date(start), nth).days;
            ensure(counted == n && !nth.weekday().is_weekend(), || format!("{nth} holds {counted} working days"))
        });
        let span = calendar.working_days_between(date("0001-01-01"), date("9999-12-31"));
        assert!(!span.complete_data && span.days > 2_000_000, "{span:?}");
    }

    #[test]
    fn malformed_data_is_refused_with_a_reason() {
        let cases = [
            ("not json", "JSON"),
            (r#"{"years": {"20x5": {"off": [], "workdays": []}}}"#, "20x5"),
            (r#"{"years": {"2025": {"off": ["2025-02-30"], "workdays": []}}}"#, "2025-02-30"),
            (r#"{"years": {"2025": {"off": [], "workdays": ["2025-03-03"]}}}"#, "不是周末"),
            (r#"{"years": {"2025": {"off": ["2025-10-11"], "workdays": ["2025-10-11"]}}}"#, "同时"),
        ];
        check_cases(cases, |&(text, expected)| match HolidayCalendar::from_json(text) {
            Err(message) => ensure(message.contains(expected), || message),
            Ok(calendar) => Err(format!("accepted as {calendar:?}")),
        });
    }
}
