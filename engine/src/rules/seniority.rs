//! V-YRS-1 / V-YRS-2 / V-YRS-3: when years-in-grade (资历) and the achievement window (有效材料时段)
//! start, whether N full years are reached, and whether an achievement's date lies in the window
//! (粤人社发〔2024〕29号 §二, as 〔2022〕30号).

use crate::date::Date;
use crate::report::Finding;
use crate::schema::Settings;

/// How the current qualification was obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QualificationMethod {
    /// 评审 (also 考评结合): counted by evaluation year (评审年度).
    Evaluation,
    /// 考试: counted from the date the exam was passed.
    Exam,
    /// 考核认定 / 认定 / 确认: counted from the date of recognition.
    Recognition,
}

impl QualificationMethod {
    /// Reads the form's option text; `None` for anything else.
    pub fn from_label(label: &str) -> Option<Self> {
        match label.trim() {
            "评审" | "考评结合" => Some(QualificationMethod::Evaluation),
            "考试" => Some(QualificationMethod::Exam),
            "考核认定" | "认定" | "确认" => Some(QualificationMethod::Recognition),
            _ => None,
        }
    }
}

/// The first evaluation year whose titles count from January 1st of the following year.
pub const NEW_RULES_FROM_YEAR: i32 = 2021;

/// Start of 资历 (V-YRS-1): for 评审 from 2021 on, January 1st after the evaluation year; for 评审
/// up to 2020, January 1st of the evaluation year; for 考试/认定, the date obtained. `None` when the
/// answer it needs is missing.
pub fn seniority_start(method: QualificationMethod, eval_year: Option<i32>, obtained: Option<Date>) -> Option<Date> {
    start_under_the_rules(method, eval_year, obtained, |year| Some(Date::first_of_year(year)))
}

/// Start of the achievement window (V-YRS-2): for 评审 from 2021 on, January 1st after the
/// evaluation year; for 评审 up to 2020, September 1st of the evaluation year (earlier windows
/// closed on August 31st); for 考试/认定, the date obtained.
pub fn material_window_start(
    method: QualificationMethod,
    eval_year: Option<i32>,
    obtained: Option<Date>,
) -> Option<Date> {
    start_under_the_rules(method, eval_year, obtained, |year| Date::new(year, 9, 1))
}

/// One of the starts above (`start`: `seniority_start` or `material_window_start`) from the
/// current qualification a form's settings name, its answers read through `answer`; without a
/// qualification (no method answered), the start of work.
pub fn start_from_answers<'a>(
    settings: &Settings,
    answer: impl Fn(&str) -> &'a str,
    start: fn(QualificationMethod, Option<i32>, Option<Date>) -> Option<Date>,
) -> Option<Date> {
    let fields = settings.current_qualification.as_ref()?;
    match QualificationMethod::from_label(answer(&fields.method)) {
        Some(method) => {
            start(method, answer(&fields.eval_year).parse().ok(), Date::parse_loose(answer(&fields.obtained)))
        }
        None => Date::parse_loose(answer(&fields.work_start)),
    }
}

/// The rule both starts share: titles evaluated from 2021 on count from January 1st of the next
/// year, older evaluations from `before_2021(year)`, exams and recognitions from the date obtained.
fn start_under_the_rules(
    method: QualificationMethod,
    eval_year: Option<i32>,
    obtained: Option<Date>,
    before_2021: impl Fn(i32) -> Option<Date>,
) -> Option<Date> {
    match method {
        QualificationMethod::Evaluation => {
            let year = eval_year?;
            if year >= NEW_RULES_FROM_YEAR {
                Some(Date::first_of_year(year.checked_add(1)?))
            } else {
                before_2021(year)
            }
        }
        QualificationMethod::Exam | QualificationMethod::Recognition => obtained,
    }
}

/// Whether `years` full years from `start` are reached by December 31st of `target_year`, i.e.
/// `start + years − 1 day ≤ target_year-12-31`. Computed without date arithmetic so that no
/// input can overflow.
pub fn has_full_years(start: Date, years: i32, target_year: i32) -> bool {
    let anniversary_year = i64::from(start.year) + i64::from(years);
    let target = i64::from(target_year);
    let starts_on_new_year = start.month == 1 && start.day == 1;
    anniversary_year <= target || (anniversary_year == target + 1 && starts_on_new_year)
}

/// The day `years` full years from `start` are reached (`start + years − 1 day`): the earliest
/// date, and with its year the earliest evaluation year, for which [`has_full_years`] holds.
/// `None` for a negative count or a year out of range.
pub fn full_years_reached_on(start: Date, years: i32) -> Option<Date> {
    if years < 0 {
        return None;
    }
    let year = start.year.checked_add(years).filter(|y| (1..=9999).contains(y))?;
    let day = start.day.min(crate::date::days_in_month(year, start.month));
    Some(Date::new(year, start.month, day)?.add_days(-1))
}

/// V-YRS-3: an achievement dated after December 31st of the evaluation year cannot be used
/// (error); one dated before the window start may belong to the time before the current title
/// (warning).
pub fn check_achievement_date(date: Date, window_start: Option<Date>, evaluation_year: i32) -> Vec<Finding> {
    if date > Date::last_of_year(evaluation_year) {
        return vec![Finding::error(
            "V-YRS-3",
            format!(
                "业绩材料有效期截至评审年度 {evaluation_year} 年 12 月 31 日，晚于此日期的成果不能用于本次申报。本项日期为 {}，请核对日期或删除该项。",
                date.chinese()
            ),
        )];
    }
    match window_start {
        Some(start) if date < start => vec![Finding::warning(
            "V-YRS-3",
            format!(
                "本项日期 {} 早于有效材料起算日 {}，可能属于「获现资格之前」的业绩，一般不计入本次申报，请确认。",
                date.chinese(),
                start.chinese()
            ),
        )],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::{check_cases, check_table, ensure};
    use crate::rules::vectors::{shared_vectors, text_of};

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|| panic!("bad test date {text}"))
    }

    /// The method of a vector case, panicking on labels this rule does not know.
    fn method_of(case: &serde_json::Value) -> QualificationMethod {
        let label = text_of(case, "method");
        QualificationMethod::from_label(label).unwrap_or_else(|| panic!("unknown method {label}"))
    }

    fn year_of(case: &serde_json::Value, key: &str) -> Option<i32> {
        case[key].as_i64().and_then(|y| i32::try_from(y).ok())
    }

    /// The cases of one list inside the shared `seniority_and_material_window` section.
    fn window_cases(list: &str) -> Vec<serde_json::Value> {
        shared_vectors()["seniority_and_material_window"][list].as_array().cloned().unwrap_or_default()
    }

    #[test]
    fn every_shared_eligibility_vector() {
        check_cases(window_cases("cases"), |case| {
            let start = seniority_start(method_of(case), year_of(case, "eval_year"), None).ok_or("no start")?;
            let need = year_of(case, "need").expect("need");
            let target = year_of(case, "target").expect("target");
            let eligible = case["eligible"].as_bool().expect("eligible");
            ensure(has_full_years(start, need, target) == eligible, || format!("eligible should be {eligible}"))
        });
    }

    #[test]
    fn every_shared_material_window_vector() {
        check_cases(window_cases("material_start"), |case| {
            let obtained = case["pass_date"].as_str().map(date);
            let start = material_window_start(method_of(case), year_of(case, "eval_year"), obtained);
            let expected = date(text_of(case, "start"));
            ensure(start == Some(expected), || format!("got {start:?}"))
        });
    }

    #[test]
    fn seniority_starts_by_method_and_year() {
        use QualificationMethod::*;
        let passed = date("2019-05-20");
        let cases = [
            (Evaluation, Some(2022), None, Some("2023-01-01")),
            (Evaluation, Some(2021), None, Some("2022-01-01")),
            (Evaluation, Some(2020), Some(passed), Some("2020-01-01")),
            (Evaluation, Some(2017), None, Some("2017-01-01")),
            (Evaluation, None, Some(passed), None),
            (Evaluation, Some(i32::MAX), None, None),
            (Exam, Some(2022), Some(passed), Some("2019-05-20")),
            (Recognition, None, Some(passed), Some("2019-05-20")),
            (Recognition, Some(2022), None, None),
        ];
        check_table(
            cases.map(|(method, year, obtained, expected)| ((method, year, obtained), expected.map(date))),
            |&(method, year, obtained)| seniority_start(method, year, obtained),
        );
    }

    #[test]
    fn labels_map_to_methods() {
        use QualificationMethod::*;
        let cases = [
            ("评审", Some(Evaluation)),
            ("考评结合", Some(Evaluation)),
            ("考试", Some(Exam)),
            (" 考核认定 ", Some(Recognition)),
            ("认定", Some(Recognition)),
            ("确认", Some(Recognition)),
            ("", None),
            ("其他", None),
        ];
        check_table(cases, |label| QualificationMethod::from_label(label));
    }

    #[test]
    fn full_years_count_to_the_end_of_the_target_year() {
        let cases = [
            ("2023-01-01", 5, 2027, true),
            ("2023-01-01", 5, 2026, false),
            ("2019-05-20", 5, 2024, true),
            ("2019-05-20", 6, 2024, false),
            ("2020-01-01", 1, 2020, true),
            ("2020-01-02", 1, 2020, false),
            ("2024-02-29", 1, 2024, false),
            ("2023-01-01", 0, 2000, false),
            ("2023-06-01", 0, 2023, true),
            ("2023-01-01", i32::MAX, i32::MAX, false),
            ("2023-01-01", i32::MIN, 2023, true),
        ];
        check_table(
            cases.map(|(start, years, target, expected)| ((start, years, target), expected)),
            |&(start, years, target)| has_full_years(date(start), years, target),
        );
    }

    #[test]
    fn the_day_full_years_are_reached_agrees_with_the_year_test() {
        let cases = [
            ("2023-01-01", 5, Some("2027-12-31")),
            ("2019-05-20", 5, Some("2024-05-19")),
            ("2024-02-29", 1, Some("2025-02-27")),
            ("2024-06-30", 1, Some("2025-06-29")),
            ("2025-06-30", 0, Some("2025-06-29")),
            ("2023-01-01", -1, None),
            ("9999-01-01", 1, None),
        ];
        check_table(cases.map(|(start, years, day)| ((start, years), day.map(date))), |&(start, years)| {
            full_years_reached_on(date(start), years)
        });
        check_cases([("2023-01-01", 5), ("2019-05-20", 5), ("2024-02-29", 1), ("2020-01-02", 3)], |&(start, years)| {
            let reached = full_years_reached_on(date(start), years).ok_or("no day")?;
            ensure(has_full_years(date(start), years, reached.year), || "not reached in its year".into())?;
            ensure(!has_full_years(date(start), years, reached.year - 1), || "reached a year earlier".into())
        });
    }

    #[test]
    fn achievements_outside_the_window() {
        let window = Some(date("2023-01-01"));
        let cases = [
            ("2024-05-01", window, None),
            ("2025-12-31", window, None),
            ("2026-01-01", window, Some(true)),
            ("2022-12-31", window, Some(false)),
            ("2010-01-01", None, None),
        ];
        check_cases(cases, |&(day, window_start, expected_error)| {
            let found = check_achievement_date(date(day), window_start, 2025);
            ensure(found.len() <= 1 && found.first().map(Finding::is_error) == expected_error, || format!("{found:?}"))
        });
        let late = check_achievement_date(date("2026-01-01"), window, 2025);
        assert!(late[0]
            .message
            .starts_with("业绩材料有效期截至评审年度 2025 年 12 月 31 日，晚于此日期的成果不能用于本次申报。"));
    }
}
