//! 考核信息 (GD, domain §2.12 [S1 提示6]): one annual appraisal per year of 资历, so the rows' years
//! must cover every year from the start of 资历 (V-YRS-1, from the current qualification; from the
//! start of work without one) to the evaluation year. The missing years are named.

use super::seniority::{seniority_start, start_from_answers};
use super::{GroupContext, GroupRule};
use crate::path::FieldPath;
use crate::report::Finding;
use crate::schema::YearsCoveredRule;
use crate::value::Row;

/// The longest span of years checked: bounds the work a mistaken start year can cause.
const MAX_YEARS: i32 = 60;

impl GroupRule for YearsCoveredRule {
    fn check(&self, rows: &[Row], ctx: &GroupContext<'_>) -> Vec<(FieldPath, Finding)> {
        let (Some(start), Some(end)) = (
            start_from_answers(ctx.settings(), |name| ctx.top_level_answer(name), seniority_start),
            ctx.evaluation_year(),
        ) else {
            return Vec::new();
        };
        let first = start.year.max(end - MAX_YEARS);
        let present: Vec<i32> = rows.iter().filter_map(|row| row.text(&self.year).trim().parse().ok()).collect();
        let missing: Vec<String> = (first..=end).filter(|y| !present.contains(y)).map(|y| y.to_string()).collect();
        if missing.is_empty() {
            return Vec::new();
        }
        let message = self.message.replace("{years}", &missing.join("、")).replace("{start}", &first.to_string());
        vec![(FieldPath::top(&ctx.group().id), Finding::error("V-YRS-KH", message))]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::check_table;
    use crate::rules::test_form::{rows, TestForm};

    const FIELDS: &str = r#"[
        {"id": "workStart", "label": "参加工作时间", "kind": "year_month"},
        {"id": "method", "label": "取得方式", "kind": "text"},
        {"id": "evalYear", "label": "评审年度", "kind": "year"},
        {"id": "obtained", "label": "取得时间", "kind": "date"},
        {"id": "appraisals", "label": "考核信息", "kind": "group", "fields": [
            {"id": "year", "label": "考核年度", "kind": "year"}]}]"#;

    const SETTINGS: &str = r#"{"default_evaluation_year": 2025, "current_qualification":
        {"method": "method", "eval_year": "evalYear", "obtained": "obtained", "work_start": "workStart"}}"#;

    fn rule() -> YearsCoveredRule {
        YearsCoveredRule { year: "year".into(), message: "缺少 {years} 年的考核信息".into() }
    }

    fn found(form: &TestForm, years: &[&str]) -> Vec<String> {
        let rows = rows(years.iter().map(|y| vec![("year", *y)]));
        form.check_group_described("appraisals", &rows, &rule())
    }

    #[test]
    fn every_year_from_the_start_of_seniority_to_the_evaluation_year_needs_a_row() {
        // A title evaluated in 2021 counts from 2022-01-01: 2022 to 2025 are needed.
        let form = TestForm::with_settings(FIELDS, SETTINGS).with("method", "评审").with("evalYear", "2021");
        check_table(
            [
                (vec!["2022", "2023", "2024", "2025"], vec![]),
                (vec!["2025", "2022", "2023", "2024", "2021"], vec![]),
                (vec!["2022", "2023"], vec!["appraisals V-YRS-KH Error 缺少 2024、2025 年的考核信息"]),
                (vec![], vec!["appraisals V-YRS-KH Error 缺少 2022、2023、2024、2025 年的考核信息"]),
            ],
            |years| found(&form, years),
        );
    }

    #[test]
    fn an_exam_counts_from_its_date_and_no_title_from_the_start_of_work() {
        let exam = TestForm::with_settings(FIELDS, SETTINGS).with("method", "考试").with("obtained", "2024-06-15");
        assert_eq!(found(&exam, &["2025"]), ["appraisals V-YRS-KH Error 缺少 2024 年的考核信息"]);
        let no_title = TestForm::with_settings(FIELDS, SETTINGS).with("workStart", "2023-07");
        assert_eq!(found(&no_title, &["2023", "2024"]), ["appraisals V-YRS-KH Error 缺少 2025 年的考核信息"]);
        let unknown = TestForm::with_settings(FIELDS, SETTINGS).with("method", "评审");
        assert!(found(&unknown, &[]).is_empty(), "no evaluation year of the title: nothing to count from");
    }
}
