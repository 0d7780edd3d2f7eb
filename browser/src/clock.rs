//! Today's date in the applicant's local time zone, from the browser clock.

use zhicheng_engine::Date;

/// Today's local calendar date.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or(Date {
        year: 2026,
        month: 1,
        day: 1,
    })
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

/// An RFC 3339 moment in local time as `2026-11-23 09:05`; empty when it is not one.
pub fn date_time_of_rfc3339(at: &str) -> String {
    let ms = js_sys::Date::parse(at);
    if ms.is_nan() || at.is_empty() {
        return String::new();
    }
    date_time(ms as u64)
}

/// Waits `ms` milliseconds without blocking the page.
pub async fn sleep(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms.min(i32::MAX as u64) as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Whether the browser believes it is online (false means certainly offline).
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}
