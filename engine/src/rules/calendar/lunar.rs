//! The Chinese lunar calendar (农历) from 1900 to 2100 as a compact table, to find the Gregorian
//! dates of the statutory holidays fixed by lunar dates: 除夕 and 春节, 端午 and 中秋.

use crate::date::Date;

/// One entry per lunar year from 1900 to 2100, the widely used `lunarInfo` table (as published
/// in jjonline/calendar.js, MIT, whose years 1900–2049 are the long-circulating table derived from
/// the Hong Kong Observatory's and 紫金山天文台's conversion tables, extended to 2100 there).
/// Bits 0–3: the leap month (0 for none); bits 4–15: whether months 12 down to 1 have 30 days
/// (bit `0x10000 >> m` for month `m`); bit 16: whether the leap month has 30 days.
const YEARS: [u32; 201] = [
    0x04bd8, 0x04ae0, 0x0a570, 0x054d5, 0x0d260, 0x0d950, 0x16554, 0x056a0, 0x09ad0, 0x055d2, // 1900
    0x04ae0, 0x0a5b6, 0x0a4d0, 0x0d250, 0x1d255, 0x0b540, 0x0d6a0, 0x0ada2, 0x095b0, 0x14977, // 1910
    0x04970, 0x0a4b0, 0x0b4b5, 0x06a50, 0x06d40, 0x1ab54, 0x02b60, 0x09570, 0x052f2, 0x04970, // 1920
    0x06566, 0x0d4a0, 0x0ea50, 0x16a95, 0x05ad0, 0x02b60, 0x186e3, 0x092e0, 0x1c8d7, 0x0c950, // 1930
    0x0d4a0, 0x1d8a6, 0x0b550, 0x056a0, 0x1a5b4, 0x025d0, 0x092d0, 0x0d2b2, 0x0a950, 0x0b557, // 1940
    0x06ca0, 0x0b550, 0x15355, 0x04da0, 0x0a5b0, 0x14573, 0x052b0, 0x0a9a8, 0x0e950, 0x06aa0, // 1950
    0x0aea6, 0x0ab50, 0x04b60, 0x0aae4, 0x0a570, 0x05260, 0x0f263, 0x0d950, 0x05b57, 0x056a0, // 1960
    0x096d0, 0x04dd5, 0x04ad0, 0x0a4d0, 0x0d4d4, 0x0d250, 0x0d558, 0x0b540, 0x0b6a0, 0x195a6, // 1970
    0x095b0, 0x049b0, 0x0a974, 0x0a4b0, 0x0b27a, 0x06a50, 0x06d40, 0x0af46, 0x0ab60, 0x09570, // 1980
    0x04af5, 0x04970, 0x064b0, 0x074a3, 0x0ea50, 0x06b58, 0x05ac0, 0x0ab60, 0x096d5, 0x092e0, // 1990
    0x0c960, 0x0d954, 0x0d4a0, 0x0da50, 0x07552, 0x056a0, 0x0abb7, 0x025d0, 0x092d0, 0x0cab5, // 2000
    0x0a950, 0x0b4a0, 0x0baa4, 0x0ad50, 0x055d9, 0x04ba0, 0x0a5b0, 0x15176, 0x052b0, 0x0a930, // 2010
    0x07954, 0x06aa0, 0x0ad50, 0x05b52, 0x04b60, 0x0a6e6, 0x0a4e0, 0x0d260, 0x0ea65, 0x0d530, // 2020
    0x05aa0, 0x076a3, 0x096d0, 0x04afb, 0x04ad0, 0x0a4d0, 0x1d0b6, 0x0d250, 0x0d520, 0x0dd45, // 2030
    0x0b5a0, 0x056d0, 0x055b2, 0x049b0, 0x0a577, 0x0a4b0, 0x0aa50, 0x1b255, 0x06d20, 0x0ada0, // 2040
    0x14b63, 0x09370, 0x049f8, 0x04970, 0x064b0, 0x168a6, 0x0ea50, 0x06b20, 0x1a6c4, 0x0aae0, // 2050
    0x092e0, 0x0d2e3, 0x0c960, 0x0d557, 0x0d4a0, 0x0da50, 0x05d55, 0x056a0, 0x0a6d0, 0x055d4, // 2060
    0x052d0, 0x0a9b8, 0x0a950, 0x0b4a0, 0x0b6a6, 0x0ad50, 0x055a0, 0x0aba4, 0x0a5b0, 0x052b0, // 2070
    0x0b273, 0x06930, 0x07337, 0x06aa0, 0x0ad50, 0x14b55, 0x04b60, 0x0a570, 0x054e4, 0x0d160, // 2080
    0x0e968, 0x0d520, 0x0daa0, 0x16aa6, 0x056d0, 0x04ae0, 0x0a9d4, 0x0a2d0, 0x0d150, 0x0f252, // 2090
    0x0d520, // 2100
];

const FIRST_YEAR: i32 = 1900;

/// 正月初一 of lunar 1900 was 1900-01-31.
const FIRST_NEW_YEAR: Date = Date { year: 1900, month: 1, day: 31 };

/// The Gregorian date of day `day` of the ordinary (not leap) month `month` of lunar year `year`,
/// or `None` outside the table.
pub fn to_gregorian(year: i32, month: u32, day: u32) -> Option<Date> {
    let info = entry(year)?;
    let years_before: i64 = (FIRST_YEAR..year).map(|y| entry(y).map_or(0, year_length)).sum();
    let leap = info & 0xf;
    let months_before: i64 =
        (1..month).map(|m| month_length(info, m) + if m == leap { leap_month_length(info) } else { 0 }).sum();
    Some(FIRST_NEW_YEAR.add_days(years_before + months_before + i64::from(day) - 1))
}

fn entry(year: i32) -> Option<u32> {
    usize::try_from(year - FIRST_YEAR).ok().and_then(|i| YEARS.get(i)).copied()
}

fn month_length(info: u32, month: u32) -> i64 {
    if info & (0x10000 >> month) != 0 {
        30
    } else {
        29
    }
}

fn leap_month_length(info: u32) -> i64 {
    match (info & 0xf, info & 0x10000) {
        (0, _) => 0,
        (_, 0) => 29,
        _ => 30,
    }
}

fn year_length(info: u32) -> i64 {
    (1..=12).map(|m| month_length(info, m)).sum::<i64>() + leap_month_length(info)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::check_table;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|| panic!("bad test date {text}"))
    }

    #[test]
    fn lunar_new_year_of_2000_to_2035_falls_on_the_published_day() {
        let cases = [
            (2000, "2000-02-05"),
            (2012, "2012-01-23"),
            (2020, "2020-01-25"),
            (2021, "2021-02-12"),
            (2022, "2022-02-01"),
            (2023, "2023-01-22"),
            (2024, "2024-02-10"),
            (2025, "2025-01-29"),
            (2026, "2026-02-17"),
            (2027, "2027-02-06"),
            (2028, "2028-01-26"),
            (2029, "2029-02-13"),
            (2030, "2030-02-03"),
            (2031, "2031-01-23"),
            (2033, "2033-01-31"),
            (2034, "2034-02-19"),
            (2035, "2035-02-08"),
        ];
        check_table(cases.map(|(year, expected)| (year, Some(date(expected)))), |&year| to_gregorian(year, 1, 1));
    }

    #[test]
    fn dragon_boat_and_mid_autumn_of_2020_to_2030() {
        let cases = [
            ((2020, 5), "2020-06-25"),
            ((2020, 8), "2020-10-01"),
            ((2023, 5), "2023-06-22"),
            ((2023, 8), "2023-09-29"),
            ((2025, 5), "2025-05-31"),
            ((2025, 8), "2025-10-06"),
            ((2026, 5), "2026-06-19"),
            ((2026, 8), "2026-09-25"),
            ((2027, 5), "2027-06-09"),
            ((2027, 8), "2027-09-15"),
            ((2028, 5), "2028-05-28"),
            ((2028, 8), "2028-10-03"),
            ((2029, 5), "2029-06-16"),
            ((2029, 8), "2029-09-22"),
            ((2030, 5), "2030-06-05"),
            ((2030, 8), "2030-09-12"),
        ];
        check_table(cases.map(|((year, month), expected)| ((year, month), Some(date(expected)))), |&(year, month)| {
            to_gregorian(year, month, if month == 5 { 5 } else { 15 })
        });
    }

    #[test]
    fn years_outside_the_table_have_no_lunar_dates() {
        check_table([(1899, None), (2101, None)], |&year| to_gregorian(year, 1, 1));
    }
}
