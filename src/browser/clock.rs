//! Today's date in the applicant's local time zone, from the browser clock.

use zhicheng_engine::date::Date;

/// Today's local calendar date.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
        .unwrap_or(Date { year: 2026, month: 1, day: 1 })
}

/// The local time as `hh:mm:ss`, for save-status messages.
pub fn clock_time() -> String {
    let now = js_sys::Date::new_0();
    format!("{:02}:{:02}:{:02}", now.get_hours(), now.get_minutes(), now.get_seconds())
}
