//! Validation of a whole form: walks the visible fields in schema order and collects a report.
//!
//! Required applies to blank values, every other rule to non-blank ones; hidden fields are never
//! invalid. Validation never fails: whatever the answers, it returns a report.

mod field_checks;
mod group_checks;
pub(crate) mod kind;

use crate::eval::{Evaluator, RowScope};
use crate::path::FieldPath;
use crate::report::{Finding, Report, Violation};
use crate::rules::calendar::HolidayCalendar;
use crate::rules::{GroupContext, RuleContext};
use crate::schema::{CheckSpec, Field, FieldKind};
use crate::value::{Row, Value};

/// Validates every visible field of the form, counting working days with `calendar`.
pub fn validate(ev: &Evaluator, calendar: &HolidayCalendar) -> Report {
    let mut report = Report::default();
    for (_, field) in ev.schema.fields() {
        if !ev.is_visible(&field.id) {
            continue;
        }
        if field.is_group() {
            validate_group(ev, calendar, field, &mut report);
        } else {
            let path = FieldPath::top(&field.id);
            validate_value(ev, calendar, field, None, &path, ev.answers.get(&field.id), &mut report);
        }
    }
    report
}

fn validate_group(ev: &Evaluator, calendar: &HolidayCalendar, group: &Field, report: &mut Report) {
    let path = FieldPath::top(&group.id);
    if let Some(wrong) = ev.answers.get(&group.id).and_then(|value| kind::shape_finding(group, value)) {
        report.violations.push(Violation::new(path.clone(), wrong));
    }
    let all_rows = ev.answers.get(&group.id).map(Value::as_rows).unwrap_or(&[]);
    // Rows not chosen for this declaration are never invalid, like hidden answers.
    let rows: std::borrow::Cow<'_, [Row]> = match &group.submit_rows_if {
        None => all_rows.into(),
        Some(_) => all_rows.iter().filter(|row| ev.row_submitted(group, row)).cloned().collect::<Vec<Row>>().into(),
    };
    let required = ev.is_required(group, None);
    let min = group.min_rows.unwrap_or(0).max(usize::from(required));
    if rows.len() < min {
        let message = if min <= 1 {
            format!("请至少添加一条{}：点击「新增{}」填写。", group.label, group.noun())
        } else {
            format!("请至少添加 {min} 条{}，目前只有 {} 条。", group.label, rows.len())
        };
        report.violations.push(Violation::new(path.clone(), Finding::error("REQUIRED", message)));
    }
    if let Some(max) = group.max_rows.filter(|max| rows.len() > *max) {
        let message = format!("{}最多填写 {max} 条，目前有 {} 条，请删除多余的条目。", group.label, rows.len());
        report.violations.push(Violation::new(path.clone(), Finding::error("MAX-ROWS", message)));
    }
    for row in rows.iter() {
        let scope = RowScope { group, row };
        for child in &group.fields {
            if !ev.is_visible_in_row(scope, child) {
                continue;
            }
            let child_path = FieldPath::in_row(&group.id, row.id, &child.id);
            validate_value(ev, calendar, child, Some(scope), &child_path, row.get(&child.id), report);
        }
    }
    for spec in &group.checks {
        if applies(ev, spec, None) {
            let found = group_checks::run(&spec.rule, &rows, &GroupContext::new(*ev, group));
            report.violations.extend(found.into_iter().map(|(p, f)| Violation::new(p, adjust(spec, f))));
        }
    }
}

/// Validates one visible scalar field: required when blank, everything else when not.
fn validate_value(
    ev: &Evaluator,
    calendar: &HolidayCalendar,
    field: &Field,
    scope: Option<RowScope>,
    path: &FieldPath,
    value: Option<&Value>,
    report: &mut Report,
) {
    let blank = value.is_none_or(Value::is_blank);
    if blank {
        // A computed field waiting for its source (e.g. birth date before a valid ID) is not the
        // applicant's to fill: the source field carries the message.
        let awaiting_source = field
            .compute
            .as_ref()
            .is_some_and(|c| crate::compute::evaluate(ev, c, scope) == crate::compute::Computed::Nothing);
        if ev.is_required(field, scope) && !awaiting_source {
            report.violations.push(Violation::new(path.clone(), kind::required_finding(field)));
        }
        return;
    }
    let Some(value) = value else { return };
    let mut findings = kind::check_kind(ev, field, scope, value);
    // Rules that read the value's meaning only run once its form is right.
    if findings.iter().all(|f| !f.is_error()) || field.kind == FieldKind::MultiSelect {
        for spec in &field.checks {
            if applies(ev, spec, scope) {
                let found = field_checks::run(&spec.rule, value, &RuleContext::new(*ev, field, scope, calendar));
                findings.extend(found.into_iter().map(|f| adjust(spec, f)));
            }
        }
    }
    report.violations.extend(findings.into_iter().map(|f| Violation::new(path.clone(), f)));
}

fn applies(ev: &Evaluator, spec: &CheckSpec, scope: Option<RowScope>) -> bool {
    spec.when.as_ref().is_none_or(|c| ev.holds(c, scope))
}

fn adjust(spec: &CheckSpec, mut finding: Finding) -> Finding {
    if let Some(severity) = spec.severity {
        finding.severity = severity;
    }
    finding
}
