//! V-CE 继续教育 (§5.9) over the 资历 years: every whole year from the start of 资历 (or, with no
//! title, from graduating or starting work) to the year before the evaluation year needs a row
//! meeting its total quota (`settings.ce_quota`); a part (公需 / 专业 / 选修) below its own quota is
//! said as a note, since the sources differ on it. The hours are `rules::continuing_education`'s.

use super::context::Context;
use super::seniority;
use super::verdict::{Standing, Verdict};
use crate::date::Date;
use crate::decimal::parse_decimal;
use crate::rules::continuing_education::{hours, quota_for, shortfalls};
use crate::schema::ContinuingEducationFields;
use crate::value::Row;

const CODE: &str = "V-CE";
const RULE: &str = "继续教育学时";

pub(super) fn check(ctx: &Context<'_>) -> Option<Verdict> {
    ctx.kind()?;
    let fields = ctx.fields.continuing_education.as_ref()?;
    if ctx.ev.schema.settings.ce_quota.is_empty() {
        return None;
    }
    let (from, year) = match (first_counted_day(ctx), ctx.evaluation_year()) {
        (Ok(from), Ok(year)) => (from, year),
        (a, b) => return Some(Verdict::needs(CODE, RULE, a.err().into_iter().chain(b.err()).flatten().collect())),
    };
    // A year counts whole: one that starts after January 1st is left to the next.
    let first = if from.month == 1 && from.day == 1 { from.year } else { from.year.saturating_add(1) };
    let last = year - 1;
    let dates = [("起算", from), ("截至", Date::last_of_year(last))];
    if first > last {
        let text = format!("自 {} 起至 {last} 年底没有完整的年度，暂无须核对继续教育学时。", from.iso());
        return Some(Verdict::new(CODE, RULE, Standing::Meets, text).with_dates(dates));
    }
    let (problems, notes) = years_checked(ctx, fields, first, last);
    let span = format!("核对 {first}–{last} 年度（自 {} 起，至评委会年度前一年）", from.iso());
    let verdict = if problems.is_empty() {
        let notes = if notes.is_empty() { String::new() } else { format!("提示：{}。", notes.join("；")) };
        Verdict::new(CODE, RULE, Standing::Meets, format!("{span}：每年合计学时均达到要求。{notes}"))
    } else {
        let text = format!("{span}：{}。", problems.into_iter().chain(notes).collect::<Vec<_>>().join("；"));
        Verdict::new(CODE, RULE, Standing::FallsShort, text)
            .suggest(Some("请补填缺少年度的继续教育记录；学时不足的，请在继续教育管理系统补学后再申报。".to_string()))
    };
    Some(verdict.with_dates(dates))
}

/// Where counting starts: the start of 资历, else the later of graduating and starting work.
fn first_counted_day(ctx: &Context<'_>) -> Result<Date, Vec<String>> {
    if ctx.current().is_some() {
        return seniority::start(ctx).map(|s| s.date);
    }
    let graduated = ctx.education().ok().and_then(|e| e.graduated);
    let started = Date::parse_loose(ctx.text(&ctx.fields.work_start));
    graduated.into_iter().chain(started).max().ok_or_else(|| vec![ctx.label(&ctx.fields.work_start)])
}

/// For each year: what fails it (no row, hours blank, total short) and what is only a note.
fn years_checked(
    ctx: &Context<'_>,
    f: &ContinuingEducationFields,
    first: i32,
    last: i32,
) -> (Vec<String>, Vec<String>) {
    let quotas = &ctx.ev.schema.settings.ce_quota;
    let rows = ctx.rows(&f.group);
    let (mut problems, mut notes, mut absent) = (Vec::new(), Vec::new(), Vec::new());
    for year in first..=last {
        let Some(quota) = quota_for(quotas, year) else { continue };
        let Some(row) = rows.iter().find(|r| ctx.cell(&f.group, r, &f.year).parse::<i32>().ok() == Some(year)) else {
            absent.push(year.to_string());
            continue;
        };
        let Some((public, professional, elective)) = row_hours(ctx, f, row) else {
            problems.push(format!("{year} 年度学时未填完整"));
            continue;
        };
        for (part, done, required) in shortfalls(public, professional, elective, quota) {
            let said = format!("{year} 年度{part} {} 学时，少于 {} 学时", hours(done), hours(required));
            if part == "合计" {
                problems.push(said);
            } else {
                notes.push(said);
            }
        }
    }
    if !absent.is_empty() {
        problems.insert(0, format!("{} 年度没有继续教育记录", absent.join("、")));
    }
    (problems, notes)
}

fn row_hours(ctx: &Context<'_>, f: &ContinuingEducationFields, row: &Row) -> Option<(f64, f64, f64)> {
    let part = |cell: &str| parse_decimal(ctx.cell(&f.group, row, cell));
    Some((part(&f.public)?, part(&f.professional)?, part(&f.elective)?))
}

#[cfg(test)]
mod tests {
    use crate::eligibility::test_applicant::{standing, summary, Applicant};
    use crate::eligibility::Standing::*;
    use crate::rules::table::{check_cases, ensure};

    type Year = (&'static str, &'static str, &'static str, &'static str);

    /// 工程师 by 2022年度 评审 (资历 from 2023-01-01) declaring in 2026: 2023–2025 are checked.
    fn engineer(ce: Vec<Year>) -> Applicant<'static> {
        let answers = vec![
            ("declarationType", "普通申报"),
            ("series", "工程系列"),
            ("level", "副高级"),
            ("curQualLevel", "中级"),
            ("curQualMethod", "评审"),
            ("curQualEvalYear", "2022"),
        ];
        Applicant { answers, education: Some(("大学本科", "2014-06-30", "全日制")), ce, ..Applicant::default() }
    }

    fn full(year: &'static str) -> Year {
        (year, "30", "42", "18")
    }

    #[test]
    fn the_spec_vectors_and_the_years_checked() {
        let cases = [
            // §5.9: 30/42/18 passes; 公需 or 选修 short is a note (the sources differ), not a failure.
            (
                vec![full("2023"), full("2024"), full("2025")],
                Meets,
                "核对 2023–2025 年度（自 2023-01-01 起，至评委会年度前一年）：每年合计学时均达到要求。",
            ),
            (
                vec![("2023", "24", "48", "18"), full("2024"), full("2025")],
                Meets,
                "提示：2023 年度公需科目 24 学时，少于 30 学时。",
            ),
            (
                vec![("2023", "30", "60", "0"), full("2024"), full("2025")],
                Meets,
                "提示：2023 年度个人选修 0 学时，少于 18 学时。",
            ),
            (
                vec![full("2023"), ("2024", "30", "42", "8"), full("2025")],
                FallsShort,
                "2024 年度合计 80 学时，少于 90 学时；2024 年度个人选修 8 学时，少于 18 学时。",
            ),
            (vec![full("2023")], FallsShort, "2024、2025 年度没有继续教育记录"),
            (vec![full("2023"), ("2024", "30", "", "18"), full("2025")], FallsShort, "2024 年度学时未填完整"),
        ];
        check_cases(cases, |(ce, expected, words)| {
            let verdict = engineer(ce.clone()).verdict("V-CE");
            let said = summary(verdict.clone());
            ensure(standing(&verdict) == Some(*expected) && said.contains(words), || said)
        });
    }

    #[test]
    fn without_a_title_counting_starts_at_work_or_graduation() {
        let graduate = |work: &'static str, ce: Vec<Year>| Applicant {
            answers: vec![
                ("declarationType", "考核认定"),
                ("series", "工程系列"),
                ("level", "助理级"),
                ("workStartDate", work),
            ],
            education: Some(("大学本科", "2024-06-30", "全日制")),
            ce,
            ..Applicant::default()
        };
        let cases = [
            (graduate("2024-07", vec![full("2025")]), Meets, "核对 2025–2025 年度（自 2024-07-01 起"),
            (graduate("2026-01", vec![]), Meets, "自 2026-01-01 起至 2025 年底没有完整的年度"),
            (graduate("", vec![]), FallsShort, "2025 年度没有继续教育记录"),
        ];
        check_cases(cases, |(applicant, expected, words)| {
            let verdict = applicant.verdict("V-CE");
            let said = summary(verdict.clone());
            ensure(standing(&verdict) == Some(*expected) && said.contains(words), || said)
        });
    }
}
