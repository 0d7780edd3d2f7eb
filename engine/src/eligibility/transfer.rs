//! V-TRANSFER 转系列（专业）申报 (§2.0, §5.8): a title of the same level as the one declared, held
//! in a post of at least the table's years (one) by December 31st of the evaluation year.

use super::verdict::{reached_sentence, Standing, Verdict};
use super::Context;
use crate::date::Date;
use crate::rules::seniority::{full_years_reached_on, has_full_years};
use crate::schema::DeclarationKind;

const CODE: &str = "V-TRANSFER";
const RULE: &str = "转系列（专业）申报条件";

pub(super) fn check(ctx: &Context<'_>) -> Option<Verdict> {
    if ctx.kind()? != DeclarationKind::Transfer {
        return None;
    }
    let appointed_field = ctx.fields.current.as_ref().map_or("", |f| f.appointed.as_str());
    let appointed = Date::parse_loose(ctx.text(appointed_field));
    let (target, year) = match (ctx.target(), ctx.evaluation_year()) {
        (Ok(t), Ok(y)) => (t, y),
        (t, y) => return Some(Verdict::needs(CODE, RULE, t.err().into_iter().chain(y.err()).flatten().collect())),
    };
    let Some(current) = ctx.current() else {
        let text = "转系列（专业）申报须已取得职称，现职称信息未填写级别。".to_string();
        let suggestion = "没有职称的，可按「考核认定」或「普通申报」申报。".to_string();
        return Some(Verdict::new(CODE, RULE, Standing::FallsShort, text).suggest(Some(suggestion)));
    };
    if current.level != target.level {
        let text = format!(
            "转系列（专业）只能申报与现职称同级的职称：现职称为{}（{}），申报的是{}。",
            current.level, current.series, target.level
        );
        let suggestion = "申报更高一级职称请选择「普通申报」。".to_string();
        return Some(Verdict::new(CODE, RULE, Standing::FallsShort, text).suggest(Some(suggestion)));
    }
    let Some(appointed) = appointed else { return Some(Verdict::needs(CODE, RULE, vec![ctx.label(appointed_field)])) };
    let years = ctx.tables.transfer.min_years_in_post;
    let end = Date::last_of_year(year);
    let opening = format!("现岗位聘任自 {}，截至 {}", appointed.iso(), end.iso());
    let verdict = if has_full_years(appointed, years, year) {
        Verdict::new(CODE, RULE, Standing::Meets, format!("同级转系列（专业）：{opening}，已满所需的 {years} 年。"))
    } else {
        let reached = full_years_reached_on(appointed, years);
        let when = reached.map(|r| format!("；{}", reached_sentence(years, r))).unwrap_or_default();
        Verdict::new(
            CODE,
            RULE,
            Standing::FallsShort,
            format!("转系列（专业）须在现岗位工作满 {years} 年：{opening}，未满 {years} 年{when}。"),
        )
        .earliest(reached)
    };
    Some(verdict.with_dates([("聘任时间", appointed), ("截至", end)]))
}

#[cfg(test)]
mod tests {
    use crate::eligibility::test_applicant::{standing, summary, Applicant};
    use crate::eligibility::Standing::*;
    use crate::rules::table::{check_cases, ensure};

    fn moving(level: &'static str, held: Option<&'static str>, appointed: &'static str) -> Applicant<'static> {
        let mut answers = vec![("declarationType", "转系列（专业）申报"), ("series", "经济系列"), ("level", level)];
        answers.extend(held.map(|l| ("curQualLevel", l)));
        answers.extend_from_slice(&[("curQualSeries", "工程系列"), ("appointDate", appointed)]);
        Applicant { answers, ..Applicant::default() }
    }

    #[test]
    fn the_same_level_after_a_year_in_the_post() {
        let cases = [
            (
                moving("中级", Some("中级"), "2025-03-01"),
                Meets,
                "同级转系列（专业）：现岗位聘任自 2025-03-01，截至 2026-12-31，已满所需的 1 年。",
            ),
            (
                moving("中级", Some("中级"), "2026-03-01"),
                FallsShort,
                "满 1 年之日为 2027-02-28，最早可申报 2027 年度评审。 | 2027-02-28 |",
            ),
            (
                moving("副高级", Some("中级"), "2020-03-01"),
                FallsShort,
                "现职称为中级（工程系列），申报的是副高级。 |  | 申报更高一级职称请选择「普通申报」。",
            ),
            (moving("中级", None, "2020-03-01"), FallsShort, "须已取得职称"),
            (moving("中级", Some("中级"), ""), NeedsAnswers, "请先填写「聘任专业技术职务时间」"),
        ];
        check_cases(cases, |(applicant, expected, words)| {
            let verdict = applicant.verdict("V-TRANSFER");
            let said = summary(verdict.clone());
            ensure(standing(&verdict) == Some(*expected) && said.contains(words), || said)
        });
    }
}
