//! The provincial system's applicant forms (广东省专业技术人才职称管理系统, used by 清远) end to
//! end in the engine: complete declarations are clean with the materials they need; 主管单位 and
//! the committee come from data; 考核信息 must cover every year of 资历; each achievement shows
//! whether it falls before or since the current qualification, computed, not typed; records not
//! chosen (取消选定) are neither checked nor submitted; 初次职称考核认定 refuses what 33号 refuses.

use zhicheng_engine::materials::checklist;
use zhicheng_engine::{Command, FieldPath, FormState, Severity, Value};

#[path = "support/provincial.rs"]
mod provincial;

use provincial::{add_row, initial_recognition, set, title_review};

fn errors(s: &FormState) -> Vec<String> {
    s.report().errors().map(|v| format!("{} {} {}", v.path, v.code, v.message)).collect()
}

fn findings_at(s: &FormState, path: &str) -> Vec<String> {
    s.report()
        .violations
        .iter()
        .filter(|v| v.path.to_string() == path)
        .map(|v| format!("{} {}", v.code, v.message))
        .collect()
}

fn required_materials(s: &FormState) -> Vec<String> {
    checklist(&s.evaluator()).iter().filter(|m| m.required).map(|m| m.material.id.clone()).collect()
}

fn periods(s: &FormState) -> Vec<(String, String)> {
    s.rows("projects").iter().map(|r| (r.text("name").to_string(), r.text("period").to_string())).collect()
}

#[test]
fn a_complete_title_review_has_no_errors_and_fills_what_the_system_fills() {
    let s = title_review();
    assert_eq!(errors(&s), Vec::<String>::new());
    assert_eq!(s.text(&FieldPath::top("supervisingUnit")), "清远市生态环境局", "主管单位 from the unit table");
    assert_eq!(s.text(&FieldPath::top("gdCommittee")), "清远市工程系列生态环境专业中级职称评审委员会");
    assert_eq!(s.text(&FieldPath::top("gender")), "男");
    assert_eq!(
        required_materials(&s),
        ["photo", "idCard", "reviewForm", "eduProof", "qualProof", "ceProof", "appraisalForms", "projectProof"]
    );
}

#[test]
fn the_supervising_unit_and_committee_follow_the_choices() {
    let mut s = title_review();
    set(&mut s, "hrUnit", "清远市人民医院");
    assert_eq!(s.text(&FieldPath::top("supervisingUnit")), "清远市卫生健康局");
    assert!(s.is_read_only(&FieldPath::top("supervisingUnit")), "主管单位 cannot be typed");
    set(&mut s, "level", "助理级");
    assert_eq!(s.text(&FieldPath::top("gdCommittee")), "清远市工程系列生态环境专业初级职称评审委员会");
}

#[test]
fn each_achievement_shows_its_period_from_the_current_title() {
    let mut s = title_review();
    // 2021年度 评审: the window opens on 2022-01-01.
    let expected = [("北江支流水质监测网建设", "获现资格之前"), ("清远市大气污染源解析", "获现资格以来")];
    let wanted: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(periods(&s), wanted);
    let row = s.rows("projects")[0].id;
    assert!(s.is_read_only(&FieldPath::in_row("projects", row, "period")), "the period is computed, not typed");
    // A title evaluated in 2018 (old rules): the window opens on 2018-09-01, so 2019 counts since.
    set(&mut s, "curQualEvalYear", "2018");
    assert_eq!(periods(&s)[0].1, "获现资格以来");
    // A title passed by exam counts from the date passed.
    set(&mut s, "curQualMethod", "考试");
    set(&mut s, "curQualDate", "2020-05-20");
    assert_eq!(periods(&s)[0].1, "获现资格之前");
    let award = add_row(&mut s, "awards", &[("awardDate", "2021-01-01")]);
    assert_eq!(s.text(&FieldPath::in_row("awards", award, "period")), "获现资格以来");
}

#[test]
fn appraisals_must_cover_every_year_of_seniority() {
    let mut s = title_review();
    for year in ["2024", "2025"] {
        let row = s.rows("appraisals").iter().find(|r| r.text("year") == year).map(|r| r.id).unwrap();
        s.apply(Command::RemoveRow { group: "appraisals".into(), row });
    }
    assert_eq!(
        findings_at(&s, "appraisals"),
        ["V-YRS-KH 考核信息缺少 2024、2025 年：资历年限内（2022 年起至申报年度）每年需要一份年度考核表，请逐年添加。"]
    );
    // An older title (2018年度 评审, 资历 from 2018-01-01) needs the years before too.
    let mut s = title_review();
    set(&mut s, "curQualEvalYear", "2018");
    assert!(
        findings_at(&s, "appraisals")[0].contains("缺少 2018、2019、2020、2021 年"),
        "{:?}",
        findings_at(&s, "appraisals")
    );
}

#[test]
fn a_record_not_chosen_is_kept_but_neither_checked_nor_submitted() {
    let mut s = title_review();
    // A paper brought over from an earlier declaration, incomplete, and not chosen this time.
    let paper = add_row(&mut s, "papers", &[("title", "旧稿：污染源清单方法"), ("selected", "否")]);
    assert_eq!(errors(&s), Vec::<String>::new(), "an unchosen record is not checked");
    let submitted = s.submission_answers();
    assert!(!submitted.contains_key("papers"), "an unchosen record is not submitted");
    assert_eq!(s.rows("papers").len(), 1, "the draft keeps it");
    // Chosen again, it is checked like any other row.
    s.apply(Command::SetValue { path: FieldPath::in_row("papers", paper, "selected"), value: Value::text("是") });
    assert!(
        errors(&s).iter().any(|e| e.starts_with("papers[#") && e.contains(".category REQUIRED")),
        "{:#?}",
        errors(&s)
    );
    // A representative project not chosen requires no material.
    let mut s = title_review();
    let chosen = s.rows("projects")[1].id;
    s.apply(Command::SetValue { path: FieldPath::in_row("projects", chosen, "selected"), value: Value::text("否") });
    assert!(!required_materials(&s).contains(&"projectProof".to_string()));
}

#[test]
fn continuing_education_is_checked_per_year_against_the_quotas() {
    let mut s = title_review();
    add_row(
        &mut s,
        "ce",
        &[("year", "2021"), ("publicHours", "24"), ("professionalHours", "48"), ("electiveHours", "18")],
    );
    let found: Vec<String> =
        s.report().violations.iter().filter(|v| v.code == "V-CE").map(|v| v.message.clone()).collect();
    assert_eq!(
        found,
        ["2021 年继续教育公需科目 24 学时，少于要求的 30 学时，还差 6 学时。请补充学时或核对填写的数字。"]
    );
    assert!(s.report().violations.iter().filter(|v| v.code == "V-CE").all(|v| v.severity == Severity::Warning));
}

#[test]
fn exceptional_declarations_need_their_recommendation() {
    let mut s = title_review();
    set(&mut s, "declarationType", "破格申报");
    assert!(required_materials(&s).contains(&"exceptionalForm".to_string()));
}

#[test]
fn a_complete_initial_recognition_has_no_errors() {
    let s = initial_recognition();
    assert_eq!(errors(&s), Vec::<String>::new());
    assert_eq!(required_materials(&s), ["photo", "idCard", "recognitionForm", "eduProof", "appraisalForms"]);
    assert_eq!(periods(&s)[0].1, "获现资格以来", "without a title everything since work counts");
    for field in ["curQualType", "curQualName", "curQualEvalYear"] {
        assert!(!s.is_visible(&FieldPath::top(field)), "{field} shows only for a holder of a title");
    }
}

#[test]
fn initial_recognition_refuses_what_the_2020_rules_refuse() {
    type Change = fn(&mut FormState);
    let cases: [(&str, Change, &str); 5] = [
        ("already holds a title", |s| set(s, "holdsTitle", "是"), "holdsTitle"),
        ("works outside the major", |s| set(s, "relatedMajor", "否"), "relatedMajor"),
        (
            "part-time study",
            |s| {
                let row = s.rows("education")[0].id;
                let path = FieldPath::in_row("education", row, "studyMode");
                s.apply(Command::SetValue { path, value: Value::text("非全日制") });
            },
            "education[#1].studyMode",
        ),
        (
            "no education used for the application",
            |s| {
                let row = s.rows("education")[0].id;
                let path = FieldPath::in_row("education", row, "usedForDeclaration");
                s.apply(Command::SetValue { path, value: Value::text("否") });
            },
            "education",
        ),
        (
            "an appraisal year missing",
            |s| {
                let row = s.rows("appraisals")[0].id;
                s.apply(Command::RemoveRow { group: "appraisals".into(), row });
            },
            "appraisals",
        ),
    ];
    for (what, change, path) in cases {
        let mut s = initial_recognition();
        change(&mut s);
        let found = s.report().errors().filter(|v| v.path.to_string() == path).count();
        assert_eq!(found, 1, "{what}: {:#?}", errors(&s));
    }
    let mut s = initial_recognition();
    set(&mut s, "holdsTitle", "是");
    assert!(s.is_visible(&FieldPath::top("curQualName")), "a holder states the title");
}

#[test]
fn records_of_an_earlier_declaration_are_imported_once_and_locked() {
    let mut earlier = title_review();
    let unchosen = add_row(&mut earlier, "papers", &[("title", "未选定的旧论文"), ("selected", "否")]);
    assert!(unchosen > 0);
    let mut s = provincial::new_form("gd-title-review");
    for group in ["projects", "papers", "appraisals"] {
        let import = s.schema().field(group).and_then(|g| g.import.clone()).expect("入库信息 can be imported");
        for values in earlier.record_import_rows(&import, s.rows(group)) {
            let outcome = s.apply(Command::AddRowWith { group: group.into(), values });
            assert!(matches!(outcome, zhicheng_engine::Outcome::RowAdded(_)), "{outcome:?}");
        }
        assert!(earlier.record_import_rows(&import, s.rows(group)).is_empty(), "{group}: nothing is imported twice");
    }
    assert_eq!(s.rows("projects").len(), 2);
    assert_eq!(s.rows("papers").len(), 0, "a record the earlier declaration left unchosen is not imported");
    assert_eq!(s.rows("appraisals").len(), 5);
    let row = s.rows("projects")[1].clone();
    assert_eq!((row.text("name"), row.text("record")), ("清远市大气污染源解析", "入库"));
    // Locked: its answers cannot change and it cannot be removed; only 选定 and 代表作 can.
    let name = FieldPath::in_row("projects", row.id, "name");
    assert!(s.is_read_only(&name));
    let refused = s.apply(Command::SetValue { path: name, value: Value::text("改名") });
    assert!(matches!(&refused, zhicheng_engine::Outcome::Refused(m) if m.contains("已入库")), "{refused:?}");
    let removed = s.apply(Command::RemoveRow { group: "projects".into(), row: row.id });
    assert!(matches!(removed, zhicheng_engine::Outcome::Refused(_)));
    let selected = FieldPath::in_row("projects", row.id, "selected");
    assert_eq!(s.apply(Command::SetValue { path: selected, value: Value::text("否") }), zhicheng_engine::Outcome::Done);
    // A row typed by the applicant is neither locked nor able to mark itself as a record.
    let own = add_row(&mut s, "projects", &[("name", "新项目")]);
    let mark =
        s.apply(Command::SetValue { path: FieldPath::in_row("projects", own, "record"), value: Value::text("入库") });
    assert!(matches!(mark, zhicheng_engine::Outcome::Refused(_)));
    assert_eq!(s.apply(Command::RemoveRow { group: "projects".into(), row: own }), zhicheng_engine::Outcome::Done);
}

#[test]
fn a_year_of_seniority_without_continuing_education_is_a_warning() {
    let mut s = title_review();
    let row = s.rows("ce").iter().find(|r| r.text("year") == "2023").map(|r| r.id).unwrap();
    s.apply(Command::RemoveRow { group: "ce".into(), row });
    let found: Vec<_> = s.report().violations.iter().filter(|v| v.path.to_string() == "ce").collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert!(found[0].message.starts_with("继续教育缺少 2023 年的学时记录"), "{}", found[0].message);
}

#[test]
fn an_achievement_before_the_title_is_sorted_not_warned_about() {
    let s = title_review();
    let row = s.rows("projects")[0].id;
    let path = format!("projects[#{row}].end");
    assert_eq!(findings_at(&s, &path), Vec::<String>::new(), "it is listed under 获现资格之前 instead");
    let mut late = title_review();
    let row = late.rows("projects")[1].id;
    late.apply(Command::SetValue { path: FieldPath::in_row("projects", row, "end"), value: Value::text("2027-01-05") });
    assert!(findings_at(&late, &format!("projects[#{row}].end")).iter().any(|f| f.starts_with("V-YRS-3")));
}
