//! Shared parts of forms: fields, option lists and tables defined once (`forms/parts/<id>.json`)
//! and used by every form that lists the part, so a fix to the ID rule or the 民族 list reaches
//! every city's declarations.
//!
//! A form lists its parts (`"parts": ["person", "career"]`) and writes `{"use": "idNumber"}` where
//! a part's field goes, in a section or inside a repeat group. The entry may refine the part's
//! field: give it another `id`, `label`, `hint` or `placeholder`; make it required
//! (`required`, `required_if`); show it conditionally (`visible_if`); set `default`, `options`,
//! `compute`, `suggest`, character and number bounds, rows and columns of a group, `row_noun` and `import`;
//! lay it out `wide`; add `checks` (added to the part's); give a group `submit_rows_if`; add row
//! fields to a group (`fields` with new ids: the provincial system's 选定 and 获现资格之前/以来
//! columns on the shared achievement groups). It cannot change the field's kind or redefine a
//! group's own fields: that would be another field, defined in the form itself.
//! Option lists and tables of the parts join the form's; one name defined twice is refused,
//! so no form keeps a stale copy of a shared list.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Diagnostic, EligibilityTables, Field, FieldKind, FormSchema, OptionItem};

/// How many parts a form may list, and how deeply parts may use each other's fields: bounds on
/// what a hostile or mistaken file can make the loader do.
pub const MAX_PARTS: usize = 32;
const MAX_USE_DEPTH: usize = 8;

/// One shared part, read from `forms/parts/<id>.json`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaPart {
    pub id: String,
    /// What the part holds, for form authors.
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub options: BTreeMap<String, Vec<OptionItem>>,
    #[serde(default)]
    pub tables: BTreeMap<String, Vec<BTreeMap<String, String>>>,
    #[serde(default)]
    pub fields: Vec<Field>,
    /// The 资格自查's rule tables, for forms whose `settings.eligibility` gives only its fields.
    #[serde(default)]
    pub eligibility: Option<EligibilityTables>,
}

impl SchemaPart {
    /// Reads a part from JSON text (native hosts: the receiver and tests).
    pub fn from_json(text: &str) -> Result<SchemaPart, Vec<Diagnostic>> {
        serde_json::from_str(text).map_err(|e| vec![Diagnostic::new("部件", format!("共用部件不是有效的 JSON：{e}"))])
    }
}

/// The part fields a form may use, by id.
type Library<'a> = BTreeMap<&'a str, (&'a str, &'a Field)>;

/// Puts the listed parts into the schema and resolves every field's kind; returns the problems.
pub(super) fn assemble(schema: &mut FormSchema, parts: &[SchemaPart]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if schema.parts.len() > MAX_PARTS {
        out.push(Diagnostic::new("部件", format!("一张表单最多引用 {MAX_PARTS} 个共用部件")));
        return out;
    }
    let listed: Vec<&SchemaPart> = schema
        .parts
        .iter()
        .filter_map(|id| {
            let part = parts.iter().find(|p| &p.id == id);
            if part.is_none() {
                out.push(Diagnostic::new(format!("部件 {id}"), "表单引用的共用部件没有找到（forms/parts/<id>.json）"));
            }
            part
        })
        .collect();
    let library = library(&listed, &mut out);
    for part in &listed {
        join(&mut schema.options, &part.options, "选项表", &part.id, &mut out);
        join(&mut schema.tables, &part.tables, "数据表", &part.id, &mut out);
        if let (Some(tables), Some(settings)) = (&part.eligibility, schema.settings.eligibility.as_mut()) {
            if settings.tables.levels.is_empty() {
                settings.tables = tables.clone();
            } else {
                out.push(Diagnostic::new(
                    format!("部件 {}", part.id),
                    "资格自查的规则表已在共用部件中定义，请删去表单 settings.eligibility.tables 中的副本",
                ));
            }
        }
    }
    for step in &mut schema.steps {
        for section in &mut step.sections {
            for field in &mut section.fields {
                *field = resolve(field, &library, 0, &mut out);
            }
        }
    }
    // The parts are in; a second check of the assembled schema needs them no more.
    schema.included_parts.append(&mut schema.parts);
    out
}

fn library<'a>(parts: &[&'a SchemaPart], out: &mut Vec<Diagnostic>) -> Library<'a> {
    let mut library = Library::new();
    for part in parts {
        for field in &part.fields {
            if field.id.is_empty() {
                out.push(Diagnostic::new(format!("部件 {}", part.id), "部件中的字段必须有 id"));
            } else if let Some((other, _)) = library.insert(field.id.as_str(), (part.id.as_str(), field)) {
                out.push(Diagnostic::new(
                    format!("部件 {}", part.id),
                    format!("字段「{}」在部件「{other}」中已有定义", field.id),
                ));
            }
        }
    }
    library
}

/// Adds a part's named lists to the form's, refusing a name defined twice.
fn join<T: Clone>(
    into: &mut BTreeMap<String, T>,
    from: &BTreeMap<String, T>,
    what: &str,
    part: &str,
    out: &mut Vec<Diagnostic>,
) {
    for (name, items) in from {
        if into.insert(name.clone(), items.clone()).is_some() {
            out.push(Diagnostic::new(
                format!("部件 {part}"),
                format!("{what}「{name}」已在部件「{part}」中定义，请删去另一处的定义"),
            ));
        }
    }
}

/// The field an entry stands for: a `use` entry becomes its part's field refined by the entry; a
/// field of the form's own gets its declared kind. Groups' row fields are resolved the same way.
fn resolve(entry: &Field, library: &Library<'_>, depth: usize, out: &mut Vec<Diagnostic>) -> Field {
    let mut field = match &entry.uses {
        Some(name) => used(entry, name, library, depth, out),
        None => entry.clone(),
    };
    match field.declared_kind {
        Some(kind) => field.kind = kind,
        None => out.push(Diagnostic::new(format!("字段 {}", field.id), "字段缺少类型（kind）")),
    }
    if field.id.is_empty() {
        out.push(Diagnostic::new(format!("字段「{}」", field.label), "字段缺少 id"));
    }
    let rows = std::mem::take(&mut field.fields);
    field.fields = rows.iter().map(|row| resolve(row, library, depth, out)).collect();
    field
}

fn used(entry: &Field, name: &str, library: &Library<'_>, depth: usize, out: &mut Vec<Diagnostic>) -> Field {
    let location = format!("字段 {}", if entry.id.is_empty() { name } else { &entry.id });
    let Some((_, base)) = library.get(name) else {
        out.push(Diagnostic::new(location, format!("引用了共用部件中不存在的字段「{name}」")));
        return Field { uses: None, declared_kind: Some(entry.declared_kind.unwrap_or_default()), ..entry.clone() };
    };
    if depth >= MAX_USE_DEPTH {
        out.push(Diagnostic::new(location, "共用字段相互引用过深（可能形成循环）"));
        return (*base).clone();
    }
    // An added row field's id: its own, or that of the part field it uses.
    let added_id = |row: &Field| if row.id.is_empty() { row.uses.clone().unwrap_or_default() } else { row.id.clone() };
    let redefined = entry.fields.iter().map(added_id).any(|id| id.is_empty() || base.child(&id).is_some());
    if entry.declared_kind.is_some()
        || redefined
        || (!entry.fields.is_empty() && base.declared_kind != Some(FieldKind::Group))
    {
        out.push(Diagnostic::new(
            location,
            "引用共用字段时不能改变它的类型或重新定义组内字段（只能为重复组增加新的组内字段）；需要不同的字段请在表单中另行定义",
        ));
    }
    let mut field = refine(resolve(base, library, depth + 1, out), entry);
    // Row fields the entry adds come after the part's, resolved like any of the form's own.
    let added: Vec<Field> = entry.fields.iter().map(|row| resolve(row, library, depth + 1, out)).collect();
    field.fields.extend(added);
    field
}

/// The part's field with the entry's own settings laid over it.
fn refine(mut field: Field, entry: &Field) -> Field {
    fn over<T: Clone>(slot: &mut Option<T>, value: &Option<T>) {
        if value.is_some() {
            slot.clone_from(value);
        }
    }
    if !entry.id.is_empty() {
        field.id.clone_from(&entry.id);
    }
    if !entry.label.is_empty() {
        field.label.clone_from(&entry.label);
    }
    field.required |= entry.required;
    field.wide |= entry.wide;
    over(&mut field.required_if, &entry.required_if);
    over(&mut field.visible_if, &entry.visible_if);
    over(&mut field.hint, &entry.hint);
    over(&mut field.placeholder, &entry.placeholder);
    over(&mut field.default, &entry.default);
    over(&mut field.options, &entry.options);
    over(&mut field.max_chars, &entry.max_chars);
    over(&mut field.min_chars, &entry.min_chars);
    over(&mut field.min, &entry.min);
    over(&mut field.max, &entry.max);
    over(&mut field.compute, &entry.compute);
    over(&mut field.suggest, &entry.suggest);
    over(&mut field.min_rows, &entry.min_rows);
    over(&mut field.max_rows, &entry.max_rows);
    over(&mut field.row_noun, &entry.row_noun);
    over(&mut field.import, &entry.import);
    over(&mut field.submit_rows_if, &entry.submit_rows_if);
    if !entry.columns.is_empty() {
        field.columns.clone_from(&entry.columns);
    }
    field.checks.extend(entry.checks.iter().cloned());
    field.uses = None;
    field
}

#[cfg(test)]
mod tests {
    use super::*;

    const PERSON: &str = r#"{ "id": "person", "options": { "genders": ["男", "女"] },
        "fields": [
            { "id": "name", "label": "姓名", "kind": "text", "max_chars": 50 },
            { "id": "gender", "label": "性别", "kind": "select", "options": "genders" },
            { "id": "idNumber", "label": "证件号码", "kind": "text", "checks": [{ "rule": "phone" }] },
            { "id": "education", "label": "教育经历", "kind": "group",
              "fields": [{ "use": "name", "id": "school", "label": "学校" }] },
            { "id": "loopA", "use": "loopB" }, { "id": "loopB", "use": "loopA" } ] }"#;

    fn form(fields: &str) -> String {
        format!(
            r#"{{ "id": "f", "version": 1, "title": "t", "parts": ["person"],
                 "steps": [{{ "id": "s", "title": "s", "sections": [{{ "id": "c", "title": "c", "fields": [{fields}] }}] }}] }}"#
        )
    }

    fn load(fields: &str) -> Result<FormSchema, Vec<Diagnostic>> {
        FormSchema::from_json_with_parts(&form(fields), |id| (id == "person").then(|| PERSON.to_string()))
    }

    fn problems(fields: &str) -> String {
        load(fields).map(|_| String::new()).unwrap_or_else(|p| p.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_use_entry_becomes_the_part_field_refined_by_the_entry() {
        let schema = load(
            r#"{ "use": "name", "label": "申报人姓名", "required": true },
               { "use": "idNumber", "id": "applicantId", "checks": [{ "rule": "email" }] },
               { "use": "gender" }, { "use": "education" }"#,
        )
        .unwrap_or_else(|p| panic!("{p:?}"));
        let name = schema.field("name").expect("the part's id is kept");
        assert_eq!((name.label.as_str(), name.required, name.max_chars), ("申报人姓名", true, Some(50)));
        assert_eq!(name.kind, FieldKind::Text);
        let renamed = schema.field("applicantId").expect("the entry's id wins");
        assert_eq!(renamed.checks.len(), 2, "the entry's checks are added to the part's");
        assert_eq!(schema.option_items(schema.field("gender").unwrap().options.as_ref().unwrap()).len(), 2);
        let school = schema.field("education").and_then(|g| g.child("school")).expect("row fields use parts too");
        assert_eq!((school.label.as_str(), school.kind), ("学校", FieldKind::Text));
    }

    #[test]
    fn a_use_of_a_group_may_add_row_fields_after_the_parts() {
        let schema =
            load(r#"{ "use": "education", "fields": [{ "id": "selected", "label": "选定", "kind": "yes_no" }] }"#)
                .unwrap_or_else(|p| panic!("{p:?}"));
        let ids: Vec<&str> = schema.field("education").unwrap().fields.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["school", "selected"]);
        assert_eq!(schema.field("education").unwrap().child("selected").unwrap().kind, FieldKind::YesNo);
    }

    #[test]
    fn mistakes_are_named_at_load() {
        let cases = [
            (r#"{ "use": "nickname" }"#, "不存在的字段「nickname」"),
            (r#"{ "use": "name", "kind": "date" }"#, "不能改变它的类型"),
            (
                r#"{ "use": "education", "fields": [{ "id": "school", "label": "x", "kind": "text" }] }"#,
                "重新定义组内字段",
            ),
            (r#"{ "use": "name", "fields": [{ "id": "x", "label": "x", "kind": "text" }] }"#, "重新定义组内字段"),
            (r#"{ "id": "plain", "label": "无类型" }"#, "缺少类型"),
            (r#"{ "use": "loopA" }"#, "过深"),
        ];
        for (fields, expected) in cases {
            let found = problems(fields);
            assert!(found.contains(expected), "{fields}: {found}");
        }
        assert_eq!(problems(r#"{ "use": "name" }"#), "", "a sound form loads");
    }

    #[test]
    fn a_missing_part_or_a_second_copy_of_a_shared_list_is_refused() {
        let missing = FormSchema::from_json_with_parts(&form(r#"{ "use": "name" }"#), |_| None).unwrap_err();
        assert!(missing[0].to_string().contains("没有找到"), "{missing:?}");
        let copy = form(r#"{ "use": "gender" }"#).replace(r#""parts""#, r#""options": { "genders": ["男"] }, "parts""#);
        let found = FormSchema::from_json_with_parts(&copy, |_| Some(PERSON.to_string())).unwrap_err();
        assert!(found.iter().any(|d| d.message.contains("选项表「genders」")), "{found:?}");
    }

    #[test]
    fn resolving_twice_changes_nothing() {
        let once = load(r#"{ "use": "name", "required": true }, { "use": "education" }"#).unwrap();
        let twice = once.clone().checked_with(&[]).unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(format!("{:?}", once.steps), format!("{:?}", twice.steps));
    }
}
