//! V-REC 初次职称考核认定 (§5.7, 粤人社规〔2020〕33号): full-time graduates without a title, after
//! the years of work the table gives for their education and the level, counted from graduating to
//! the cut-off day of the declaration year ([P] December 31st, data). Disqualified: 非全日制
//! education, a title already held, a 年度考核 result the table names.

use super::context::{Context, Education, Target};
use super::verdict::{Standing, Verdict};
use crate::date::Date;
use crate::rules::seniority::full_years_reached_on;
use crate::schema::{cut_off_day, DeclarationKind, RecognitionRow};

const CODE: &str = "V-REC";
const RULE: &str = "初次职称考核认定条件";
const RELATED_WORK: &str = "另须从事与所学专业相同或相近的专业技术工作，并有相应业绩（由评委会审核）。";

pub(super) fn check(ctx: &Context<'_>) -> Option<Verdict> {
    if ctx.kind()? != DeclarationKind::Recognition {
        return None;
    }
    Some(judge(ctx).based_on(&ctx.tables.recognition.source))
}

/// The verdict on the applicant, before the table's source is named.
fn judge(ctx: &Context<'_>) -> Verdict {
    if let Some(verdict) = disqualified(ctx) {
        return verdict;
    }
    let (target, education, year) = match (ctx.target(), ctx.education(), ctx.evaluation_year()) {
        (Ok(t), Ok(e), Ok(y)) => (t, e, y),
        (t, e, y) => {
            let missing = t.err().into_iter().chain(e.err()).chain(y.err()).flatten().collect();
            return Verdict::needs(CODE, RULE, missing);
        }
    };
    if let Some(verdict) = not_full_time(ctx, &education) {
        return verdict;
    }
    let fitting: Vec<&RecognitionRow> = rows_for(ctx, &education).filter(|row| row.level == target.level).collect();
    let Some(row) = fitting.iter().min_by_key(|row| row.years) else {
        return level_out_of_reach(ctx, &target, &education);
    };
    years_after_graduating(ctx, &target, &education, row, year)
}

/// The table's rows this education qualifies for (its own class or a lower one).
fn rows_for<'a>(ctx: &'a Context<'_>, education: &'a Education<'_>) -> impl Iterator<Item = &'a RecognitionRow> + 'a {
    ctx.tables.recognition.rows.iter().filter(move |row| ctx.reaches(education, &row.education))
}

/// A title already held, or a disqualifying 年度考核 result.
fn disqualified(ctx: &Context<'_>) -> Option<Verdict> {
    if let Some(current) = ctx.current() {
        let text = format!("已取得{}职称或职业资格的，不能再按初次职称考核认定申报。", current.level);
        let suggestion = "请改选「普通申报」，按学历资历条件申报高一级职称。".to_string();
        return Some(Verdict::new(CODE, RULE, Standing::FallsShort, text).suggest(Some(suggestion)));
    }
    let a = ctx.fields.appraisal.as_ref()?;
    let bad = &ctx.tables.recognition.disqualifying_appraisals;
    let found = ctx.rows(&a.group).iter().find(|r| bad.iter().any(|b| b == ctx.cell(&a.group, r, &a.result)))?;
    let text = format!(
        "{} 年度考核结果为「{}」，不能按初次职称考核认定申报。",
        ctx.cell(&a.group, found, &a.year),
        ctx.cell(&a.group, found, &a.result)
    );
    Some(Verdict::new(CODE, RULE, Standing::FallsShort, text))
}

fn not_full_time(ctx: &Context<'_>, education: &Education<'_>) -> Option<Verdict> {
    if education.study_mode.is_empty() {
        let e = &ctx.fields.education;
        return Some(Verdict::needs(CODE, RULE, vec![ctx.cell_label(&e.group, &e.study_mode)]));
    }
    if ctx.tables.full_time_modes.iter().any(|m| m == education.study_mode) {
        return None;
    }
    let text = format!("初次职称考核认定只适用于全日制学历，用于申报的学历为「{}」。", education.study_mode);
    let suggestion = "可改选「普通申报」，按学历资历条件申报。".to_string();
    Some(Verdict::new(CODE, RULE, Standing::FallsShort, text).suggest(Some(suggestion)))
}

/// The level asked for is beyond what the education leads to: say which levels it does.
fn level_out_of_reach(ctx: &Context<'_>, target: &Target<'_>, education: &Education<'_>) -> Verdict {
    let mut reachable: Vec<&str> = rows_for(ctx, education).map(|r| r.level.as_str()).collect();
    reachable.sort_unstable_by(|a, b| ctx.tables.level_index(a).cmp(&ctx.tables.level_index(b)).then(a.cmp(b)));
    reachable.dedup();
    let asked = ctx.tables.level_name(target.series, target.level);
    let text = if reachable.is_empty() {
        format!("以「{}」学历不能按初次职称考核认定申报{asked}。", education.answer)
    } else {
        let named: Vec<String> = reachable.iter().map(|l| ctx.tables.level_name(target.series, l)).collect();
        format!("以「{}」学历按初次职称考核认定可申报{}，不能申报{asked}。", education.answer, named.join("、"))
    };
    let highest = reachable.last().map(|l| format!("请改为申报{}。", ctx.tables.level_name(target.series, l)));
    Verdict::new(CODE, RULE, Standing::FallsShort, text).suggest(highest)
}

fn years_after_graduating(
    ctx: &Context<'_>,
    target: &Target<'_>,
    education: &Education<'_>,
    row: &RecognitionRow,
    year: i32,
) -> Verdict {
    let asked = ctx.tables.level_name(target.series, target.level);
    let route = format!("「{}」学历认定{asked}", row.education);
    if row.years == 0 {
        let text = format!("按{route}：毕业后参加专业技术工作即可。{RELATED_WORK}");
        return Verdict::new(CODE, RULE, Standing::Meets, text);
    }
    let Some(graduated) = education.graduated else {
        let e = &ctx.fields.education;
        return Verdict::needs(CODE, RULE, vec![ctx.cell_label(&e.group, &e.graduated)]);
    };
    let cut_off = cut_off_in(ctx, year);
    let reached = full_years_reached_on(graduated, row.years);
    let opening = format!("按{route}须毕业后工作满 {} 年：{} 毕业，截至 {}", row.years, graduated.iso(), cut_off.iso());
    let dates = [("毕业时间", graduated), ("截至", cut_off)];
    match reached {
        Some(day) if day <= cut_off => {
            let text = format!("{opening}，已满所需的 {} 年。{RELATED_WORK}", row.years);
            Verdict::new(CODE, RULE, Standing::Meets, text).with_dates(dates)
        }
        _ => {
            let when = reached
                .map(|day| {
                    let first = earliest_declaration(ctx, day).year;
                    format!("；满 {} 年之日为 {}，最早可申报 {first} 年度", row.years, day.iso())
                })
                .unwrap_or_default();
            let text = format!("{opening}，未满 {} 年{when}。", row.years);
            Verdict::new(CODE, RULE, Standing::FallsShort, text).with_dates(dates).earliest(reached)
        }
    }
}

/// The cut-off day of a declaration year (the table's `MM-DD`; December 31st when unreadable).
fn cut_off_in(ctx: &Context<'_>, year: i32) -> Date {
    cut_off_day(&ctx.tables.recognition.cut_off)
        .and_then(|(month, day)| Date::new(year, month, day).or_else(|| Date::new(year, month, day - 1)))
        .unwrap_or(Date::last_of_year(year))
}

/// The cut-off of the first declaration year that counts `day`.
fn earliest_declaration(ctx: &Context<'_>, day: Date) -> Date {
    let same_year = cut_off_in(ctx, day.year);
    if day <= same_year {
        same_year
    } else {
        cut_off_in(ctx, day.year.saturating_add(1))
    }
}

#[cfg(test)]
mod tests {
    use crate::eligibility::test_applicant::{standing, summary, Applicant};
    use crate::eligibility::Standing::*;
    use crate::rules::table::{check_cases, ensure};
    use crate::rules::vectors::{text_of, vector_cases};

    fn graduate(
        level: &'static str,
        edu: &'static str,
        graduated: &'static str,
        mode: &'static str,
    ) -> Applicant<'static> {
        let answers = vec![("declarationType", "考核认定"), ("series", "工程系列"), ("level", level)];
        Applicant { answers, education: Some((edu, graduated, mode)), ..Applicant::default() }
    }

    #[test]
    fn the_shared_vectors_of_section_5_7() {
        check_cases(vector_cases("first_recognition_33hao"), |case| {
            let mode = if case["fulltime"] == true { "全日制" } else { "非全日制" };
            let year = case["year"].to_string();
            let answers =
                vec![("declarationType", "考核认定"), ("series", "工程系列"), ("level", text_of(case, "target"))];
            let education = Some((text_of(case, "edu"), text_of(case, "grad"), mode));
            let mut applicant = Applicant { answers, education, ..Applicant::default() };
            applicant.answers.push(("committeeYear", &year));
            let verdict = applicant.verdict("V-REC");
            let expected = if case["eligible"] == true { Meets } else { FallsShort };
            ensure(standing(&verdict) == Some(expected), || summary(verdict))
        });
    }

    #[test]
    fn the_table_its_disqualifiers_and_the_earliest_year() {
        let mut titled = graduate("助理级", "大学本科", "2020-06-30", "全日制");
        titled.answers.push(("curQualLevel", "员级"));
        let mut appraised = graduate("助理级", "大学本科", "2020-06-30", "全日制");
        appraised.appraisal = vec![("2024", "称职（合格）"), ("2025", "基本称职（基本合格）")];
        let cases = [
            (graduate("助理级", "大学专科(高职)", "2024-07-01", "全日制"), FallsShort, "按「大学专科」学历认定助理级（助理工程师）须毕业后工作满 3 年：2024-07-01 毕业，截至 2026-12-31，未满 3 年；满 3 年之日为 2027-06-30，最早可申报 2027 年度。 | 2027-06-30 |"),
            (graduate("助理级", "大学专科(高职)", "2023-07-01", "全日制"), Meets, "已满所需的 3 年。另须从事与所学专业相同或相近的专业技术工作"),
            (graduate("中级", "博士研究生", "2026-06-30", "全日制"), Meets, "毕业后参加专业技术工作即可"),
            (graduate("中级", "硕士研究生", "2022-06-30", "全日制"), Meets, "按「硕士研究生」学历认定中级（工程师）须毕业后工作满 3 年"),
            (graduate("中级", "中专(中等职业学校)", "2010-06-30", "全日制"), FallsShort, "以「中专(中等职业学校)」学历按初次职称考核认定可申报员级（技术员），不能申报中级（工程师）。 |  | 请改为申报员级（技术员）。"),
            (graduate("副高级", "博士研究生", "2010-06-30", "全日制"), FallsShort, "可申报员级（技术员）、助理级（助理工程师）、中级（工程师），不能申报副高级（高级工程师）。 |  | 请改为申报中级（工程师）。"),
            (graduate("助理级", "大学本科", "2010-06-30", "成人教育（函授）"), FallsShort, "只适用于全日制学历，用于申报的学历为「成人教育（函授）」。 |  | 可改选「普通申报」"),
            (graduate("助理级", "大学本科", "2010-06-30", ""), NeedsAnswers, "请先填写「教育经历 · 学习形式」"),
            (titled, FallsShort, "已取得员级职称或职业资格的，不能再按初次职称考核认定申报。 |  | 请改选「普通申报」"),
            (appraised, FallsShort, "2025 年度考核结果为「基本称职（基本合格）」"),
        ];
        check_cases(cases, |(applicant, expected, words)| {
            let verdict = applicant.verdict("V-REC");
            let said = summary(verdict.clone());
            ensure(standing(&verdict) == Some(*expected) && said.contains(words), || said)
        });
    }

    #[test]
    fn only_for_the_recognition_declaration() {
        let mut ordinary = graduate("助理级", "大学本科", "2020-06-30", "全日制");
        ordinary.answers[0] = ("declarationType", "普通申报");
        assert_eq!(standing(&ordinary.verdict("V-REC")), None);
    }
}
