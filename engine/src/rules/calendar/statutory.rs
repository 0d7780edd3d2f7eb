//! The days off a year has by the statutory holidays of 《全国年节及纪念日放假办法》 alone, for
//! years whose State Council arrangement (放假安排) is not in the published calendar: an estimate
//! that never counts a statutory holiday as a working day, but cannot know the bridge days and
//! weekend make-up days (调休) the yearly notice adds.

use super::lunar;
use crate::date::Date;

/// The first year of the 办法 as revised in 2024-11 (春节 from 除夕, 劳动节 two days).
const CURRENT_RULES_FROM: i32 = 2025;

/// The statutory days off of `year`, in order, each holiday that falls on a Saturday or Sunday
/// followed by its 补假. Years before 2025 follow the 2013 办法 (春节 正月初一 to 初三, 劳动节
/// one day); lunar holidays are known from 1901 to 2100, 清明 from 1901 to 2100.
pub fn days_off(year: i32) -> Vec<Date> {
    let mut holidays = holidays(year);
    holidays.sort_unstable();
    holidays.dedup();
    with_substitute_days(holidays)
}

/// The statutory holidays themselves, unordered.
fn holidays(year: i32) -> Vec<Date> {
    let current = year >= CURRENT_RULES_FROM;
    let day = |month, day| Date::new(year, month, day);
    let mut found = vec![day(1, 1), day(5, 1), day(10, 1), day(10, 2), day(10, 3), qingming(year)];
    if current {
        found.push(day(5, 2));
    }
    // 正月初一 of the lunar year that begins in `year`; 除夕 is the day before it.
    if let Some(new_year) = lunar::to_gregorian(year, 1, 1) {
        let first = if current { -1 } else { 0 };
        found.extend((first..3).map(|offset| Some(new_year.add_days(offset))));
    }
    found.push(lunar::to_gregorian(year, 5, 5));
    found.push(lunar::to_gregorian(year, 8, 15));
    found.into_iter().flatten().filter(|d| d.year == year).collect()
}

/// 清明, the day the sun reaches 15° longitude, by the usual formula for the solar terms
/// (「寿星通式」: ⌊Y × 0.2422 + C⌋ − ⌊Y / 4⌋, Y the year of the century, C = 5.59 in the 20th
/// century and 4.81 in the 21st), in exact integer arithmetic.
fn qingming(year: i32) -> Option<Date> {
    let (century_start, c) = match year {
        1901..=2000 => (1900, 55_900),
        2001..=2100 => (2000, 48_100),
        _ => return None,
    };
    let y = year - century_start;
    let day = (y * 2422 + c) / 10_000 - y / 4;
    Date::new(year, 4, u32::try_from(day).ok()?)
}

/// Adds 补假: when a holiday falls on a Saturday or Sunday, the next weekday that is not already
/// off is given in its place. That is how the 办法's rule is usually applied; the yearly notice
/// decides, and may move days further (调休).
fn with_substitute_days(holidays: Vec<Date>) -> Vec<Date> {
    let mut off = holidays.clone();
    for holiday in holidays.iter().filter(|d| d.weekday().is_weekend()) {
        let mut day = holiday.add_days(1);
        while day.weekday().is_weekend() || off.contains(&day) {
            day = day.add_days(1);
        }
        off.push(day);
    }
    off.sort_unstable();
    off
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::check_table;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|| panic!("bad test date {text}"))
    }

    fn dates(texts: &[&str]) -> Vec<Date> {
        texts.iter().map(|t| date(t)).collect()
    }

    #[test]
    fn qingming_of_2000_to_2030() {
        let cases = [
            (2000, "2000-04-04"),
            (2008, "2008-04-04"),
            (2019, "2019-04-05"),
            (2020, "2020-04-04"),
            (2021, "2021-04-04"),
            (2022, "2022-04-05"),
            (2023, "2023-04-05"),
            (2024, "2024-04-04"),
            (2025, "2025-04-04"),
            (2026, "2026-04-05"),
            (2027, "2027-04-05"),
            (2028, "2028-04-04"),
            (2029, "2029-04-04"),
            (2030, "2030-04-05"),
        ];
        check_table(cases.map(|(year, expected)| (year, Some(date(expected)))), |&year| qingming(year));
        check_table([(1900, None), (2101, None)], |&year| qingming(year));
    }

    #[test]
    fn the_days_off_of_2027_with_their_substitute_days() {
        let expected = dates(&[
            "2027-01-01", // 元旦, a Friday
            "2027-02-05", // 除夕
            "2027-02-06", // 春节 (Saturday)
            "2027-02-07", // 初二 (Sunday)
            "2027-02-08", // 初三
            "2027-02-09", // 补假 for the Saturday
            "2027-02-10", // 补假 for the Sunday
            "2027-04-05", // 清明
            "2027-05-01", // 劳动节 (Saturday)
            "2027-05-02", // (Sunday)
            "2027-05-03", // 补假
            "2027-05-04", // 补假
            "2027-06-09", // 端午
            "2027-09-15", // 中秋
            "2027-10-01", // 国庆
            "2027-10-02",
            "2027-10-03",
            "2027-10-04", // 补假
            "2027-10-05", // 补假
        ]);
        assert_eq!(days_off(2027), expected);
    }

    #[test]
    fn before_2025_the_2013_rules_apply() {
        let off = days_off(2024);
        // 除夕 2024-02-09 and 05-02 were no statutory holidays under the 2013 办法.
        assert!(!off.contains(&date("2024-02-09")) && !off.contains(&date("2024-05-02")), "{off:?}");
        assert!(off.contains(&date("2024-02-10")) && off.contains(&date("2024-05-01")), "{off:?}");
    }
}
