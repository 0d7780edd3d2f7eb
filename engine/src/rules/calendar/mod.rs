//! V-DATE working days: the State Council holiday arrangements (放假安排) of the years a published
//! calendar covers, and for every other year an estimate from the statutory holidays of
//! 《全国年节及纪念日放假办法》 (`statutory.rs`, with the lunar dates from `lunar.rs`).
//!
//! A working day is a Monday–Friday that is not a day off, or a weekend day declared a make-up
//! working day (调休上班). The calendar is data the host loads (`file.rs`); without one, every
//! year is estimated.

mod file;
mod lunar;
mod statutory;

pub use file::{CalendarFile, YearFile, MAX_JSON_BYTES};

use crate::date::Date;
use crate::sorted_set::SortedSet;

/// The latest day a search for the n-th working day goes to (the last a date field can hold).
const LAST_SEARCHED: Date = Date { year: 9999, month: 12, day: 31 };

/// The published arrangements of a range of years (none in `default()`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HolidayCalendar {
    source: String,
    notices: Vec<String>,
    /// The first and last year with a published arrangement.
    published: Option<(i32, i32)>,
    days_off: SortedSet<Date>,
    make_up_workdays: SortedSet<Date>,
}

/// How many working days a period has, and whether part of it was estimated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkingDayCount {
    pub days: u32,
    pub estimated: bool,
}

impl HolidayCalendar {
    /// Where the arrangements come from, in words, for display.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The addresses of the State Council notices the arrangements were taken from.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// The first and last year with a published arrangement, if any.
    pub fn published_years(&self) -> Option<(i32, i32)> {
        self.published
    }

    /// Whether `year`'s arrangement is published here (otherwise its working days are estimated).
    pub fn is_published(&self, year: i32) -> bool {
        self.published.is_some_and(|(first, last)| (first..=last).contains(&year))
    }

    /// One sentence for where publicity dates are asked: which years follow the notices and
    /// which are estimated.
    pub fn describe(&self) -> String {
        const ESTIMATE: &str = "按《全国年节及纪念日放假办法》的法定节假日估算，调休以当年国务院办公厅通知为准。";
        match self.published {
            Some((first, last)) => {
                format!("工作日按国务院办公厅放假安排计算（{first}–{last} 年）；{} 年起{ESTIMATE}", last + 1)
            }
            None => format!("未能载入国务院办公厅放假安排，工作日{ESTIMATE}"),
        }
    }

    /// Whether `d` is a working day: by the published arrangement of its year, else by the
    /// statutory holidays.
    pub fn is_working_day(&self, d: Date) -> bool {
        self.is_working_day_of(d, &self.estimated_days_off(d.year))
    }

    /// The statutory days off of `year` when its arrangement is not published (empty otherwise),
    /// worked out once for every day of the year a caller asks about.
    fn estimated_days_off(&self, year: i32) -> Vec<Date> {
        if self.is_published(year) {
            Vec::new()
        } else {
            statutory::days_off(year)
        }
    }

    /// `is_working_day` with the year's estimated days off already worked out.
    fn is_working_day_of(&self, d: Date, estimated_off: &[Date]) -> bool {
        if !self.is_published(d.year) {
            return !d.weekday().is_weekend() && !estimated_off.contains(&d);
        }
        self.make_up_workdays.contains(&d) || (!d.weekday().is_weekend() && !self.days_off.contains(&d))
    }

    /// The working days from `start` to `end`, both included (0 when `end` is before `start`).
    /// Counted per listed or statutory day off, so that even absurd ranges stay cheap.
    pub fn working_days_between(&self, start: Date, end: Date) -> WorkingDayCount {
        if end < start {
            return WorkingDayCount { days: 0, estimated: false };
        }
        // A listed day counts only in a published year, so that a neighbouring year's day a
        // notice lists (2023's began on 2022-12-31) is never counted twice with the estimate.
        let on_weekdays_in_range = |d: &&Date| !d.weekday().is_weekend() && (start..=end).contains(*d);
        let published = |d: &&Date| self.is_published(d.year);
        let mut off =
            self.days_off.between(&start, &end).iter().filter(published).filter(on_weekdays_in_range).count() as i64;
        let make_up = self.make_up_workdays.between(&start, &end).iter().filter(published).count() as i64;
        let mut estimated = false;
        for year in (start.year..=end.year).filter(|y| !self.is_published(*y)) {
            estimated = true;
            off += statutory::days_off(year).iter().filter(on_weekdays_in_range).count() as i64;
        }
        let days = (weekdays_between(start, end) + make_up - off).clamp(0, i64::from(u32::MAX)) as u32;
        WorkingDayCount { days, estimated }
    }

    /// The years from `start` to `end` whose working days are estimated, at most `limit` of them.
    pub fn estimated_years(&self, start: Date, end: Date, limit: usize) -> Vec<i32> {
        (start.year..=end.year).filter(|y| !self.is_published(*y)).take(limit).collect()
    }

    /// The `n`-th working day counting from `start` (itself the first when it is a working day);
    /// `n = 0` gives `start`. Years that end too soon are skipped whole; the search stops at
    /// 9999-12-31.
    pub fn nth_working_day(&self, start: Date, n: u32) -> Date {
        if n == 0 || start > LAST_SEARCHED {
            return start;
        }
        let mut day = start;
        let mut remaining = n;
        loop {
            let year_end = Date::last_of_year(day.year);
            let left_this_year = self.working_days_between(day, year_end).days;
            if left_this_year < remaining {
                if year_end >= LAST_SEARCHED {
                    return LAST_SEARCHED;
                }
                remaining -= left_this_year;
                day = Date::first_of_year(day.year + 1);
                continue;
            }
            // What is left lies in this year: its statutory days off are worked out once.
            let estimated_off = self.estimated_days_off(day.year);
            loop {
                if self.is_working_day_of(day, &estimated_off) {
                    remaining -= 1;
                    if remaining == 0 {
                        return day;
                    }
                }
                day = day.add_days(1);
            }
        }
    }
}

/// The Mondays–Fridays from `start` to `end` inclusive (`start` ≤ `end`), in constant time.
fn weekdays_between(start: Date, end: Date) -> i64 {
    let total = end.to_days() - start.to_days() + 1;
    let whole_weeks = total / 7;
    let rest = (0..total % 7).filter(|offset| !start.add_days(*offset).weekday().is_weekend()).count();
    whole_weeks * 5 + rest as i64
}

/// The calendar published with the app (`public/calendar/cn.json`), for the engine's own tests.
#[cfg(test)]
pub(crate) fn published_for_tests() -> &'static HolidayCalendar {
    static PUBLISHED: std::sync::OnceLock<HolidayCalendar> = std::sync::OnceLock::new();
    PUBLISHED.get_or_init(|| {
        HolidayCalendar::from_json(include_str!("../../../../public/calendar/cn.json"))
            .unwrap_or_else(|e| panic!("public/calendar/cn.json: {e}"))
    })
}

#[cfg(test)]
mod tests;
