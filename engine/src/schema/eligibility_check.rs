//! Load-time checks of `settings.eligibility`: every level and education class the tables name is
//! declared, the cut-off is a real day, and every field the mapping names exists where it should
//! (a repeat group and its cells, options of the 申报类型 field).

use super::eligibility::{EligibilityFields, EligibilitySettings, EligibilityTables};
use super::{Diagnostic, FormSchema};

/// Every problem of the form's eligibility data (none when it has no such data).
pub fn check(schema: &FormSchema, out: &mut Vec<Diagnostic>) {
    if let Some(settings) = &schema.settings.eligibility {
        check_tables(&settings.tables, out);
        check_fields(schema, settings, out);
    }
}

const TABLES: &str = "设置 eligibility.tables";
const FIELDS: &str = "设置 eligibility.fields";

fn check_tables(tables: &EligibilityTables, out: &mut Vec<Diagnostic>) {
    if tables.levels.is_empty() {
        out.push(Diagnostic::new(TABLES, "levels 不能为空，请按由低到高列出级别"));
    }
    let level = |name: &str, place: &str, out: &mut Vec<Diagnostic>| {
        if tables.level_index(name).is_none() {
            let known = tables.levels.join("、");
            out.push(Diagnostic::new(TABLES, format!("{place}使用了未知级别「{name}」，已知级别：{known}")));
        }
    };
    let class = |name: &str, place: &str, out: &mut Vec<Diagnostic>| {
        if tables.class_index(name).is_none() {
            out.push(Diagnostic::new(TABLES, format!("{place}使用了未在 education 中列出的学历类别「{name}」")));
        }
    };
    for (series, titles) in &tables.titles {
        titles.keys().for_each(|l| level(l, &format!("titles「{series}」"), out));
    }
    for row in &tables.qualification {
        let place = format!("qualification（{}）", row.level);
        level(&row.level, "qualification ", out);
        for route in &row.routes {
            class(&route.education, &place, out);
            if let Some(after) = &route.after {
                level(after, &place, out);
                let order = (tables.level_index(after), tables.level_index(&row.level));
                if let (Some(lower), Some(upper)) = order {
                    if lower >= upper {
                        out.push(Diagnostic::new(TABLES, format!("{place}的 after「{after}」须低于申报级别")));
                    }
                }
            }
            if route.years < 0 {
                out.push(Diagnostic::new(TABLES, format!("{place}的 years 不能为负数")));
            }
        }
    }
    for row in &tables.recognition.rows {
        level(&row.level, "recognition ", out);
        class(&row.education, "recognition ", out);
    }
    tables.exceptional.levels.iter().for_each(|l| level(l, "exceptional ", out));
    if cut_off_day(&tables.recognition.cut_off).is_none() {
        out.push(Diagnostic::new(
            TABLES,
            format!("recognition.cut_off「{}」不是有效的月-日（例如 12-31）", tables.recognition.cut_off),
        ));
    }
}

/// The month and day of a `MM-DD` cut-off.
pub fn cut_off_day(text: &str) -> Option<(u32, u32)> {
    let (month, day) = text.split_once('-')?;
    let (month, day) = (month.parse().ok()?, day.parse().ok()?);
    crate::date::Date::new(2000, month, day).map(|_| (month, day))
}

fn check_fields(schema: &FormSchema, settings: &EligibilitySettings, out: &mut Vec<Diagnostic>) {
    let f: &EligibilityFields = &settings.fields;
    let mut top = vec![&f.declaration_type, &f.series, &f.level, &f.work_start];
    if let Some(c) = &f.current {
        top.extend([&c.level, &c.series, &c.method, &c.eval_year, &c.obtained, &c.appointed]);
    }
    for name in top {
        if schema.field(name).is_none() {
            out.push(Diagnostic::new(FIELDS, format!("引用了不存在的字段「{name}」")));
        }
    }
    let e = &f.education;
    group(schema, &e.group, &[&e.level, &e.graduated, &e.study_mode, &e.used], out);
    if let Some(ce) = &f.continuing_education {
        group(schema, &ce.group, &[&ce.year, &ce.public, &ce.professional, &ce.elective], out);
    }
    if let Some(a) = &f.appraisal {
        group(schema, &a.group, &[&a.year, &a.result], out);
    }
    let offered = schema.field(&f.declaration_type).and_then(|field| field.options.as_ref());
    if let Some(source) = offered {
        let items = schema.option_items(source);
        for label in f.declaration_types.keys() {
            if !items.iter().any(|item| &item.value == label) {
                out.push(Diagnostic::new(FIELDS, format!("declaration_types 的「{label}」不是申报类型的选项")));
            }
        }
    }
}

fn group(schema: &FormSchema, id: &str, cells: &[&String], out: &mut Vec<Diagnostic>) {
    match schema.field(id) {
        Some(g) if g.is_group() => {
            for cell in cells {
                if g.child(cell).is_none() {
                    out.push(Diagnostic::new(FIELDS, format!("重复组「{id}」中没有字段「{cell}」")));
                }
            }
        }
        _ => out.push(Diagnostic::new(FIELDS, format!("引用了不存在的重复组「{id}」"))),
    }
}

#[cfg(test)]
mod tests {
    use crate::schema::FormSchema;

    const TABLES: &str = r#"{
        "levels": ["员级", "助理级", "中级"],
        "titles": {"工程系列": {"中级": "工程师"}},
        "education": [{"name": "大学本科", "includes": ["大学本科"]}, {"name": "大学专科", "includes": ["大学专科"]}],
        "full_time_modes": ["全日制"],
        "qualification": [{"level": "中级", "routes": [{"education": "大学专科", "after": "助理级", "years": 4}]}],
        "recognition": {"cut_off": "12-31", "rows": [{"education": "大学本科", "years": 1, "level": "助理级"}]},
        "transfer": {"min_years_in_post": 1},
        "exceptional": {"levels": ["中级"], "suggestion": "可考虑破格申报。"}}"#;

    const FIELDS: &str = r#"{
        "declaration_type": "kind", "declaration_types": {"普通申报": "standard"},
        "series": "series", "level": "level", "work_start": "work",
        "education": {"group": "edu", "level": "eduLevel", "graduated": "grad", "study_mode": "mode", "used": "used"},
        "current": {"level": "curLevel", "series": "curSeries", "method": "method", "eval_year": "evalYear",
                    "obtained": "obtained", "appointed": "appointed"}}"#;

    /// The diagnostics of a small form whose eligibility data is the sound one above with the
    /// text `from` replaced by `to`.
    fn problems(from: &str, to: &str) -> Vec<String> {
        let eligibility = format!(r#"{{"tables": {TABLES}, "fields": {FIELDS}}}"#).replacen(from, to, 1);
        let top = ["series", "level", "work", "curLevel", "curSeries", "method", "evalYear", "obtained", "appointed"]
            .map(|id| format!(r#"{{"id": "{id}", "label": "{id}", "kind": "text"}}"#))
            .join(",");
        let json = format!(
            r#"{{"id": "t", "version": 1, "title": "t", "options": {{"kinds": ["普通申报", "考核认定"]}},
                "settings": {{"eligibility": {eligibility}}},
                "steps": [{{"id": "s", "title": "s", "sections": [{{"id": "a", "title": "a", "fields": [
                  {{"id": "kind", "label": "申报类型", "kind": "select", "options": "kinds"}}, {top},
                  {{"id": "edu", "label": "教育经历", "kind": "group", "fields": [
                    {{"id": "eduLevel", "label": "学历层次", "kind": "text"}}, {{"id": "grad", "label": "毕业时间", "kind": "date"}},
                    {{"id": "mode", "label": "学习形式", "kind": "text"}}, {{"id": "used", "label": "是否", "kind": "yes_no"}}]}}]}}]}}]}}"#
        );
        match FormSchema::from_json(&json) {
            Ok(_) => Vec::new(),
            Err(list) => list.iter().map(|d| d.to_string()).collect(),
        }
    }

    #[test]
    fn sound_data_loads_and_every_slip_is_named() {
        let cases: [(&str, &str, &str); 11] = [
            ("", "", ""),
            (
                r#""level": "中级", "routes""#,
                r#""level": "高级", "routes""#,
                "qualification 使用了未知级别「高级」，已知级别：员级、助理级、中级",
            ),
            (r#""after": "助理级""#, r#""after": "中级""#, "的 after「中级」须低于申报级别"),
            (
                r#""education": "大学专科", "after""#,
                r#""education": "大专", "after""#,
                "使用了未在 education 中列出的学历类别「大专」",
            ),
            (r#""cut_off": "12-31""#, r#""cut_off": "02-30""#, "recognition.cut_off「02-30」不是有效的月-日"),
            (r#""levels": ["中级"]"#, r#""levels": ["副高级"]"#, "exceptional 使用了未知级别「副高级」"),
            (r#"{"中级": "工程师"}"#, r#"{"正高级": "正高级工程师"}"#, "titles「工程系列」使用了未知级别「正高级」"),
            (
                r#""work_start": "work""#,
                r#""work_start": "workStart""#,
                "设置 eligibility.fields：引用了不存在的字段「workStart」",
            ),
            (r#""study_mode": "mode""#, r#""study_mode": "studyMode""#, "重复组「edu」中没有字段「studyMode」"),
            (
                r#"{"普通申报": "standard"}"#,
                r#"{"普通": "standard"}"#,
                "declaration_types 的「普通」不是申报类型的选项",
            ),
            (r#""transfer": {"min_years_in_post": 1}"#, r#""transfer": {"min_years": 1}"#, "unknown field `min_years`"),
        ];
        for (from, to, expected) in cases {
            let found = problems(from, to);
            if expected.is_empty() {
                assert!(found.is_empty(), "the sound data: {found:?}");
            } else {
                assert!(found.len() == 1 && found[0].contains(expected), "{to}: expected {expected:?}, got {found:?}");
            }
        }
    }
}
