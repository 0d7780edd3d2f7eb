//! Tests of the working-day calendar: the published file, the spec's vectors, the estimate for
//! years without an arrangement and the refusal of malformed files.

use super::*;
use crate::rules::table::{check_cases, check_table, ensure};
use crate::rules::vectors::{text_of, vector_cases};

fn date(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("bad test date {text}"))
}

#[test]
fn the_published_file_loads_and_covers_2020_to_2026() {
    let calendar = published_for_tests();
    assert_eq!(calendar.published_years(), Some((2020, 2026)));
    assert!(calendar.source().contains("国务院办公厅"), "{}", calendar.source());
    assert!(calendar.notices().iter().all(|n| n.contains("gov.cn")) && calendar.notices().len() >= 7);
}

#[test]
fn every_shared_publicity_vector_counts_as_expected() {
    let calendar = published_for_tests();
    check_cases(vector_cases("publicity_5_working_days"), |case| {
        let (start, end) = (date(text_of(case, "start")), date(text_of(case, "end")));
        let expected = case["working_days"].as_u64().expect("working_days") as u32;
        let count = calendar.working_days_between(start, end);
        ensure(count == WorkingDayCount { days: expected, estimated: false }, || format!("{count:?}"))
    });
}

#[test]
fn the_nth_working_day_examples_of_the_spec() {
    let calendar = published_for_tests();
    let cases = [
        ("2025-09-29", 5, "2025-10-11"),
        ("2024-09-30", 5, "2024-10-11"),
        ("2025-04-30", 5, "2025-05-09"),
        ("2024-12-30", 5, "2025-01-06"),
        ("2025-10-01", 5, "2025-10-14"),
        ("2025-03-03", 1, "2025-03-03"),
        ("2025-03-01", 1, "2025-03-03"),
        ("2025-03-03", 0, "2025-03-03"),
        // Estimated: 元旦 2027 and 春节 2027 (除夕 02-05 to 初三 02-08, 补假 02-09 and 02-10).
        ("2026-12-28", 5, "2027-01-04"),
        ("2027-02-01", 5, "2027-02-11"),
    ];
    check_table(cases.map(|(start, n, expected)| ((start, n), date(expected))), |&(start, n)| {
        calendar.nth_working_day(date(start), n)
    });
}

#[test]
fn make_up_days_and_holidays_of_every_year() {
    let calendar = published_for_tests();
    let cases = [
        ("2020-01-19", true),
        ("2020-02-01", false),
        ("2020-10-08", false),
        ("2021-09-18", true),
        ("2021-10-09", true),
        ("2022-01-29", true),
        ("2022-10-07", false),
        ("2023-01-28", true),
        ("2023-09-29", false),
        ("2024-02-18", true),
        ("2024-06-10", false),
        ("2025-01-26", true),
        ("2025-02-04", false),
        ("2026-02-28", true),
        ("2026-05-05", false),
        ("2026-05-06", true),
        ("2026-05-09", true),
        ("2026-05-10", false),
        // Estimated years: statutory holidays and their 补假 are days off, other weekdays work.
        ("2019-10-01", false),
        ("2027-01-01", false),
        ("2027-01-04", true),
        ("2027-02-05", false),
        ("2027-02-10", false),
        ("2027-02-11", true),
        ("2027-04-05", false),
        ("2027-06-09", false),
        ("2027-09-15", false),
        ("2027-10-05", false),
        ("2027-10-06", true),
    ];
    check_table(cases, |day| calendar.is_working_day(date(day)));
}

#[test]
fn the_estimate_gives_only_days_the_published_years_had_off() {
    // Every statutory holiday (and 补假) the rules give must be a day off in the State Council's
    // own arrangement, for every year the published file covers (2025–2026 under the current
    // 办法, 2020–2024 under the 2013 one).
    let calendar = published_for_tests();
    let wrong: Vec<Date> =
        (2020..=2026).flat_map(statutory::days_off).filter(|d| calendar.is_working_day(*d)).collect();
    assert_eq!(wrong, Vec::<Date>::new());
    assert_eq!(statutory::days_off(2026).len(), 16, "{:?}", statutory::days_off(2026));
}

#[test]
fn years_without_an_arrangement_are_estimated_and_say_so() {
    let calendar = published_for_tests();
    let cases = [
        ("2027-03-01", "2027-03-05", 5, true),
        ("2026-12-28", "2027-01-01", 4, true),
        ("2027-02-01", "2027-02-05", 4, true),
        ("2027-02-03", "2027-02-09", 2, true),
        ("2019-12-30", "2020-01-03", 4, true),
        ("2026-03-02", "2026-03-06", 5, false),
    ];
    check_cases(cases, |&(start, end, days, estimated)| {
        let count = calendar.working_days_between(date(start), date(end));
        ensure(count == WorkingDayCount { days, estimated }, || format!("{count:?}"))
    });
    assert_eq!(calendar.estimated_years(date("2025-12-01"), date("2031-01-01"), 3), vec![2027, 2028, 2029]);
}

#[test]
fn the_description_names_the_published_years_and_the_estimate() {
    let described = published_for_tests().describe();
    assert!(described.contains("（2020–2026 年）") && described.contains("2027 年起按《全国年节及纪念日放假办法》"));
    assert!(HolidayCalendar::default().describe().starts_with("未能载入国务院办公厅放假安排"));
}

#[test]
fn extreme_ranges_stay_cheap_and_consistent() {
    let calendar = published_for_tests();
    assert_eq!(calendar.nth_working_day(date("2025-01-01"), u32::MAX), LAST_SEARCHED);
    let estimate = HolidayCalendar::default();
    let cases = [("2025-03-03", 1), ("2025-03-03", 5), ("2025-03-08", 7), ("2025-03-03", 263), ("2026-09-28", 900)];
    check_cases(cases, |&(start, n)| {
        let nth = estimate.nth_working_day(date(start), n);
        let counted = estimate.working_days_between(date(start), nth).days;
        ensure(counted == n && estimate.is_working_day(nth), || format!("{nth} holds {counted} working days"))
    });
    let span = calendar.working_days_between(date("0001-01-01"), date("9999-12-31"));
    assert!(span.estimated && span.days > 2_000_000, "{span:?}");
}

#[test]
fn malformed_files_are_refused_with_a_reason() {
    let year = |key: &str, off: &str, workdays: &str| {
        format!(r#"{{"years": {{"{key}": {{"off": [{off}], "workdays": [{workdays}]}}}}}}"#)
    };
    let many = vec!["\"2025-01-01\""; 81].join(",");
    let cases = [
        ("not json".to_string(), "JSON"),
        (year("20x5", "", ""), "20x5"),
        (year("+2025", "", ""), "+2025"),
        (year("3025", "", ""), "1901–2100"),
        (year("2025", "\"2025-02-30\"", ""), "2025-02-30"),
        (year("2025", "\"2025-3-3\"", ""), "YYYY-MM-DD"),
        (year("2025", "\"2026-02-01\"", ""), "移到 2026 年"),
        (year("2025", "\"2024-11-30\"", ""), "移到 2024 年"),
        (year("2025", "", "\"2025-03-03\""), "不是周末"),
        (year("2025", "\"2025-10-11\"", "\"2025-10-11\""), "同时"),
        (year("2025", &many, ""), "过多"),
        (r#"{"years": {}}"#.to_string(), "没有任何年份"),
        (r#"{"years": {"2024": {"off": [], "workdays": []}, "2026": {"off": [], "workdays": []}}}"#.into(), "不连续"),
        (r#"{"first_year": 2020, "years": {"2025": {"off": [], "workdays": []}}}"#.into(), "first_year"),
        (format!(r#"{{"source": "{}", "years": {{}}}}"#, "长".repeat(4001)), "过长"),
        (" ".repeat(MAX_JSON_BYTES + 1), "KB"),
        (r#"{"notices": ["javascript:alert(1)"], "years": {}}"#.into(), "不是网址"),
    ];
    check_cases(cases, |(text, expected)| match HolidayCalendar::from_json(text) {
        Err(message) => ensure(message.contains(expected), || message),
        Ok(calendar) => Err(format!("accepted as {calendar:?}")),
    });
}
