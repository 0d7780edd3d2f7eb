//! Answer values: what the applicant entered, as stored in drafts and carried in packages.

use std::collections::BTreeMap;

use serde::de::{self, MapAccess, SeqAccess};
use serde::{Deserialize, Deserializer, Serialize};

use crate::by_shape::{self, ByShape};
use crate::path::RowId;

/// One answer. Scalars are kept as the text the applicant typed (numbers and dates included) so
/// that nothing they type is ever lost to a parse; validation says whether the text is well formed.
/// In JSON: `true`/`false`, a text, a list of texts, or a list of rows (an empty list is a list).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Text(String),
    List(Vec<String>),
    Rows(Vec<Row>),
}

/// One row of a repeat group. Its `id` is stable across reordering.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub id: RowId,
    pub values: BTreeMap<String, Value>,
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        by_shape::deserialize(deserializer)
    }
}

impl ByShape for Value {
    const EXPECTING: &'static str = "true/false, a text, or a list of texts or of rows";

    fn text<E: de::Error>(text: String) -> Result<Value, E> {
        Ok(Value::Text(text))
    }

    fn flag<E: de::Error>(flag: bool) -> Result<Value, E> {
        Ok(Value::Bool(flag))
    }

    fn list<'de, A: SeqAccess<'de>>(mut list: A) -> Result<Value, A::Error> {
        let (mut texts, mut rows) = (Vec::new(), Vec::new());
        while let Some(item) = list.next_element::<ListItem>()? {
            match item {
                ListItem::Text(text) => texts.push(text),
                ListItem::Row(row) => rows.push(row),
            }
        }
        match (texts.is_empty(), rows.is_empty()) {
            (_, true) => Ok(Value::List(texts)),
            (true, false) => Ok(Value::Rows(rows)),
            (false, false) => Err(de::Error::custom("a list holds either texts or rows, not both")),
        }
    }
}

/// One item of a list answer: a chosen text or a row of a repeat group.
enum ListItem {
    Text(String),
    Row(Row),
}

impl<'de> Deserialize<'de> for ListItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ListItem, D::Error> {
        by_shape::deserialize(deserializer)
    }
}

impl ByShape for ListItem {
    const EXPECTING: &'static str = "a text or a row";

    fn text<E: de::Error>(text: String) -> Result<ListItem, E> {
        Ok(ListItem::Text(text))
    }

    fn object<'de, A: MapAccess<'de>>(object: A) -> Result<ListItem, A::Error> {
        Row::deserialize(de::value::MapAccessDeserializer::new(object)).map(ListItem::Row)
    }
}

/// All answers of a form, by top-level field id.
pub type Answers = BTreeMap<String, Value>;

impl Value {
    pub fn text(text: impl Into<String>) -> Value {
        Value::Text(text.into())
    }

    /// True for values that count as "not answered": empty or blank text, an empty selection,
    /// an unticked box, a group without rows.
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Bool(b) => !b,
            Value::Text(t) => t.trim().is_empty(),
            Value::List(items) => items.iter().all(|i| i.trim().is_empty()),
            Value::Rows(rows) => rows.is_empty(),
        }
    }

    /// The text of a scalar answer; lists are joined with 「、」 for display.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t.as_str()),
            _ => None,
        }
    }

    pub fn as_list(&self) -> &[String] {
        match self {
            Value::List(items) => items,
            _ => &[],
        }
    }

    pub fn as_rows(&self) -> &[Row] {
        match self {
            Value::Rows(rows) => rows,
            _ => &[],
        }
    }

    pub fn as_bool(&self) -> bool {
        matches!(self, Value::Bool(true))
    }

    /// A human-readable rendering for lists, review pages and reports.
    pub fn display(&self) -> String {
        match self {
            Value::Bool(true) => "是".to_string(),
            Value::Bool(false) => "否".to_string(),
            Value::Text(t) => t.trim().to_string(),
            Value::List(items) => items.join("、"),
            Value::Rows(rows) => format!("{} 条", rows.len()),
        }
    }

    /// True when this answer equals `expected` (text), contains it (list) or, for a box, when
    /// `expected` is 「是」/"true" and the box is ticked.
    pub fn matches(&self, expected: &str) -> bool {
        match self {
            Value::Text(t) => t.trim() == expected,
            Value::List(items) => items.iter().any(|i| i == expected),
            Value::Bool(b) => *b == matches!(expected, "是" | "true"),
            Value::Rows(_) => false,
        }
    }
}

impl Row {
    pub fn get(&self, field: &str) -> Option<&Value> {
        self.values.get(field)
    }

    pub fn text(&self, field: &str) -> &str {
        self.values.get(field).and_then(Value::as_text).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_means_nothing_was_answered() {
        let cases = [
            (Value::text(""), true),
            (Value::text("  "), true),
            (Value::text("无"), false),
            (Value::Bool(false), true),
            (Value::Bool(true), false),
            (Value::List(vec![]), true),
            (Value::List(vec!["医疗事故".into()]), false),
            (Value::Rows(vec![]), true),
        ];
        for (value, blank) in cases {
            assert_eq!(value.is_blank(), blank, "{value:?}");
        }
    }

    #[test]
    fn values_round_trip_through_json() {
        let mut row = BTreeMap::new();
        row.insert("school".to_string(), Value::text("深圳大学"));
        let answers: Answers = [
            ("name".to_string(), Value::text("张三")),
            ("pledge".to_string(), Value::Bool(true)),
            ("negatives".to_string(), Value::List(vec!["无上述情况".into()])),
            ("education".to_string(), Value::Rows(vec![Row { id: 7, values: row }])),
        ]
        .into_iter()
        .collect();
        let json = serde_json::to_string(&answers).unwrap();
        let back: Answers = serde_json::from_str(&json).unwrap();
        assert_eq!(back, answers);
    }

    #[test]
    fn the_json_shape_picks_the_kind_of_answer() {
        let cases = [
            ("true", Value::Bool(true)),
            ("\"2024-01-01\"", Value::text("2024-01-01")),
            ("[]", Value::List(vec![])),
            ("[\"甲\", \"乙\"]", Value::List(vec!["甲".into(), "乙".into()])),
            (
                "[{\"id\": 3, \"values\": {\"a\": \"x\"}}]",
                Value::Rows(vec![Row { id: 3, values: [("a".to_string(), Value::text("x"))].into() }]),
            ),
        ];
        for (json, expected) in cases {
            assert_eq!(serde_json::from_str::<Value>(json).unwrap(), expected, "{json}");
        }
        for refused in ["3", "null", "{}", "[\"甲\", {\"id\": 1, \"values\": {}}]", "[1]"] {
            let error = serde_json::from_str::<Value>(refused).unwrap_err().to_string();
            assert!(error.contains("expected") || error.contains("not both"), "{refused}: {error}");
        }
    }
}
