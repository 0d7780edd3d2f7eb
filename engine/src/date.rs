//! Civil (proleptic Gregorian) dates without time zones: parsing the formats the form uses and simple arithmetic.
//!
//! The engine only needs calendar days, so it keeps its own tiny date type instead of pulling a
//! date-time crate into the browser bundle.

use std::fmt;

/// A calendar day. Ordering is chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// Day of the week, Monday first as in Chinese calendars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub fn is_weekend(self) -> bool {
        matches!(self, Weekday::Sat | Weekday::Sun)
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// Builds a date, refusing days that do not exist (2023-02-29, month 13, …).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` (the value format of `<input type="date">`) and also accepts `/` or `.`
    /// separators, which applicants paste from other documents.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let mut parts = text.split(['-', '/', '.']);
        let year = parse_digits(parts.next()?, 4)?;
        let month = parse_number(parts.next()?, 2)?;
        let day = parse_number(parts.next()?, 2)?;
        if parts.next().is_some() {
            return None;
        }
        Date::new(year as i32, month, day)
    }

    /// Parses `YYYYMMDD` as found inside identity numbers.
    pub fn parse_compact(text: &str) -> Option<Date> {
        if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year = text[0..4].parse().ok()?;
        let month = text[4..6].parse().ok()?;
        let day = text[6..8].parse().ok()?;
        Date::new(year, month, day)
    }

    /// Parses a year-month value `YYYY-MM` as the first day of that month.
    pub fn parse_year_month(text: &str) -> Option<Date> {
        let text = text.trim();
        let mut parts = text.split(['-', '/', '.']);
        let year = parse_digits(parts.next()?, 4)?;
        let month = parse_number(parts.next()?, 2)?;
        if parts.next().is_some() {
            return None;
        }
        Date::new(year as i32, month, 1)
    }

    /// Parses any of the form's date-like values: a full date, a year-month (first of the
    /// month) or a bare year (January 1st).
    pub fn parse_loose(text: &str) -> Option<Date> {
        let text = text.trim();
        Date::parse(text)
            .or_else(|| Date::parse_year_month(text))
            .or_else(|| parse_digits(text, 4).and_then(|y| Date::new(y as i32, 1, 1)))
    }

    pub fn first_of_year(year: i32) -> Date {
        Date { year, month: 1, day: 1 }
    }

    pub fn last_of_year(year: i32) -> Date {
        Date { year, month: 12, day: 31 }
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's `days_from_civil`.
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Milliseconds since the epoch at `h:m:s` UTC on this date; `None` before 1970.
    pub fn epoch_ms(self, h: u64, m: u64, s: u64) -> Option<u64> {
        let days = u64::try_from(self.to_days()).ok()?;
        Some((days * 86_400 + h * 3600 + m * 60 + s) * 1000)
    }

    /// Inverse of [`Date::to_days`].
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        Date { year: (y + i64::from(month <= 2)) as i32, month, day }
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days(self.to_days() + days)
    }

    /// The same day `years` later; February 29th becomes February 28th in common years.
    pub fn add_years(self, years: i32) -> Date {
        let year = self.year + years;
        let day = self.day.min(days_in_month(year, self.month));
        Date { year, month: self.month, day }
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        const ORDER: [Weekday; 7] =
            [Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun, Weekday::Mon, Weekday::Tue, Weekday::Wed];
        ORDER[self.to_days().rem_euclid(7) as usize]
    }

    /// Whole years from `self` to `later` (an age, or years of service).
    pub fn whole_years_until(self, later: Date) -> i32 {
        let mut years = later.year - self.year;
        if (later.month, later.day) < (self.month, self.day) {
            years -= 1;
        }
        years
    }

    /// `YYYY-MM-DD`, the storage format of the form.
    pub fn iso(self) -> String {
        self.to_string()
    }

    /// `YYYY年MM月DD日`, the format of printed Chinese documents.
    pub fn chinese(self) -> String {
        format!("{}年{:02}月{:02}日", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn parse_digits(text: &str, exact_len: usize) -> Option<u32> {
    if text.len() != exact_len || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn parse_number(text: &str, max_len: usize) -> Option<u32> {
    if text.is_empty() || text.len() > max_len || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_formats_the_form_uses() {
        let cases = [
            ("2025-03-07", Some((2025, 3, 7))),
            ("2025/3/7", Some((2025, 3, 7))),
            (" 2024-02-29 ", Some((2024, 2, 29))),
            ("2023-02-29", None),
            ("2025-13-01", None),
            ("25-03-07", None),
            ("2025-03", None),
            ("", None),
        ];
        for (text, expected) in cases {
            let got = Date::parse(text).map(|d| (d.year, d.month, d.day));
            assert_eq!(got, expected, "parsing {text:?}");
        }
        assert_eq!(Date::parse_year_month("2019-07"), Date::new(2019, 7, 1));
        assert_eq!(Date::parse_loose("2019"), Date::new(2019, 1, 1));
        assert_eq!(Date::parse_compact("19491231"), Date::new(1949, 12, 31));
        assert_eq!(Date::parse_compact("19491331"), None);
    }

    #[test]
    fn day_numbers_round_trip_and_weekdays_are_right() {
        for days in [-800_000_i64, -1, 0, 1, 19_000, 20_000, 2_000_000] {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
        assert_eq!(Date::new(2025, 3, 3).unwrap().weekday(), Weekday::Mon);
        assert_eq!(Date::new(2025, 10, 11).unwrap().weekday(), Weekday::Sat);
        assert_eq!(Date::new(2024, 2, 28).unwrap().add_days(1), Date::new(2024, 2, 29).unwrap());
    }

    #[test]
    fn year_arithmetic_handles_leap_days_and_birthdays() {
        let leap = Date::new(2024, 2, 29).unwrap();
        assert_eq!(leap.add_years(1), Date::new(2025, 2, 28).unwrap());
        let birth = Date::new(1990, 6, 15).unwrap();
        assert_eq!(birth.whole_years_until(Date::new(2025, 6, 14).unwrap()), 34);
        assert_eq!(birth.whole_years_until(Date::new(2025, 6, 15).unwrap()), 35);
        assert_eq!(Date::new(2021, 12, 8).unwrap().chinese(), "2021年12月08日");
    }
}
