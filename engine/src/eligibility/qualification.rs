//! V-QUAL 学历资历 (§5.8): for an ordinary (or 破格) declaration, whether the declared education
//! and the current title open one of the routes the form's table gives for the level — at least
//! an education, and years since graduating or since the title one level down (V-YRS-1) — and,
//! when none is open yet, the earliest date one will be, or 破格 / 转系列 as the way forward.

use super::context::{Context, Current, Education, Missing, Target};
use super::seniority;
use super::verdict::{reached_sentence, Standing, Verdict};
use crate::date::Date;
use crate::rules::seniority::{full_years_reached_on, has_full_years};
use crate::schema::{DeclarationKind, Route};

const CODE: &str = "V-QUAL";
const RULE: &str = "学历资历条件";

/// What one route says about the applicant.
enum RouteResult {
    Met {
        detail: String,
        dates: Vec<(&'static str, Date)>,
    },
    NotYet {
        detail: String,
        reached: Option<Date>,
        dates: Vec<(&'static str, Date)>,
    },
    /// The education or the current title does not fit the route.
    Closed,
    Missing(Missing),
}

pub(super) fn check(ctx: &Context<'_>) -> Option<Verdict> {
    let kind = ctx.kind()?;
    if !matches!(kind, DeclarationKind::Standard | DeclarationKind::Exceptional) {
        return None;
    }
    let (target, education, year) = match (ctx.target(), ctx.education(), ctx.evaluation_year()) {
        (Ok(t), Ok(e), Ok(y)) => (t, e, y),
        (t, e, y) => {
            let missing = t.err().into_iter().chain(e.err()).chain(y.err()).flatten().collect();
            return Some(Verdict::needs(CODE, RULE, missing));
        }
    };
    let level_name = ctx.tables.level_name(target.series, target.level);
    let rows = ctx.tables.qualification_rows(target.series, target.level);
    let source = rows.iter().map(|r| r.source.as_str()).find(|s| !s.is_empty()).unwrap_or("");
    let routes: Vec<&Route> = rows.iter().flat_map(|r| &r.routes).collect();
    if routes.is_empty() {
        let text = format!("资格条件表中没有「{}」{level_name}的学历资历条件，请以评委会公告为准。", target.series);
        return Some(Verdict::new(CODE, RULE, Standing::NeedsAnswers, text));
    }
    let results: Vec<(&Route, RouteResult)> =
        routes.iter().map(|route| (*route, assess(ctx, &target, &education, route, year))).collect();
    let verdict = decide(ctx, &target, &education, &results);
    Some(verdict.based_on(source).suggest(suggestion(
        ctx,
        kind,
        &target,
        results.iter().any(|(_, r)| matches!(r, RouteResult::Met { .. })),
    )))
}

/// The verdict from every route's result: met by one, else the earliest to be met, else what is
/// missing, else none fits.
fn decide(
    ctx: &Context<'_>,
    target: &Target<'_>,
    education: &Education<'_>,
    results: &[(&Route, RouteResult)],
) -> Verdict {
    let level_name = ctx.tables.level_name(target.series, target.level);
    if let Some((route, RouteResult::Met { detail, dates })) =
        results.iter().find(|(_, r)| matches!(r, RouteResult::Met { .. }))
    {
        let note = route.note.as_ref().map(|n| format!("另须{n}。")).unwrap_or_default();
        let text = format!("按「{}」申报{level_name}：{detail}。{note}", describe(ctx, target, route));
        return Verdict::new(CODE, RULE, Standing::Meets, text).with_dates(dates.clone());
    }
    let soonest = results
        .iter()
        .filter_map(|(route, r)| match r {
            RouteResult::NotYet { detail, reached, dates } => Some((route, detail, *reached, dates)),
            _ => None,
        })
        .min_by_key(|(_, _, reached, _)| reached.unwrap_or(Date::last_of_year(9999)));
    if let Some((route, detail, reached, dates)) = soonest {
        let text = format!("按「{}」申报{level_name}：{detail}。", describe(ctx, target, route));
        return Verdict::new(CODE, RULE, Standing::FallsShort, text).with_dates(dates.clone()).earliest(reached);
    }
    let missing: Missing = results
        .iter()
        .filter_map(|(_, r)| if let RouteResult::Missing(m) = r { Some(m.clone()) } else { None })
        .flatten()
        .collect();
    if !missing.is_empty() {
        return Verdict::needs(CODE, RULE, missing);
    }
    let held = ctx.current().map_or("无现职称".to_string(), |c| format!("现职称{}", c.level));
    let ways: Vec<String> = results.iter().map(|(route, _)| describe(ctx, target, route)).collect();
    let text = format!(
        "以「{}」学历、{held}，不符合{level_name}的任一学历资历条件（{}）。",
        education.answer,
        ways.join("；或")
    );
    Verdict::new(CODE, RULE, Standing::FallsShort, text)
}

/// One route's result for this applicant.
fn assess(ctx: &Context<'_>, target: &Target<'_>, education: &Education<'_>, route: &Route, year: i32) -> RouteResult {
    if !ctx.reaches(education, &route.education) {
        return RouteResult::Closed;
    }
    let end = Date::last_of_year(year);
    match &route.after {
        Some(after) => match ctx.current() {
            Some(Current { level, .. }) if level == after => match seniority::start(ctx) {
                Ok(start) => {
                    let lower = ctx.tables.level_name(target.series, after);
                    let opening = format!("取得{lower}后资历自 {} 起算，截至 {}", start.date.iso(), end.iso());
                    years_result(opening, start.date, route.years, year, vec![("资历起算", start.date), ("截至", end)])
                }
                Err(missing) => RouteResult::Missing(missing),
            },
            _ => RouteResult::Closed,
        },
        None if route.years == 0 => RouteResult::Met { detail: "学历符合".to_string(), dates: Vec::new() },
        None => match education.graduated {
            Some(graduated) => {
                let opening = format!("{} 毕业，截至 {}", graduated.iso(), end.iso());
                years_result(opening, graduated, route.years, year, vec![("毕业时间", graduated), ("截至", end)])
            }
            None => {
                let e = &ctx.fields.education;
                RouteResult::Missing(vec![ctx.cell_label(&e.group, &e.graduated)])
            }
        },
    }
}

fn years_result(opening: String, start: Date, years: i32, year: i32, dates: Vec<(&'static str, Date)>) -> RouteResult {
    if has_full_years(start, years, year) {
        RouteResult::Met { detail: format!("{opening}，已满所需的 {years} 年"), dates }
    } else {
        let reached = full_years_reached_on(start, years);
        let when = reached.map(|r| format!("；{}", reached_sentence(years, r))).unwrap_or_default();
        RouteResult::NotYet { detail: format!("{opening}，未满 {years} 年{when}"), reached, dates }
    }
}

/// A route in words: 「大学本科及以上学历，取得中级（工程师）后满 5 年」.
fn describe(ctx: &Context<'_>, target: &Target<'_>, route: &Route) -> String {
    let years = match &route.after {
        Some(after) => format!("，取得{}后满 {} 年", ctx.tables.level_name(target.series, after), route.years),
        None if route.years > 0 => format!("，毕业后从事专业技术工作满 {} 年", route.years),
        None => "，从事专业技术工作".to_string(),
    };
    format!("{}及以上学历{years}", route.education)
}

/// What to consider: 转系列 for a title already at this level, 破格 where the rules allow it.
fn suggestion(ctx: &Context<'_>, kind: DeclarationKind, target: &Target<'_>, met: bool) -> Option<String> {
    let same_level = ctx.current().is_some_and(|c| c.level == target.level);
    match (kind, met) {
        (DeclarationKind::Exceptional, true) => Some("已符合普通申报的学历资历条件，可改为「普通申报」。".to_string()),
        (DeclarationKind::Exceptional, false) => {
            Some("已选择破格申报：请准备破格申报推荐表，并对照破格条件准备业绩材料。".to_string())
        }
        (_, true) => None,
        _ if same_level => Some(
            "现职称已是该级别：如换了岗位、申报另一系列（专业）的同级职称，可选择「转系列（专业）申报」。".to_string(),
        ),
        _ if ctx.tables.exceptional.levels.iter().any(|l| l == target.level) => {
            Some(ctx.tables.exceptional.suggestion.clone())
        }
        _ => None,
    }
}

/// The fewest years since the current title that a route open to this education asks, when the
/// table measures the declared level by years since the title the applicant holds.
pub(super) fn years_after_current_title(ctx: &Context<'_>) -> Option<i32> {
    let (target, education, current) = (ctx.target().ok()?, ctx.education().ok()?, ctx.current()?);
    ctx.tables
        .qualification_rows(target.series, target.level)
        .into_iter()
        .flat_map(|row| &row.routes)
        .filter(|r| r.after.as_deref() == Some(current.level) && ctx.reaches(&education, &r.education))
        .map(|r| r.years)
        .min()
}

#[cfg(test)]
mod tests {
    use crate::eligibility::test_applicant::{standing, summary, Applicant};
    use crate::eligibility::Standing::*;
    use crate::rules::table::{check_cases, ensure};

    /// An engineer with a 大学本科 (2014) declaring 高级工程师 by 普通申报, holding 工程师 obtained
    /// as `title` says.
    fn senior(title: &[(&'static str, &'static str)]) -> Applicant<'static> {
        let mut answers = vec![("declarationType", "普通申报"), ("series", "工程系列"), ("level", "副高级")];
        answers.extend_from_slice(&[("curQualLevel", "中级"), ("curQualSeries", "工程系列")]);
        answers.extend_from_slice(title);
        Applicant { answers, education: Some(("大学本科", "2014-06-30", "全日制")), ..Applicant::default() }
    }

    #[test]
    fn routes_by_education_title_and_years() {
        let by_review = |year| senior(&[("curQualMethod", "评审"), ("curQualEvalYear", year)]);
        let cases = [
            // ≤ 2020: 资历 from January 1st of the 评审年度.
            (
                by_review("2018"),
                Some(Meets),
                vec![
                    "大学专科及以上学历，取得中级（工程师）后满 5 年",
                    "资历自 2018-01-01 起算，截至 2026-12-31，已满所需的 5 年",
                ],
            ),
            (by_review("2020"), Some(Meets), vec!["资历自 2020-01-01 起算"]),
            // ≥ 2021: from January 1st after it; not yet, with the earliest day and 破格.
            (
                by_review("2022"),
                Some(FallsShort),
                vec![
                    "资历自 2023-01-01 起算",
                    "满 5 年之日为 2027-12-31，最早可申报 2027 年度评审",
                    "| 2027-12-31 | 可考虑破格申报",
                ],
            ),
            // 考试: from the day passed.
            (
                senior(&[("curQualMethod", "考试"), ("curQualDate", "2022-05-20")]),
                Some(FallsShort),
                vec!["资历自 2022-05-20 起算", "| 2027-05-19 |"],
            ),
            (senior(&[("curQualMethod", "评审")]), Some(NeedsAnswers), vec!["请先填写「评审年度」"]),
            (senior(&[]), Some(NeedsAnswers), vec!["「现资格取得方式」"]),
        ];
        check_cases(cases, |(applicant, expected, words)| {
            let verdict = applicant.verdict("V-QUAL");
            ensure(standing(&verdict) == *expected, || summary(verdict.clone()))?;
            let said = summary(verdict);
            words.iter().try_for_each(|w| ensure(said.contains(w), || format!("no 「{w}」 in {said}")))
        });
    }

    #[test]
    fn education_alone_and_years_since_graduating() {
        let applicant = |kind: &'static str, level: &'static str, edu, graduated, title: Option<&'static str>| {
            let mut answers = vec![("declarationType", kind), ("series", "工程系列"), ("level", level)];
            answers.extend(title.map(|t| ("curQualLevel", t)));
            Applicant { answers, education: Some((edu, graduated, "全日制")), ..Applicant::default() }
        };
        let cases = [
            (
                applicant("普通申报", "中级", "博士研究生", "2025-06-30", None),
                Meets,
                "按「博士研究生及以上学历，从事专业技术工作」申报中级（工程师）：学历符合。",
            ),
            (
                applicant("普通申报", "助理级", "大学本科", "2024-06-30", None),
                Meets,
                "2024-06-30 毕业，截至 2026-12-31，已满所需的 1 年。另须单位考察合格。",
            ),
            (
                applicant("普通申报", "助理级", "大学本科", "2026-06-30", None),
                FallsShort,
                "满 1 年之日为 2027-06-29，最早可申报 2027 年度评审",
            ),
            (
                applicant("普通申报", "助理级", "中专(中等职业学校)", "2010-06-30", None),
                FallsShort,
                "以「中专(中等职业学校)」学历、无现职称，不符合助理级（助理工程师）的任一学历资历条件",
            ),
            (
                applicant("普通申报", "副高级", "高中", "2010-06-30", Some("中级")),
                FallsShort,
                "不符合副高级（高级工程师）的任一学历资历条件",
            ),
            (
                applicant("普通申报", "副高级", "大学本科", "2010-06-30", Some("副高级")),
                FallsShort,
                "可选择「转系列（专业）申报」",
            ),
            (
                applicant("破格申报", "副高级", "大学本科", "2010-06-30", Some("助理级")),
                FallsShort,
                "已选择破格申报：请准备破格申报推荐表",
            ),
            (applicant("破格申报", "中级", "博士研究生", "2020-06-30", None), Meets, "可改为「普通申报」"),
        ];
        check_cases(cases, |(applicant, expected, words)| {
            let verdict = applicant.verdict("V-QUAL");
            let said = summary(verdict.clone());
            ensure(standing(&verdict) == Some(*expected) && said.contains(words), || said)
        });
    }

    #[test]
    fn missing_answers_are_named() {
        let no_education = Applicant {
            answers: vec![("declarationType", "普通申报"), ("series", "工程系列")],
            ..Applicant::default()
        };
        let verdict = no_education.verdict("V-QUAL").expect("applies");
        assert_eq!(verdict.standing, NeedsAnswers);
        assert_eq!(
            verdict.missing,
            ["「评审的资格级别」", "「教育经历 · 是否以该学历申请职称评审」（把用于申报的学历选「是」）"]
        );
        assert!(verdict.explanation.starts_with("还不能判断是否符合学历资历条件：请先填写「评审的资格级别」"));
    }
}
