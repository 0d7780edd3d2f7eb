//! Loading the State Council holiday calendar (`calendar/cn.json`, beside the forms) over HTTP at
//! start-up, parsed by the browser and checked by the engine; a portal updates it without a new
//! build of the app.

use zhicheng_engine::rules::calendar::CalendarFile;
use zhicheng_engine::HolidayCalendar;

use crate::mount::Mount;
use crate::{json, schema_source};

const URL: &str = "calendar/cn.json";

/// The checked calendar, or why it cannot be used (the form then estimates every year from the
/// statutory holidays, and says so where publicity dates are asked).
pub async fn load(mount: &Mount) -> Result<HolidayCalendar, String> {
    let value = schema_source::fetch_json(&mount.file_url(URL), "放假安排").await?;
    let file: CalendarFile = json::from_js(value).map_err(|e| format!("放假安排 {URL} 的格式不正确：{e}"))?;
    HolidayCalendar::from_file(file)
}
