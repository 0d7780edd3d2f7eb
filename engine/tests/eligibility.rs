//! The 资格自查 on the whole Shenzhen declaration: its eligibility data loads, and the verdicts
//! follow the answers as an applicant changes them through commands.

mod support;

use support::{add_row, ordinary, set};
use zhicheng_engine::{Command, Date, FieldPath, FormState, Standing, Value, Verdict};

fn verdict(state: &FormState, code: &str) -> Verdict {
    let all = state.eligibility();
    all.iter().find(|v| v.code == code).cloned().unwrap_or_else(|| panic!("no {code} among {all:#?}"))
}

fn codes(state: &FormState) -> Vec<&'static str> {
    state.eligibility().iter().map(|v| v.code).collect()
}

#[test]
fn the_shenzhen_form_offers_the_check_and_the_unit_form_does_not() {
    assert!(ordinary().has_eligibility());
    let unit = zhicheng_engine::test_forms::form("sz-unit-publicity");
    let state = FormState::new(std::sync::Arc::new(unit), Date::new(2026, 11, 23).unwrap());
    assert!(!state.has_eligibility() && state.eligibility().is_empty());
}

#[test]
fn an_ordinary_declaration_meets_the_table_and_is_told_which_ce_years_are_missing() {
    let mut state = ordinary();
    assert_eq!(codes(&state), ["V-QUAL", "V-YRS", "V-CE"]);
    let qualification = verdict(&state, "V-QUAL");
    assert_eq!(qualification.standing, Standing::Meets);
    assert_eq!(qualification.basis.as_deref(), Some("人社部发〔2019〕16号（工程系列默认，待按专业标准确认）"));
    assert!(qualification
        .explanation
        .starts_with("按「大学专科及以上学历，取得中级（工程师）后满 5 年」申报副高级（高级工程师）"));
    let years = verdict(&state, "V-YRS");
    assert_eq!(
        years.explanation,
        "现职称为 2018 年度评审取得（2020 年度及以前评审的，资历自评审年度 1 月 1 日起算）：资历起算 2018-01-01，截至 2026-12-31，已满所需的 5 年。"
    );
    let ce = verdict(&state, "V-CE");
    assert_eq!(ce.standing, Standing::FallsShort);
    assert!(ce.explanation.contains("2018、2019、2020、2021、2022 年度没有继续教育记录"), "{}", ce.explanation);
    for year in ["2018", "2019", "2020", "2021", "2022"] {
        add_row(
            &mut state,
            "ce",
            &[("year", year), ("publicHours", "30"), ("professionalHours", "42"), ("electiveHours", "18")],
        );
    }
    assert_eq!(verdict(&state, "V-CE").standing, Standing::Meets);
}

#[test]
fn a_title_evaluated_in_2022_is_not_yet_enough_and_破格_is_suggested() {
    let mut state = ordinary();
    set(&mut state, "curQualEvalYear", "2022");
    let not_yet = verdict(&state, "V-QUAL");
    assert_eq!(not_yet.standing, Standing::FallsShort);
    assert_eq!(not_yet.earliest, Date::new(2027, 12, 31));
    assert!(not_yet.explanation.contains("最早可申报 2027 年度评审"), "{}", not_yet.explanation);
    assert_eq!(not_yet.suggestion.as_deref(), Some("可考虑破格申报（需提交破格申报推荐表）。"));
    set(&mut state, "declarationType", "破格申报");
    let exceptional = verdict(&state, "V-QUAL");
    assert!(exceptional.suggestion.is_some_and(|s| s.starts_with("已选择破格申报")));
}

#[test]
fn an_exam_counts_from_its_date_and_the_hidden_evaluation_year_is_not_read() {
    let mut state = ordinary();
    set(&mut state, "curQualMethod", "考试");
    set(&mut state, "curQualDate", "2022-05-21");
    let years = verdict(&state, "V-YRS");
    assert_eq!(years.standing, Standing::FallsShort, "{years:#?}");
    assert_eq!(years.earliest, Date::new(2027, 5, 20));
    assert_eq!(years.dates[0].date, Date::new(2022, 5, 21).unwrap());
}

#[test]
fn a_recognition_declaration_with_a_title_is_told_to_declare_normally() {
    let mut state = ordinary();
    set(&mut state, "declarationType", "考核认定");
    assert_eq!(codes(&state), ["V-REC", "V-CE"]);
    let recognition = verdict(&state, "V-REC");
    assert_eq!(recognition.standing, Standing::FallsShort);
    assert_eq!(recognition.suggestion.as_deref(), Some("请改选「普通申报」，按学历资历条件申报高一级职称。"));
}

#[test]
fn a_fresh_graduate_learns_the_earliest_year_and_that_part_time_study_rules_recognition_out() {
    let mut state = FormState::new(support::schema(), Date::new(2026, 11, 23).unwrap());
    for (field, text) in [("declarationType", "考核认定"), ("series", "工程系列"), ("level", "助理级")] {
        set(&mut state, field, text);
    }
    let row = add_row(
        &mut state,
        "education",
        &[("eduLevel", "大学本科"), ("gradDate", "2026-06-30"), ("studyMode", "全日制"), ("usedForDeclaration", "是")],
    );
    let not_yet = verdict(&state, "V-REC");
    assert_eq!(not_yet.standing, Standing::FallsShort);
    assert_eq!(not_yet.earliest, Date::new(2027, 6, 29));
    assert!(
        not_yet.explanation.ends_with("满 1 年之日为 2027-06-29，最早可申报 2027 年度。"),
        "{}",
        not_yet.explanation
    );
    let path = FieldPath::in_row("education", row, "studyMode");
    state.apply(Command::SetValue { path, value: Value::text("非全日制") });
    let part_time = verdict(&state, "V-REC");
    assert_eq!(part_time.explanation, "初次职称考核认定只适用于全日制学历，用于申报的学历为「非全日制」。");
    assert_eq!(part_time.suggestion.as_deref(), Some("可改选「普通申报」，按学历资历条件申报。"));
    assert_eq!(part_time.basis.as_deref(), Some("粤人社规〔2020〕33号《广东省初次职称考核认定规定》"));
}
