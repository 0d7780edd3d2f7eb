//! A persona's answers as a trainer writes them: field id → text, true/false or a list of texts,
//! and a repeat group as a list of plain objects (one per row, without the stored draft's row ids),
//! turned into the engine's answers with rows numbered from 1 and checked against the form.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use crate::path::RowId;
use crate::schema::{Diagnostic, FormSchema};
use crate::value::{Answers, Row, Value};

/// At most this many rows in one repeat group of a persona.
const MAX_ROWS: usize = 100;

/// The answers of `written` for `schema`, or every problem found (unknown fields, wrong shapes).
pub fn answers_for(
    schema: &FormSchema,
    written: &BTreeMap<String, Json>,
    place: &str,
) -> Result<Answers, Vec<Diagnostic>> {
    let mut out = Vec::new();
    let mut answers = Answers::new();
    for (id, json) in written {
        let here = format!("{place} 答案「{id}」");
        let Some(field) = schema.field(id) else {
            out.push(Diagnostic::new(&here, "表单中没有这个字段"));
            continue;
        };
        let value = if field.is_group() {
            rows(field, json, &here, &mut out).map(Value::Rows)
        } else {
            plain(json, &here, &mut out)
        };
        if let Some(value) = value {
            answers.insert(id.clone(), value);
        }
    }
    if out.is_empty() {
        Ok(answers)
    } else {
        Err(out)
    }
}

fn rows(group: &crate::schema::Field, json: &Json, place: &str, out: &mut Vec<Diagnostic>) -> Option<Vec<Row>> {
    let Some(items) = json.as_array().filter(|items| items.len() <= MAX_ROWS) else {
        out.push(Diagnostic::new(place, format!("重复组须写成至多 {MAX_ROWS} 个对象的列表，每个对象一行")));
        return None;
    };
    let mut rows = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let here = format!("{place} 第 {} 行", index + 1);
        let Some(object) = item.as_object() else {
            out.push(Diagnostic::new(&here, "每一行须是一个对象（字段 id → 答案）"));
            continue;
        };
        let mut values = BTreeMap::new();
        for (id, json) in object {
            if group.child(id).is_none() {
                out.push(Diagnostic::new(&here, format!("这一组没有字段「{id}」")));
            } else if let Some(value) = plain(json, &format!("{here}「{id}」"), out) {
                values.insert(id.clone(), value);
            }
        }
        rows.push(Row { id: index as RowId + 1, values });
    }
    Some(rows)
}

fn plain(json: &Json, place: &str, out: &mut Vec<Diagnostic>) -> Option<Value> {
    let value = match json {
        Json::String(text) => Value::Text(text.clone()),
        Json::Bool(flag) => Value::Bool(*flag),
        Json::Array(items) if items.iter().all(Json::is_string) => {
            Value::List(items.iter().filter_map(|i| i.as_str().map(String::from)).collect())
        }
        _ => {
            out.push(Diagnostic::new(place, "答案须是文字、true/false 或文字列表（数字也写成文字）"));
            return None;
        }
    };
    Some(value)
}
