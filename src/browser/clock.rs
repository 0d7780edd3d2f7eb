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

/// A moment (ms since the epoch) in local time as `2026-11-23 09:05`, for lists.
pub fn date_time(ms: u64) -> String {
    let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        at.get_full_year(),
        at.get_month() + 1,
        at.get_date(),
        at.get_hours(),
        at.get_minutes()
    )
}
