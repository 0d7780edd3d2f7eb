//! The published holiday calendar as a file (`public/calendar/cn.json`, which a portal may
//! replace without rebuilding the app): its format, and the checks that let it be loaded without
//! trusting it.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::HolidayCalendar;
use crate::date::Date;

/// Years a calendar may list: those whose statutory holidays the engine can also compute.
const YEARS_ALLOWED: std::ops::RangeInclusive<i32> = 1901..=2100;
/// Bounds that no real arrangement comes near (about 30 days off and 6 make-up days a year).
const MAX_DAYS_OFF_A_YEAR: usize = 80;
const MAX_WORKDAYS_A_YEAR: usize = 30;
const MAX_TEXT_CHARS: usize = 4000;
const MAX_NOTICES: usize = 200;
/// Longer JSON text is refused before it is parsed.
pub const MAX_JSON_BYTES: usize = 512 * 1024;

/// The file: `{"source": "…", "notices": ["https://…"], "first_year": 2020, "last_year": 2026,
/// "years": {"2025": {"off": ["2025-01-01", …], "workdays": ["2025-01-26", …]}}}`. `notices`,
/// `first_year` and `last_year` are optional (files without them name the range by their years).
#[derive(Clone, Debug, Deserialize)]
pub struct CalendarFile {
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub notices: Vec<String>,
    #[serde(default)]
    pub first_year: Option<i32>,
    #[serde(default)]
    pub last_year: Option<i32>,
    pub years: BTreeMap<String, YearFile>,
}

/// One year's State Council arrangement: its days off and its weekend make-up working days.
#[derive(Clone, Debug, Deserialize)]
pub struct YearFile {
    pub off: Vec<String>,
    pub workdays: Vec<String>,
}

impl HolidayCalendar {
    /// Reads the calendar from JSON text (native hosts: the receiver, tests).
    pub fn from_json(text: &str) -> Result<HolidayCalendar, String> {
        if text.len() > MAX_JSON_BYTES {
            return Err(format!("节假日数据超过 {} KB，不像放假安排：请检查文件。", MAX_JSON_BYTES / 1024));
        }
        let file: CalendarFile =
            serde_json::from_str(text).map_err(|e| format!("节假日数据不是有效的 JSON（{e}）：请检查文件格式。"))?;
        HolidayCalendar::from_file(file)
    }

    /// Checks a decoded file and builds the calendar, refusing with the reason anything a real
    /// arrangement could not be: years out of range or missing from it, dates outside their
    /// year, make-up working days that are not weekend days, a day both off and working, and
    /// absurd sizes.
    pub fn from_file(file: CalendarFile) -> Result<HolidayCalendar, String> {
        let too_long = file.source.chars().count() > MAX_TEXT_CHARS
            || file.notices.len() > MAX_NOTICES
            || file.notices.iter().any(|n| n.chars().count() > MAX_TEXT_CHARS);
        if too_long {
            return Err("节假日数据的来源说明过长：请只写发布通知的名称和链接。".to_string());
        }
        // The notices are shown as links: only plain web addresses.
        let web_address = |n: &String| {
            (n.starts_with("https://") || n.starts_with("http://"))
                && !n.contains(|c: char| c.is_whitespace() || c == '"')
        };
        if let Some(bad) = file.notices.iter().find(|n| !web_address(n)) {
            return Err(format!("节假日数据中的通知地址「{bad}」不是网址：请写 https:// 开头的地址。"));
        }
        let years = listed_years(&file)?;
        let mut calendar = HolidayCalendar {
            source: file.source.clone(),
            notices: file.notices.clone(),
            published: Some((years[0].0, years[years.len() - 1].0)),
            ..HolidayCalendar::default()
        };
        for (year, days) in &years {
            if days.off.len() > MAX_DAYS_OFF_A_YEAR || days.workdays.len() > MAX_WORKDAYS_A_YEAR {
                return Err(format!("节假日数据中 {year} 年列出的日期过多：请检查该年的数据。"));
            }
            for text in &days.off {
                calendar.days_off.insert(date_in_year(*year, text)?);
            }
            for text in &days.workdays {
                let date = date_in_year(*year, text)?;
                if !date.weekday().is_weekend() {
                    return Err(format!("{year} 年的调休上班日 {text} 不是周末：请核对放假通知。"));
                }
                calendar.make_up_workdays.insert(date);
            }
        }
        if let Some(both) = calendar.days_off.first_shared(&calendar.make_up_workdays) {
            return Err(format!("{both} 同时被列为放假日和调休上班日：请核对放假通知，只保留一处。"));
        }
        Ok(calendar)
    }
}

/// The years the file lists with their days, in order: four-digit years in the allowed range,
/// without a gap, and the same as its `first_year`–`last_year` when it states them.
fn listed_years(file: &CalendarFile) -> Result<Vec<(i32, &YearFile)>, String> {
    let mut years = Vec::with_capacity(file.years.len());
    for (text, days) in &file.years {
        let year =
            text.parse::<i32>().ok().filter(|y| YEARS_ALLOWED.contains(y) && y.to_string() == *text).ok_or_else(
                || format!("节假日数据中的年份「{text}」不是 1901–2100 之间的年份：请改为四位数字年份。"),
            )?;
        years.push((year, days));
    }
    years.sort_unstable_by_key(|(year, _)| *year);
    let (Some(&(first, _)), Some(&(last, _))) = (years.first(), years.last()) else {
        return Err("节假日数据中没有任何年份的放假安排。".to_string());
    };
    if years.len() as i64 != i64::from(last - first) + 1 {
        return Err(format!("节假日数据的年份不连续（{first}–{last} 年之间缺少年份）：请补齐缺少的年份。"));
    }
    let stated = (file.first_year.unwrap_or(first), file.last_year.unwrap_or(last));
    if stated != (first, last) {
        return Err(format!(
            "节假日数据写明的年份范围 {}–{} 与所列年份 {first}–{last} 不符：请改正 first_year 和 last_year。",
            stated.0, stated.1
        ));
    }
    Ok(years)
}

/// One date of the file, which must be a real `YYYY-MM-DD` day of the year it is listed under,
/// or of the December before or the January after it: a year's notice may begin its 元旦
/// holiday on the last days of the year before (2023's began on 2022-12-31).
fn date_in_year(year: i32, text: &str) -> Result<Date, String> {
    let date = Date::parse(text)
        .filter(|d| d.iso() == text)
        .ok_or_else(|| format!("节假日数据 {year} 年中的「{text}」不是 YYYY-MM-DD 格式的日期：请改正。"))?;
    let first = Date { year: year - 1, month: 12, day: 1 };
    let last = Date { year: year + 1, month: 1, day: 31 };
    if !(first..=last).contains(&date) {
        return Err(format!("节假日数据 {year} 年中的 {text} 不在 {year} 年内：请把它移到 {} 年下。", date.year));
    }
    Ok(date)
}
