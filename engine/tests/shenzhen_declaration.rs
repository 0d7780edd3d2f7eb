//! The Shenzhen declaration schema end to end in the engine: a complete 普通申报 is clean, and
//! each 申报类型 and conditional rule of domain.md §2 changes exactly what it should.

use zhicheng_engine::materials::checklist;
use zhicheng_engine::{Command, FieldPath, FormState, Severity, Value};

mod support;

use support::{add_row, ordinary, set};

/// The current-qualification fields of §2.6 (all required once any is filled).
const QUALIFICATION: [&str; 11] = [
    "curQualType",
    "curQualDate",
    "curQualName",
    "curQualMethod",
    "curQualEvalYear",
    "curQualSeries",
    "curQualLevel",
    "curQualIssuer",
    "curPost",
    "appointDate",
    "outOfProvince",
];

fn errors(s: &FormState) -> Vec<String> {
    s.report().errors().map(|v| format!("{} {} {}", v.path, v.code, v.message)).collect()
}

fn has(s: &FormState, path: &str, code: &str, severity: Severity) -> bool {
    s.report().violations.iter().any(|v| v.path.to_string() == path && v.code == code && v.severity == severity)
}

#[test]
fn a_complete_ordinary_declaration_has_no_errors_and_computes_its_committee() {
    let s = ordinary();
    assert_eq!(errors(&s), Vec::<String>::new());
    assert_eq!(s.text(&FieldPath::top("gender")), "男");
    assert_eq!(s.text(&FieldPath::top("birthDate")), "1992-03-04");
    assert_eq!(s.text(&FieldPath::top("committee")), "深圳市机械工程专业高级职称评审委员会");
    assert_eq!(s.text(&FieldPath::top("committeeYear")), "2026");
    let total = s.rows("ce")[0].text("totalHours").to_string();
    assert_eq!(total, "90");
}

#[test]
fn each_declaration_type_changes_what_it_should() {
    type Change = fn(&mut FormState);
    let cases: [(&str, Change, &str, &str, Severity); 9] = [
        (
            "破格 needs its 破格申报类型",
            |s| set(s, "declarationType", "破格申报"),
            "exceptionalType",
            "REQUIRED",
            Severity::Error,
        ),
        ("普通 needs the self-evaluation", |s| set(s, "abilityEval", ""), "abilityEval", "REQUIRED", Severity::Error),
        (
            "考核认定 refuses a holder of a 职称",
            |s| set(s, "declarationType", "考核认定"),
            "curQualType",
            "V-REC-1",
            Severity::Error,
        ),
        ("考核认定 refuses 副高级", |s| set(s, "declarationType", "考核认定"), "level", "V-REC-1", Severity::Error),
        (
            "转系列 needs the same level",
            |s| {
                set(s, "declarationType", "转系列（专业）申报");
            },
            "curQualLevel",
            "V-QUAL",
            Severity::Error,
        ),
        (
            "转系列 needs a year in post",
            |s| {
                set(s, "declarationType", "转系列（专业）申报");
                set(s, "appointDate", "2026-03-01");
            },
            "appointDate",
            "V-YRS-1",
            Severity::Error,
        ),
        (
            "省外确认 needs an out-of-province title",
            |s| set(s, "declarationType", "省外（中央单位）职称确认"),
            "outOfProvince",
            "V-QUAL",
            Severity::Error,
        ),
        (
            "转系列 makes the current title required",
            |s| {
                set(s, "declarationType", "转系列（专业）申报");
                QUALIFICATION.iter().for_each(|f| set(s, f, ""));
            },
            "curQualIssuer",
            "REQUIRED",
            Severity::Error,
        ),
        (
            "no 是 in education warns for 普通",
            |s| {
                let row = s.rows("education")[0].id;
                s.apply(Command::SetValue {
                    path: FieldPath::in_row("education", row, "usedForDeclaration"),
                    value: Value::text("否"),
                });
            },
            "education",
            "V-EDU-4",
            Severity::Warning,
        ),
    ];
    for (name, change, path, code, severity) in cases {
        let mut s = ordinary();
        change(&mut s);
        assert!(has(&s, path, code, severity), "{name}: expected {code} on {path}; got {:#?}", s.report().violations);
    }
}

#[test]
fn recognition_relaxes_and_tightens_what_the_spec_says() {
    let mut s = ordinary();
    QUALIFICATION.iter().chain(&["abilityEval"]).for_each(|f| set(&mut s, f, ""));
    set(&mut s, "declarationType", "考核认定");
    set(&mut s, "level", "助理级");
    set(&mut s, "titleName", "助理工程师");
    assert_eq!(errors(&s), Vec::<String>::new(), "self-evaluation is optional and no title is fine");

    let row = s.rows("education")[0].id;
    let mode = FieldPath::in_row("education", row, "studyMode");
    s.apply(Command::SetValue { path: mode.clone(), value: Value::text("非全日制") });
    assert!(has(&s, &mode.to_string(), "V-REC-1", Severity::Error), "only full-time education counts");
    s.apply(Command::SetValue { path: mode, value: Value::text("全日制") });
    let used = FieldPath::in_row("education", row, "usedForDeclaration");
    s.apply(Command::SetValue { path: used, value: Value::text("否") });
    assert!(has(&s, "education", "V-EDU-4", Severity::Error), "one education row must be used");
}

#[test]
fn nationality_decides_the_citizen_fields() {
    let mut s = ordinary();
    set(&mut s, "ethnicity", "");
    assert!(has(&s, "ethnicity", "REQUIRED", Severity::Error));
    set(&mut s, "nationality", "美国");
    assert_eq!(errors(&s), Vec::<String>::new());
    assert!(!s.submission_answers().contains_key("hukou"));
}

#[test]
fn achievements_respect_the_window_and_the_three_representatives() {
    let mut s = ordinary();
    let row = s.rows("projects")[0].id;
    let end = FieldPath::in_row("projects", row, "end");
    let cases = [("2027-01-01", Some(Severity::Error)), ("2026-12-31", None), ("2018-06-30", Some(Severity::Warning))];
    for (date, expected) in cases {
        s.apply(Command::SetValue { path: end.clone(), value: Value::text(date) });
        let found = s.report().for_path(&end).find(|v| v.code == "V-YRS-3").map(|v| v.severity);
        assert_eq!(found, expected, "project ending {date}");
    }
    s.apply(Command::SetValue { path: end, value: Value::text("2022-12-31") });
    for _ in 0..3 {
        add_row(&mut s, "projects", &[("representative", "是")]);
    }
    assert!(has(&s, "projects", "V-REP-1", Severity::Error), "four 代表作 in one category");
}

#[test]
fn negative_situations_must_be_explained() {
    let mut s = ordinary();
    let both = Value::List(vec!["无上述情况".into(), "医疗事故".into()]);
    s.apply(Command::SetValue { path: FieldPath::top("negatives"), value: both });
    assert!(has(&s, "negatives", "V-NEG-1", Severity::Error));
    s.apply(Command::SetValue { path: FieldPath::top("negatives"), value: Value::List(vec!["医疗事故".into()]) });
    assert!(has(&s, "negativeDetail", "V-NEG-1", Severity::Error), "「无」 is not an explanation");
    set(&mut s, "negativeDetail", "2020年因操作失误受到内部通报，已整改。");
    assert_eq!(errors(&s), Vec::<String>::new());
}

#[test]
fn the_attachment_checklist_follows_the_answers() {
    let required = |s: &FormState| {
        checklist(&s.evaluator()).into_iter().filter(|m| m.required).map(|m| m.material.id.clone()).collect::<Vec<_>>()
    };
    let applies =
        |s: &FormState| checklist(&s.evaluator()).into_iter().map(|m| m.material.id.clone()).collect::<Vec<_>>();
    let mut s = ordinary();
    // domain.md §3.5: the 破格 form is no material of any other declaration, so a receiver refuses it there.
    assert!(!applies(&s).contains(&"exceptionalForm".to_string()), "a 普通申报 has no 破格推荐表");
    let base = required(&s);
    assert!(base.contains(&"projectWork".to_string()), "a 代表作 project needs its material: {base:?}");
    assert!(base.contains(&"qualProof".to_string()));
    assert!(!base.contains(&"affiliationProof".to_string()));
    set(&mut s, "submitUnit", "深圳市南山区人才服务中心");
    set(&mut s, "declarationType", "破格申报");
    let now = required(&s);
    assert!(now.contains(&"affiliationProof".to_string()), "申报单位 ≠ 工作单位");
    assert!(now.contains(&"exceptionalForm".to_string()), "破格 needs its 推荐表");
}
