//! Carrying a draft saved with an older schema version to the current one, by the schema's
//! declared steps. Nothing is ever dropped: answers the current schema has no field for are set
//! aside in the draft and shown to the applicant for review.

use thiserror::Error;

use crate::schema::{FormSchema, MigrationStep};
use crate::stored::draft::{DraftV1, SetAside};
use crate::value::{Answers, Row, Value};

/// Why a draft cannot be carried to the running schema.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum UpgradeError {
    #[error("草稿由更新的第 {draft} 版申报表保存，当前系统只有第 {current} 版，请刷新页面或使用最新版本打开。")]
    NewerSchema { draft: u32, current: u32 },
}

/// Brings `draft` to the schema's version. Versions without declared steps carry answers over
/// unchanged; a draft from a newer schema than this one is refused, since this program cannot
/// know what its answers mean.
pub fn upgrade(schema: &FormSchema, mut draft: DraftV1) -> Result<DraftV1, UpgradeError> {
    if draft.schema_version > schema.version {
        return Err(UpgradeError::NewerSchema { draft: draft.schema_version, current: schema.version });
    }
    let original = draft.schema_version;
    if original == schema.version {
        return Ok(draft);
    }
    for version in original..schema.version {
        if let Some(migration) = schema.migrations.iter().find(|m| m.from == version) {
            for step in &migration.steps {
                apply(step, &mut draft.answers);
            }
        }
    }
    draft.schema_version = schema.version;
    let kept = set_aside_unknown(schema, &mut draft.answers, original);
    draft.set_aside.extend(kept);
    Ok(draft)
}

fn apply(step: &MigrationStep, answers: &mut Answers) {
    match step {
        // A step never overwrites an answer already in its target: the source then stays where it
        // is, and is set aside for review if the schema no longer has a field for it.
        MigrationStep::Rename { from, to, group } => for_each_place(answers, group.as_deref(), |values| {
            if is_free(values, to) {
                if let Some(value) = values.remove(from) {
                    values.insert(to.clone(), value);
                }
            }
        }),
        MigrationStep::Move { from, to } => {
            if place_is_free(answers, to) {
                if let Some(value) = take(answers, from) {
                    put(answers, to, value);
                }
            }
        }
        MigrationStep::Split { from, separator, into, group } => for_each_place(answers, group.as_deref(), |values| {
            let Some(Value::Text(text)) = values.get(from) else { return };
            if !into.iter().all(|field| is_free(values, field)) {
                return;
            }
            let parts: Vec<String> =
                text.splitn(into.len(), separator.as_str()).map(|p| p.trim().to_string()).collect();
            if parts.len() != into.len() {
                return; // The text does not have every part: keep it whole, to be set aside.
            }
            values.remove(from);
            for (field, part) in into.iter().zip(parts) {
                values.insert(field.clone(), Value::Text(part));
            }
        }),
        MigrationStep::Default { field, value, group } => for_each_place(answers, group.as_deref(), |values| {
            if is_free(values, field) {
                values.insert(field.clone(), value.clone());
            }
        }),
    }
}

/// Whether `field` has no answer, or a blank one, that a step may fill.
fn is_free(values: &Answers, field: &str) -> bool {
    values.get(field).is_none_or(Value::is_blank)
}

/// [`is_free`] for a place `"field"` or `"group.field"` (the group's first row).
fn place_is_free(answers: &Answers, place: &str) -> bool {
    match place.split_once('.') {
        None => is_free(answers, place),
        Some((group, field)) => match answers.get(group) {
            Some(Value::Rows(rows)) => rows.first().is_none_or(|row| is_free(&row.values, field)),
            Some(_) => false,
            None => true,
        },
    }
}

/// Runs `change` on the top-level answers, or on every row of `group`.
fn for_each_place(answers: &mut Answers, group: Option<&str>, mut change: impl FnMut(&mut Answers)) {
    match group {
        None => change(answers),
        Some(group) => {
            if let Some(Value::Rows(rows)) = answers.get_mut(group) {
                for row in rows {
                    change(&mut row.values);
                }
            }
        }
    }
}

/// Takes the answer at `"field"` or `"group.field"` (first row) out of the answers.
fn take(answers: &mut Answers, place: &str) -> Option<Value> {
    match place.split_once('.') {
        None => answers.remove(place),
        Some((group, field)) => match answers.get_mut(group) {
            Some(Value::Rows(rows)) => rows.first_mut()?.values.remove(field),
            _ => None,
        },
    }
}

/// Puts an answer at `"field"` or `"group.field"` (first row, created when the group is empty).
fn put(answers: &mut Answers, place: &str, value: Value) {
    match place.split_once('.') {
        None => {
            answers.insert(place.to_string(), value);
        }
        Some((group, field)) => {
            let rows = answers.entry(group.to_string()).or_insert_with(|| Value::Rows(Vec::new()));
            let Value::Rows(rows) = rows else { return };
            if rows.is_empty() {
                rows.push(Row { id: 1, values: Default::default() });
            }
            rows[0].values.insert(field.to_string(), value);
        }
    }
}

/// Moves every answer the schema has no field for (top level, or a row's cell with no field in
/// its group), or whose shape no longer fits its field (rows for a plain field, text for a repeat
/// group), out of `answers`.
fn set_aside_unknown(schema: &FormSchema, answers: &mut Answers, from_version: u32) -> Vec<SetAside> {
    let mut kept = Vec::new();
    let fits = |field: Option<&crate::schema::Field>, value: &Value| {
        field.is_some_and(|f| f.is_group() == matches!(value, Value::Rows(_)))
    };
    let unknown: Vec<String> =
        answers.iter().filter(|(k, v)| !fits(schema.field(k), v)).map(|(k, _)| k.clone()).collect();
    for field in unknown {
        if let Some(value) = answers.remove(&field) {
            kept.push(SetAside { field, group: None, row: None, value, from_version });
        }
    }
    for (group_id, value) in answers.iter_mut() {
        let Some(group) = schema.field(group_id).filter(|f| f.is_group()) else { continue };
        let Value::Rows(rows) = value else { continue };
        for row in rows {
            let cells: Vec<String> =
                row.values.iter().filter(|(k, v)| !fits(group.child(k), v)).map(|(k, _)| k.clone()).collect();
            for field in cells {
                if let Some(value) = row.values.remove(&field) {
                    kept.push(SetAside {
                        field,
                        group: Some(group_id.clone()),
                        row: Some(row.id),
                        value,
                        from_version,
                    });
                }
            }
        }
    }
    kept
}
