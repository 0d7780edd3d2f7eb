//! Load-time checks of a schema: duplicate ids, references to unknown fields, option lists or
//! tables, and cycles among the conditions and computations that are evaluated recursively.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::{Check, Condition, Field, FieldKind, FormSchema, OptionSource};
use crate::sorted_map::SortedMap;
use crate::sorted_set::SortedSet;

/// One problem found in a schema: where it is and what is wrong, in words a form author can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub location: String,
    pub message: String,
}

impl Diagnostic {
    pub fn new(location: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic { location: location.into(), message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}：{}", self.location, self.message)
    }
}

/// Runs every check and returns all problems found (empty when the schema is sound).
pub fn check(schema: &FormSchema) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_unique_ids(schema, &mut out);
    check_references(schema, &mut out);
    check_cycles(schema, &mut out);
    super::eligibility_check::check(schema, &mut out);
    super::status_path::check(schema, &mut out);
    super::decides::check(schema, &mut out);
    super::material_check::check(schema, &mut out);
    out
}

fn check_unique_ids(schema: &FormSchema, out: &mut Vec<Diagnostic>) {
    let mut seen = BTreeSet::new();
    for step in &schema.steps {
        if !seen.insert(format!("step:{}", step.id)) {
            out.push(Diagnostic::new(format!("步骤 {}", step.id), "步骤 id 重复"));
        }
        for section in &step.sections {
            if !seen.insert(format!("section:{}", section.id)) {
                out.push(Diagnostic::new(format!("分节 {}", section.id), "分节 id 重复"));
            }
        }
    }
    let mut fields = BTreeSet::new();
    for (_, field) in schema.fields() {
        if !fields.insert(field.id.as_str()) {
            out.push(Diagnostic::new(format!("字段 {}", field.id), "字段 id 重复"));
        }
        let mut children = BTreeSet::new();
        for child in &field.fields {
            if !children.insert(child.id.as_str()) {
                out.push(Diagnostic::new(format!("字段 {}.{}", field.id, child.id), "同一重复组内字段 id 重复"));
            }
        }
    }
    let mut materials = BTreeSet::new();
    for material in &schema.materials {
        if !materials.insert(material.id.as_str()) {
            out.push(Diagnostic::new(format!("材料 {}", material.id), "材料 id 重复"));
        }
    }
    let mut versions = BTreeSet::new();
    for migration in &schema.migrations {
        let location = format!("升级说明 第 {} 版", migration.from);
        if migration.from >= schema.version {
            out.push(Diagnostic::new(
                location.clone(),
                format!("只能说明早于当前版本（第 {} 版）的升级", schema.version),
            ));
        } else if !versions.insert(migration.from) {
            out.push(Diagnostic::new(location.clone(), "同一版本的升级说明重复"));
        }
        for step in &migration.steps {
            if let crate::schema::MigrationStep::Split { from, into, .. } = step {
                let repeated = into.iter().enumerate().any(|(i, target)| into[..i].contains(target));
                if into.is_empty() || repeated || into.contains(from) {
                    out.push(Diagnostic::new(
                        location.clone(),
                        format!("拆分「{from}」须列出互不相同、且不同于原字段的目标字段"),
                    ));
                }
            }
        }
    }
}

/// The fields a reference may name from inside `group` (or from the top level when `None`).
struct Scope<'a> {
    schema: &'a FormSchema,
    group: Option<&'a Field>,
}

impl Scope<'_> {
    fn knows(&self, name: &str) -> bool {
        self.group.is_some_and(|g| g.child(name).is_some()) || self.schema.field(name).is_some()
    }

    fn condition(&self, condition: &Condition, location: &str, out: &mut Vec<Diagnostic>) {
        match condition {
            Condition::AnyRow { group, when } => match self.schema.field(group) {
                Some(g) if g.is_group() => Scope { schema: self.schema, group: Some(g) }.condition(when, location, out),
                _ => out.push(Diagnostic::new(location, format!("条件引用了不存在的重复组「{group}」"))),
            },
            Condition::All(items) | Condition::Any(items) => {
                items.iter().for_each(|c| self.condition(c, location, out))
            }
            Condition::Not(inner) => self.condition(inner, location, out),
            other => {
                for name in other.references() {
                    if !self.knows(name) {
                        out.push(Diagnostic::new(location, format!("条件引用了不存在的字段「{name}」")));
                    }
                }
            }
        }
    }

    fn names(&self, names: Vec<&str>, what: &str, location: &str, out: &mut Vec<Diagnostic>) {
        for name in names {
            if !self.knows(name) {
                out.push(Diagnostic::new(location, format!("{what}引用了不存在的字段「{name}」")));
            }
        }
    }
}

fn check_references(schema: &FormSchema, out: &mut Vec<Diagnostic>) {
    let top = Scope { schema, group: None };
    for step in &schema.steps {
        if let Some(c) = &step.visible_if {
            top.condition(c, &format!("步骤 {}", step.id), out);
        }
        for section in &step.sections {
            let location = format!("分节 {}", section.id);
            if let Some(c) = &section.visible_if {
                top.condition(c, &location, out);
            }
            for note in &section.notes {
                top.condition(&note.when, &location, out);
            }
            for field in &section.fields {
                check_field(schema, &top, field, &format!("字段 {}", field.id), out);
                if field.is_group() {
                    check_group(schema, field, out);
                }
            }
        }
    }
    for material in &schema.materials {
        let location = format!("材料 {}", material.id);
        for c in material.required_if.iter().chain(&material.visible_if) {
            top.condition(c, &location, out);
        }
    }
    if let Some(q) = &schema.settings.current_qualification {
        let names = vec![q.method.as_str(), q.eval_year.as_str(), q.obtained.as_str(), q.work_start.as_str()];
        top.names(names, "设置 current_qualification ", "设置", out);
    }
    if let Some(d) = &schema.settings.draft_summary {
        top.names(vec![d.applicant.as_str(), d.kind.as_str()], "设置 draft_summary ", "设置", out);
    }
    let start: Vec<&str> = schema.settings.start_fields.iter().map(String::as_str).collect();
    top.names(start, "设置 start_fields ", "设置", out);
    if let Some(name) = &schema.settings.evaluation_year_field {
        top.names(vec![name.as_str()], "设置 evaluation_year_field ", "设置", out);
    }
}

fn check_group(schema: &FormSchema, group: &Field, out: &mut Vec<Diagnostic>) {
    let scope = Scope { schema, group: Some(group) };
    if group.fields.is_empty() {
        out.push(Diagnostic::new(format!("字段 {}", group.id), "重复组没有任何字段"));
    }
    for column in &group.columns {
        if group.child(column).is_none() {
            out.push(Diagnostic::new(format!("字段 {}", group.id), format!("列表列引用了不存在的字段「{column}」")));
        }
    }
    if let Some(condition) = &group.submit_rows_if {
        scope.condition(condition, &format!("字段 {} 的 submit_rows_if", group.id), out);
    }
    if let Some(import) = &group.import {
        let lock = import.lock.iter().flat_map(|l| std::iter::once(&l.field).chain(&l.editable));
        for name in import.fields.keys().chain(&import.key).chain(lock) {
            if group.child(name).is_none() {
                out.push(Diagnostic::new(
                    format!("字段 {}", group.id),
                    format!("导入映射引用了重复组内不存在的字段「{name}」"),
                ));
            }
        }
    }
    for spec in &group.checks {
        for name in spec.rule.row_references() {
            if group.child(name).is_none() {
                out.push(Diagnostic::new(
                    format!("字段 {}", group.id),
                    format!("校验 引用了重复组内不存在的字段「{name}」"),
                ));
            }
        }
    }
    for child in &group.fields {
        let location = format!("字段 {}.{}", group.id, child.id);
        if child.is_group() {
            out.push(Diagnostic::new(&location, "重复组不能嵌套在重复组内"));
        }
        check_field(schema, &scope, child, &location, out);
    }
}

fn check_field(schema: &FormSchema, scope: &Scope, field: &Field, location: &str, out: &mut Vec<Diagnostic>) {
    for c in field.visible_if.iter().chain(&field.required_if) {
        scope.condition(c, location, out);
    }
    for spec in &field.checks {
        if let Some(c) = &spec.when {
            scope.condition(c, location, out);
        }
        if let Check::Assert(rule) = &spec.rule {
            scope.condition(&rule.fails_when, location, out);
        } else {
            scope.names(spec.rule.references(), "校验", location, out);
        }
    }
    if let Some(compute) = &field.compute {
        scope.names(compute.references(), "计算", location, out);
        if let super::Compute::Lookup { table, match_fields, column } = compute {
            match schema.tables.get(table) {
                None => out.push(Diagnostic::new(location, format!("计算引用了不存在的查找表「{table}」"))),
                Some(rows) => {
                    let wanted = match_fields.keys().chain(std::iter::once(column));
                    for name in wanted {
                        if rows.first().is_some_and(|r| !r.contains_key(name)) {
                            out.push(Diagnostic::new(location, format!("查找表「{table}」没有列「{name}」")));
                        }
                    }
                }
            }
        }
    }
    if let Some(suggestion) = &field.suggest {
        scope.names(suggestion.references(), "建议文字", location, out);
        if !matches!(field.kind, FieldKind::Text | FieldKind::Textarea) || field.compute.is_some() {
            out.push(Diagnostic::new(
                location,
                "建议文字（suggest）只用于可编辑的文本字段，且不能与计算（compute）同用",
            ));
        }
    }
    let takes_options = matches!(field.kind, FieldKind::Select | FieldKind::MultiSelect);
    match (&field.options, takes_options) {
        (None, true) => out.push(Diagnostic::new(location, "选择题缺少选项")),
        (Some(OptionSource::Named(name)), _) | (Some(OptionSource::Filtered { set: name, .. }), _)
            if !schema.options.contains_key(name) =>
        {
            out.push(Diagnostic::new(location, format!("引用了不存在的选项表「{name}」")))
        }
        _ => {}
    }
    if let Some(OptionSource::Filtered { filter, .. }) = &field.options {
        scope.names(filter.values().map(String::as_str).collect(), "级联选项", location, out);
    }
    if !field.is_group() && !field.fields.is_empty() {
        out.push(Diagnostic::new(location, "只有重复组（group）可以包含子字段"));
    }
}

/// Visibility and computed values read other answers recursively, so a cycle among them would
/// never settle. Required-if conditions are not followed: they are evaluated once and mutual
/// requirements ("fill all or none") are legitimate.
fn check_cycles(schema: &FormSchema, out: &mut Vec<Diagnostic>) {
    let mut edges: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for step in &schema.steps {
        for section in &step.sections {
            let container: Vec<&str> =
                step.visible_if.iter().chain(&section.visible_if).flat_map(|c| c.references()).collect();
            for field in &section.fields {
                let mut deps: Vec<String> = container.iter().map(|s| s.to_string()).collect();
                deps.extend(own_dependencies(field).into_iter().map(str::to_string));
                edges.insert(field.id.clone(), deps);
                for child in &field.fields {
                    let resolve = |name: &str| {
                        if field.child(name).is_some() {
                            format!("{}.{}", field.id, name)
                        } else {
                            name.to_string()
                        }
                    };
                    let mut deps: Vec<String> = vec![field.id.clone()];
                    deps.extend(own_dependencies(child).into_iter().map(resolve));
                    edges.insert(format!("{}.{}", field.id, child.id), deps);
                }
            }
        }
    }
    let mut state = SortedMap::new();
    let mut reported = SortedSet::default();
    for start in edges.keys() {
        let mut stack = Vec::new();
        visit(start, &edges, &mut state, &mut stack, &mut reported, out);
    }
}

fn own_dependencies(field: &Field) -> Vec<&str> {
    let mut deps: Vec<&str> = field.visible_if.iter().flat_map(|c| c.references()).collect();
    if let Some(compute) = &field.compute {
        deps.extend(compute.references());
    }
    deps
}

fn visit<'a>(
    node: &'a str,
    edges: &'a BTreeMap<String, Vec<String>>,
    state: &mut SortedMap<&'a str, u8>,
    stack: &mut Vec<&'a str>,
    reported: &mut SortedSet<Vec<String>>,
    out: &mut Vec<Diagnostic>,
) {
    const VISITING: u8 = 1;
    const DONE: u8 = 2;
    match state.get(node) {
        Some(&DONE) => return,
        Some(&VISITING) => {
            let from = stack.iter().position(|n| *n == node).unwrap_or(0);
            let mut cycle: Vec<String> = stack[from..].iter().map(|s| s.to_string()).collect();
            let mut key = cycle.clone();
            key.sort_unstable();
            if reported.insert(key) {
                cycle.push(node.to_string());
                out.push(Diagnostic::new(
                    format!("字段 {node}"),
                    format!("显示条件或计算形成循环引用：{}", cycle.join(" → ")),
                ));
            }
            return;
        }
        _ => {}
    }
    state.insert(node, VISITING);
    stack.push(node);
    if let Some(deps) = edges.get(node) {
        for dep in deps {
            if let Some((key, _)) = edges.get_key_value(dep.as_str()) {
                visit(key, edges, state, stack, reported, out);
            }
        }
    }
    stack.pop();
    state.insert(node, DONE);
}

#[cfg(test)]
mod tests {
    use super::super::FormSchema;

    fn problems(fields: &str) -> Vec<String> {
        let json = format!(
            r#"{{"id":"t","version":1,"title":"t","options":{{"yn":["是","否"]}},
                "steps":[{{"id":"s","title":"s","sections":[{{"id":"a","title":"a","fields":[{fields}]}}]}}]}}"#
        );
        match FormSchema::from_json(&json) {
            Ok(_) => Vec::new(),
            Err(list) => list.iter().map(|d| d.to_string()).collect(),
        }
    }

    #[test]
    fn sound_schemas_load_and_broken_ones_are_explained() {
        let cases: [(&str, &[&str]); 7] = [
            (r#"{"id":"a","label":"A","kind":"text"}"#, &[]),
            (r#"{"id":"a","label":"A","kind":"text"},{"id":"a","label":"B","kind":"text"}"#, &["字段 id 重复"]),
            (
                r#"{"id":"a","label":"A","kind":"text","visible_if":{"filled":"nope"}}"#,
                &["条件引用了不存在的字段「nope」"],
            ),
            (
                r#"{"id":"a","label":"A","kind":"text","visible_if":{"filled":"b"}},
                   {"id":"b","label":"B","kind":"text","visible_if":{"filled":"a"}}"#,
                &["循环引用"],
            ),
            (r#"{"id":"a","label":"A","kind":"select"}"#, &["选择题缺少选项"]),
            (r#"{"id":"a","label":"A","kind":"select","options":"missing"}"#, &["不存在的选项表「missing」"]),
            (
                r#"{"id":"g","label":"G","kind":"group","columns":["x"],
                    "fields":[{"id":"c","label":"C","kind":"text","visible_if":{"equals":{"field":"zz","value":"1"}}}]}"#,
                &["列表列引用了不存在的字段「x」", "条件引用了不存在的字段「zz」"],
            ),
        ];
        for (fields, expected) in cases {
            let found = problems(fields);
            assert_eq!(found.len(), expected.len(), "for {fields}: {found:?}");
            for want in expected {
                assert!(found.iter().any(|f| f.contains(want)), "for {fields}: expected {want:?} in {found:?}");
            }
        }
    }

    #[test]
    fn mutual_required_if_is_not_a_cycle() {
        let found = problems(
            r#"{"id":"a","label":"A","kind":"text","required_if":{"filled":"b"}},
               {"id":"b","label":"B","kind":"text","required_if":{"filled":"a"}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn malformed_json_is_a_diagnostic_not_a_panic() {
        for text in ["", "{", "[]", r#"{"id":1}"#, r#"{"id":"x","version":1,"title":"t","steps":[{"id":"s"}]}"#] {
            let err = FormSchema::from_json(text).expect_err("refused");
            assert!(err[0].message.contains("JSON"), "{err:?}");
        }
    }
}
