//! Computing derived answers (birth date and gender from the ID, sums, lookups) after each change.

use crate::date::Date;
use crate::decimal::format_decimal;
use crate::eval::{Evaluator, RowScope};
use crate::path::FieldPath;
use crate::rules::achievement_date;
use crate::rules::resident_id::{id_type_has_birth_data, parse_resident_id};
use crate::schema::{Compute, Field, FormSchema};
use crate::value::{Answers, Value};

/// What a computed field holds right now.
#[derive(Clone, Debug, PartialEq)]
pub enum Computed {
    /// The engine supplies this value; the field is read-only.
    Value(String),
    /// The sources give nothing yet; the field is read-only and blank.
    Nothing,
    /// The sources cannot give this value (e.g. a passport carries no birth date): the applicant
    /// types it.
    Manual,
}

impl Computed {
    pub fn is_read_only(&self) -> bool {
        !matches!(self, Computed::Manual)
    }
}

/// Evaluates one computation from `scope`.
pub fn evaluate(ev: &Evaluator, compute: &Compute, scope: Option<RowScope>) -> Computed {
    match compute {
        Compute::BirthFromId { id, id_type } | Compute::GenderFromId { id, id_type } => {
            let kind = ev.text(scope, id_type);
            if !kind.is_empty() && !id_type_has_birth_data(kind) {
                return Computed::Manual;
            }
            match parse_resident_id(ev.text(scope, id)) {
                Ok(parsed) if matches!(compute, Compute::BirthFromId { .. }) => Computed::Value(parsed.birth.iso()),
                Ok(parsed) => Computed::Value(parsed.gender.label().to_string()),
                Err(_) => Computed::Nothing,
            }
        }
        Compute::Sum(fields) => {
            let numbers: Vec<f64> = fields
                .iter()
                .map(|f| ev.text(scope, f))
                .filter(|t| !t.is_empty())
                .filter_map(crate::decimal::parse_decimal)
                .collect();
            if numbers.is_empty() {
                Computed::Nothing
            } else {
                Computed::Value(format_decimal(numbers.iter().sum()))
            }
        }
        Compute::Lookup { table, match_fields, column } => {
            let found = ev.schema.tables.get(table).and_then(|rows| {
                rows.iter().find(|row| {
                    match_fields.iter().all(|(col, name)| {
                        let answer = ev.text(scope, name);
                        !answer.is_empty() && row.get(col).is_some_and(|v| v == answer)
                    })
                })
            });
            match found.and_then(|row| row.get(column)) {
                Some(v) => Computed::Value(v.clone()),
                None => Computed::Nothing,
            }
        }
        Compute::AchievementPeriod { date, before, since } => {
            let start = achievement_date::window_start(&ev.schema.settings, |name| ev.text(None, name));
            match (Date::parse_loose(ev.text(scope, date)), start) {
                (Some(date), Some(start)) if date < start => Computed::Value(before.clone()),
                (Some(_), Some(_)) => Computed::Value(since.clone()),
                _ => Computed::Nothing,
            }
        }
    }
}

/// Writes every computed value into `answers`, repeating until nothing changes so computations
/// may build on each other (their dependencies are acyclic, checked at schema load).
pub fn recompute(schema: &FormSchema, answers: &mut Answers, today: Date) {
    for _ in 0..4 {
        let updates = pending_updates(schema, answers, today);
        if updates.is_empty() {
            return;
        }
        for (path, value) in updates {
            write(answers, &path, value);
        }
    }
}

fn pending_updates(schema: &FormSchema, answers: &Answers, today: Date) -> Vec<(FieldPath, Option<String>)> {
    let ev = Evaluator::new(schema, answers, today);
    let mut updates = Vec::new();
    let mut consider = |path: FieldPath, field: &Field, current: Option<&Value>, scope| {
        let Some(compute) = &field.compute else { return };
        let wanted = match evaluate(&ev, compute, scope) {
            Computed::Value(v) => Some(v),
            Computed::Nothing => None,
            Computed::Manual => return,
        };
        let now = current.and_then(Value::as_text).filter(|t| !t.is_empty()).map(str::to_string);
        if now != wanted {
            updates.push((path, wanted));
        }
    };
    for (_, field) in schema.fields() {
        if field.is_group() {
            for row in answers.get(&field.id).map(Value::as_rows).unwrap_or(&[]) {
                let scope = Some(RowScope { group: field, row });
                for child in field.fields.iter().filter(|c| c.compute.is_some()) {
                    consider(FieldPath::in_row(&field.id, row.id, &child.id), child, row.get(&child.id), scope);
                }
            }
        } else {
            consider(FieldPath::top(&field.id), field, answers.get(&field.id), None);
        }
    }
    updates
}

fn write(answers: &mut Answers, path: &FieldPath, value: Option<String>) {
    let slot = match &path.row {
        None => answers,
        Some((group, row_id)) => {
            let Some(Value::Rows(rows)) = answers.get_mut(group) else { return };
            let Some(row) = rows.iter_mut().find(|r| r.id == *row_id) else { return };
            &mut row.values
        }
    };
    match value {
        Some(v) => {
            slot.insert(path.field.clone(), Value::Text(v));
        }
        None => {
            slot.remove(&path.field);
        }
    }
}
