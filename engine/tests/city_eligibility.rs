//! The 资格自查 on the Dongguan and provincial forms: each maps its own fields onto the shared rule
//! tables, so a 考核认定 graduate and a 评审 applicant get the verdicts of §5.7 and §5.8.

#[path = "support/dongguan.rs"]
mod dongguan;

use dongguan::{add_row, blank as dongguan, set};
use zhicheng_engine::{FormState, Standing};

fn standing(state: &FormState, code: &str) -> Standing {
    let all = state.eligibility();
    all.iter().find(|v| v.code == code).map(|v| v.standing).unwrap_or_else(|| panic!("no {code} among {all:#?}"))
}

#[test]
fn a_full_time_graduate_may_be_recognised_and_a_part_time_one_may_not() {
    let mut state = dongguan("dg-assessment");
    assert!(state.has_eligibility());
    set(&mut state, "series", "工程系列");
    set(&mut state, "level", "助理级");
    set(&mut state, "workStartDate", "2024-07");
    let row = [
        ("school", "东莞理工学院"),
        ("eduLevel", "大学本科"),
        ("gradDate", "2024-06-30"),
        ("studyMode", "全日制"),
        ("usedForDeclaration", "是"),
    ];
    add_row(&mut state, "education", &row);
    assert_eq!(standing(&state, "V-REC"), Standing::Meets, "{:#?}", state.eligibility());
    let mut part_time = dongguan("dg-assessment");
    for (field, text) in [("series", "工程系列"), ("level", "助理级"), ("workStartDate", "2024-07")] {
        set(&mut part_time, field, text);
    }
    add_row(&mut part_time, "education", &[row[0], row[1], row[2], ("studyMode", "非全日制"), row[4]]);
    assert_eq!(standing(&part_time, "V-REC"), Standing::FallsShort);
}

#[test]
fn a_review_applicant_is_measured_by_the_qualification_table() {
    let mut state = dongguan("dg-title-review");
    set(&mut state, "series", "工程系列");
    set(&mut state, "level", "中级");
    let verdicts = state.eligibility();
    assert!(verdicts.iter().any(|v| v.code == "V-QUAL"), "{verdicts:#?}");
    assert_eq!(standing(&state, "V-QUAL"), Standing::NeedsAnswers, "nothing about education yet");
}

#[test]
fn the_provincial_forms_judge_by_the_same_tables() {
    let mut state = dongguan("gd-initial-recognition");
    for (field, text) in [("gdSeriesApplied", "工程系列"), ("level", "中级"), ("workStartDate", "2025-07")] {
        set(&mut state, field, text);
    }
    let row =
        [("eduLevel", "硕士研究生"), ("gradDate", "2025-06-30"), ("studyMode", "全日制"), ("usedForDeclaration", "是")];
    add_row(&mut state, "education", &row);
    let verdicts = state.eligibility();
    let recognition = verdicts.iter().find(|v| v.code == "V-REC").unwrap_or_else(|| panic!("{verdicts:#?}"));
    assert_eq!(recognition.standing, Standing::FallsShort, "a master's degree needs 3 years for 中级");
    assert!(recognition.earliest.is_some(), "and the verdict says when: {recognition:#?}");
    let mut review = dongguan("gd-title-review");
    set(&mut review, "declarationType", "破格申报");
    assert!(review.eligibility().iter().any(|v| v.code == "V-QUAL"), "{:#?}", review.eligibility());
}
