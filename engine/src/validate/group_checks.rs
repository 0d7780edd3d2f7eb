//! Runs the checks a repeat group declares over all its rows (counts, uniqueness, hours, periods).

use crate::date::Date;
use crate::eval::Evaluator;
use crate::path::FieldPath;
use crate::report::Finding;
use crate::rules::continuing_education::check_year_hours;
use crate::schema::{Check, Field};
use crate::value::Row;

pub fn run(ev: &Evaluator, group: &Field, rows: &[Row], check: &Check) -> Vec<(FieldPath, Finding)> {
    let group_path = FieldPath::top(&group.id);
    let count_matching =
        |field: &str, value: &str| rows.iter().filter(|r| r.get(field).is_some_and(|v| v.matches(value))).count();
    match check {
        Check::MaxRowsMatching { field, value, max, message } => {
            let count = count_matching(field, value);
            if count > *max {
                vec![(group_path, Finding::error("V-REP-1", fill(message, count)))]
            } else {
                Vec::new()
            }
        }
        Check::RowsMatching { field, value, min, max, message } => {
            let count = count_matching(field, value);
            let too_few = min.is_some_and(|m| count < m);
            let too_many = max.is_some_and(|m| count > m);
            // With no rows at all, the group's own "add a row" message says enough.
            if !rows.is_empty() && (too_few || too_many) {
                vec![(group_path, Finding::error("V-EDU-4", fill(message, count)))]
            } else {
                Vec::new()
            }
        }
        Check::UniqueInRows { field } => {
            let mut out = Vec::new();
            for (i, row) in rows.iter().enumerate() {
                let text = row.text(field).trim();
                if text.is_empty() {
                    continue;
                }
                if let Some(first) = rows[..i].iter().position(|r| r.text(field).trim() == text) {
                    let message = format!("与第 {} 条重复（{text}），同一项只需填写一条。", first + 1);
                    out.push((FieldPath::in_row(&group.id, row.id, field), Finding::error("UNIQUE", message)));
                }
            }
            out
        }
        Check::ContinuingEducation { year, public, professional, elective } => {
            let number = |row: &Row, f: &str| crate::decimal::parse_decimal(row.text(f));
            let mut out = Vec::new();
            for row in rows {
                let Ok(y) = row.text(year).trim().parse::<i32>() else { continue };
                let settings = &ev.schema.settings.ce_quota;
                let Some(quota) = settings.get(&y.to_string()).or_else(|| settings.get("default")) else {
                    continue;
                };
                let (Some(p), Some(q), Some(e)) =
                    (number(row, public), number(row, professional), number(row, elective))
                else {
                    continue;
                };
                let path = FieldPath::in_row(&group.id, row.id, year);
                out.extend(check_year_hours(y, p, q, e, quota).into_iter().map(|f| (path.clone(), f)));
            }
            out
        }
        Check::ContiguousPeriods { start, end, max_gap_days } => contiguity(ev, group, rows, start, end, *max_gap_days),
        _ => Vec::new(),
    }
}

/// V-WORK-1: sorted by start, each period should begin within `max_gap_days` of the previous
/// end and not before it (overlaps are fine for part-time posts, hence only warnings).
fn contiguity(
    ev: &Evaluator,
    group: &Field,
    rows: &[Row],
    start: &str,
    end: &str,
    max_gap_days: i64,
) -> Vec<(FieldPath, Finding)> {
    let mut periods: Vec<(Date, Date, &Row)> = rows
        .iter()
        .filter_map(|r| {
            let s = Date::parse_loose(r.text(start))?;
            let e = Date::parse_loose(r.text(end)).unwrap_or(ev.today);
            Some((s, e, r))
        })
        .collect();
    periods.sort_by_key(|p| p.0);
    let mut out = Vec::new();
    for pair in periods.windows(2) {
        let (previous, next) = (&pair[0], &pair[1]);
        let path = FieldPath::in_row(&group.id, next.2.id, start);
        let gap = next.0.to_days() - previous.1.to_days();
        if gap > max_gap_days {
            let message = format!(
                "与上一段经历（截至 {}）之间间隔 {} 天，各段时间应前后衔接；如确有空档（如求学、待业），可忽略本提示。",
                previous.1, gap
            );
            out.push((path, Finding::warning("V-WORK-1", message)));
        } else if next.0 < previous.1 {
            let message = format!(
                "与上一段经历（{} 至 {}）时间重叠；如属兼职可忽略本提示，否则请核对日期。",
                previous.0, previous.1
            );
            out.push((path, Finding::warning("V-WORK-1", message)));
        }
    }
    out
}

/// Replaces `{count}` in a schema message with the number found.
fn fill(message: &str, count: usize) -> String {
    message.replace("{count}", &count.to_string())
}
