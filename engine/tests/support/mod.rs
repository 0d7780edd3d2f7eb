//! Shared by the integration tests: a complete, valid 普通申报 of the Shenzhen declaration, built
//! through commands as an applicant would fill it, and the small helpers that fill it.

use std::sync::Arc;

use zhicheng_engine::{Command, Date, FieldPath, FormSchema, FormState, Outcome, Value};

pub fn schema() -> Arc<FormSchema> {
    Arc::new(zhicheng_engine::test_forms::form("sz-title-review"))
}

pub fn set(state: &mut FormState, field: &str, text: &str) {
    let outcome = state.apply(Command::SetValue { path: FieldPath::top(field), value: Value::text(text) });
    assert_eq!(outcome, Outcome::Done, "setting {field}");
}

pub fn add_row(state: &mut FormState, group: &str, cells: &[(&str, &str)]) -> u32 {
    let Outcome::RowAdded(row) = state.apply(Command::AddRow { group: group.into() }) else { panic!("add {group}") };
    for (field, text) in cells {
        let path = FieldPath::in_row(group, row, *field);
        assert_eq!(
            state.apply(Command::SetValue { path, value: Value::text(*text) }),
            Outcome::Done,
            "{group}.{field}"
        );
    }
    row
}

/// A complete, valid 普通申报 for 高级工程师 (机械工程).
pub fn ordinary() -> FormState {
    let mut s = FormState::new(schema(), Date::new(2026, 11, 23).unwrap());
    s.apply(Command::SetValue { path: FieldPath::top("pledgeAccepted"), value: Value::Bool(true) });
    for (field, text) in [
        ("name", "李明"),
        ("idNumber", "440305199203040039"),
        ("phone", "13800138000"),
        ("hukou", "广东省深圳市"),
        ("ethnicity", "汉族"),
        ("politicalStatus", "群众"),
        ("workStartDate", "2014-07"),
        ("insuredEmployerOrgCode", "91440300568520498A"),
        ("employer", "深圳市示例科技有限公司"),
        ("curQualType", "职称"),
        ("curQualDate", "2019-03-15"),
        ("curQualName", "工程师"),
        ("curQualMethod", "评审"),
        ("curQualEvalYear", "2018"),
        ("curQualSeries", "工程系列"),
        ("curQualLevel", "中级"),
        ("curQualIssuer", "深圳市人力资源和社会保障局"),
        ("curPost", "工程师"),
        ("appointDate", "2019-04-01"),
        ("outOfProvince", "否"),
        ("curSpecialty", "机械工程"),
        ("yearsInSpecialty", "11"),
        ("declarationType", "普通申报"),
        ("series", "工程系列"),
        ("level", "副高级"),
        ("titleName", "高级工程师"),
        ("specialty", "机械工程"),
        ("appliedElsewhere", "否"),
        ("abilityEval", "第一项，本人业绩符合《广东省工程技术人才职称评价标准条件》。"),
        ("submitUnit", "深圳市示例科技有限公司"),
        ("submitUnitCode", "91440300568520498A"),
    ] {
        set(&mut s, field, text);
    }
    s.apply(Command::SetValue {
        path: FieldPath::top("negatives"), value: Value::List(vec!["无上述情况".into()])
    });
    add_row(
        &mut s,
        "education",
        &[
            ("diplomaNo", "105901201405000123"),
            ("school", "深圳大学"),
            ("enrolDate", "2010-09-01"),
            ("gradDate", "2014-06-30"),
            ("eduLevel", "大学本科"),
            ("major", "机械工程"),
            ("studyMode", "全日制"),
            ("degree", "学士"),
            ("usedForDeclaration", "是"),
        ],
    );
    add_row(
        &mut s,
        "work",
        &[
            ("start", "2014-07-01"),
            ("org", "深圳市示例科技有限公司"),
            ("place", "深圳"),
            ("adminPost", "无"),
            ("duties", "数控机床结构设计。"),
            ("referee", "王工"),
        ],
    );
    for year in ["2023", "2024", "2025"] {
        add_row(
            &mut s,
            "ce",
            &[("year", year), ("publicHours", "30"), ("professionalHours", "42"), ("electiveHours", "18")],
        );
    }
    add_row(
        &mut s,
        "projects",
        &[
            ("category", "专业技术工作项目"),
            ("name", "主轴优化"),
            ("projectLevel", "市厅级"),
            ("role", "主持(负责人)"),
            ("start", "2021-03-01"),
            ("end", "2022-12-31"),
            ("status", "已完成"),
            ("representative", "是"),
            ("summary", "主持主轴结构优化。"),
        ],
    );
    s
}
