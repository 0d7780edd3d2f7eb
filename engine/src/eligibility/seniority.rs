//! V-YRS-1 资历年限 as a verdict: when the current title's 资历 starts (评审 from 2021: January 1st
//! after the 评审年度; 评审 up to 2020: January 1st of it; 考试 / 认定: the date obtained), and
//! whether the years the 学历资历 table asks are full by December 31st of the evaluation year.
//! The counting itself is `rules::seniority`'s.

use super::context::{Context, Missing};
use super::qualification::years_after_current_title;
use super::verdict::{reached_sentence, Standing, Verdict};
use crate::date::Date;
use crate::rules::seniority::{
    full_years_reached_on, has_full_years, seniority_start, QualificationMethod, NEW_RULES_FROM_YEAR,
};
use crate::schema::DeclarationKind;

const CODE: &str = "V-YRS";
const RULE: &str = "资历年限";

/// When 资历 starts, with the rule that set it in words.
pub(super) struct Start {
    pub date: Date,
    pub how: String,
}

/// The start of 资历 from the current title's answers, or the answers it still needs.
pub(super) fn start(ctx: &Context<'_>) -> Result<Start, Missing> {
    let Some(f) = &ctx.fields.current else { return Err(vec!["现职称".to_string()]) };
    let method = QualificationMethod::from_label(ctx.text(&f.method)).ok_or_else(|| vec![ctx.label(&f.method)])?;
    let year = ctx.text(&f.eval_year).parse::<i32>().ok().filter(|y| (1000..=9999).contains(y));
    let obtained = Date::parse_loose(ctx.text(&f.obtained));
    let date = seniority_start(method, year, obtained).ok_or_else(|| match method {
        QualificationMethod::Evaluation => vec![ctx.label(&f.eval_year)],
        _ => vec![ctx.label(&f.obtained)],
    })?;
    let how = match (method, year) {
        (QualificationMethod::Evaluation, Some(y)) if y >= NEW_RULES_FROM_YEAR => {
            format!("现职称为 {y} 年度评审取得（2021 年度及以后评审的，资历自评审年度次年 1 月 1 日起算）")
        }
        (QualificationMethod::Evaluation, Some(y)) => {
            format!("现职称为 {y} 年度评审取得（2020 年度及以前评审的，资历自评审年度 1 月 1 日起算）")
        }
        (QualificationMethod::Exam, _) => "现职称为考试取得（资历自考试通过之日起算）".to_string(),
        _ => "现职称为认定取得（资历自认定之日起算）".to_string(),
    };
    Ok(Start { date, how })
}

/// The years since the current title, for a declaration the table measures by them.
pub(super) fn check(ctx: &Context<'_>) -> Option<Verdict> {
    if !matches!(ctx.kind()?, DeclarationKind::Standard | DeclarationKind::Exceptional) {
        return None;
    }
    let years = years_after_current_title(ctx)?;
    let (start, year) = match (start(ctx), ctx.evaluation_year()) {
        (Ok(start), Ok(year)) => (start, year),
        (a, b) => {
            let missing = a.err().into_iter().chain(b.err()).flatten().collect();
            return Some(Verdict::needs(CODE, RULE, missing));
        }
    };
    let end = Date::last_of_year(year);
    let reached = full_years_reached_on(start.date, years);
    let opening = format!("{}：资历起算 {}，截至 {}", start.how, start.date.iso(), end.iso());
    let verdict = if has_full_years(start.date, years, year) {
        Verdict::new(CODE, RULE, Standing::Meets, format!("{opening}，已满所需的 {years} 年。"))
    } else {
        let when = reached.map(|r| format!("；{}", reached_sentence(years, r))).unwrap_or_default();
        Verdict::new(CODE, RULE, Standing::FallsShort, format!("{opening}，未满 {years} 年{when}。")).earliest(reached)
    };
    Some(verdict.with_dates([("资历起算", start.date), ("截至", end)]))
}

#[cfg(test)]
mod tests {
    use crate::eligibility::test_applicant::{standing, summary, Applicant};
    use crate::eligibility::Standing::*;
    use crate::rules::table::{check_cases, ensure};
    use crate::rules::vectors::shared_vectors;

    /// 工程师 declaring 高级工程师 (5 years after 中级) with a 大学本科.
    fn engineer(title: &[(&'static str, &'static str)], year: &'static str) -> Applicant<'static> {
        let mut answers = vec![("declarationType", "普通申报"), ("series", "工程系列"), ("level", "副高级")];
        answers.extend_from_slice(&[("curQualLevel", "中级"), ("committeeYear", year)]);
        answers.extend_from_slice(title);
        Applicant { answers, education: Some(("大学本科", "2010-06-30", "全日制")), ..Applicant::default() }
    }

    #[test]
    fn the_spec_table_of_section_5_6() {
        // 中级 via 2022年度 评审, 5 years needed: eligible in 2027, not in 2026.
        let cases = shared_vectors()["seniority_and_material_window"]["cases"].as_array().cloned().unwrap_or_default();
        assert!(!cases.is_empty());
        check_cases(cases, |case| {
            let year: &'static str = if case["target"] == 2027 { "2027" } else { "2026" };
            ensure(case["need"] == 5 && case["eval_year"] == 2022, || "a case this test cannot state".into())?;
            let verdict = engineer(&[("curQualMethod", "评审"), ("curQualEvalYear", "2022")], year).verdict("V-YRS");
            let expected = if case["eligible"] == true { Meets } else { FallsShort };
            ensure(standing(&verdict) == Some(expected), || summary(verdict))
        });
    }

    #[test]
    fn the_start_follows_the_rules_of_each_period_and_method() {
        let cases = [
            (vec![("curQualMethod", "评审"), ("curQualEvalYear", "2021")], Meets, "2021 年度评审取得（2021 年度及以后评审的，资历自评审年度次年 1 月 1 日起算）：资历起算 2022-01-01，截至 2026-12-31，已满所需的 5 年。 |  |"),
            (vec![("curQualMethod", "评审"), ("curQualEvalYear", "2022")], FallsShort, "资历起算 2023-01-01，截至 2026-12-31，未满 5 年；满 5 年之日为 2027-12-31，最早可申报 2027 年度评审。 | 2027-12-31 |"),
            (vec![("curQualMethod", "评审"), ("curQualEvalYear", "2020")], Meets, "2020 年度评审取得（2020 年度及以前评审的，资历自评审年度 1 月 1 日起算）：资历起算 2020-01-01"),
            (vec![("curQualMethod", "考试"), ("curQualDate", "2022-10-16")], FallsShort, "考试取得（资历自考试通过之日起算）：资历起算 2022-10-16，截至 2026-12-31，未满 5 年；满 5 年之日为 2027-10-15，最早可申报 2027 年度评审。 | 2027-10-15 |"),
            (vec![("curQualMethod", "考核认定"), ("curQualDate", "2021-01-01")], Meets, "认定取得（资历自认定之日起算）：资历起算 2021-01-01"),
            (vec![("curQualMethod", "考试")], NeedsAnswers, "请先填写「取得时间」"),
        ];
        check_cases(cases, |(title, expected, words)| {
            let verdict = engineer(title, "2026").verdict("V-YRS");
            let said = summary(verdict.clone());
            ensure(standing(&verdict) == Some(*expected) && said.contains(words), || said)
        });
    }

    #[test]
    fn only_when_the_table_counts_years_since_the_current_title() {
        let no_title = Applicant {
            answers: vec![("declarationType", "普通申报"), ("series", "工程系列"), ("level", "中级")],
            education: Some(("博士研究生", "2020-06-30", "全日制")),
            ..Applicant::default()
        };
        assert_eq!(standing(&no_title.verdict("V-YRS")), None);
    }
}
