//! Conditions over answers, used by visible-if, required-if, notes and checks.

use serde::Deserialize;

/// A boolean expression over answers. Field names resolve to the sibling field of the same
/// repeat row first, then to a top-level field. A hidden field reads as blank.
///
/// In JSON: `{"equals": {"field": "nationality", "value": "中国"}}`, `{"filled": "curQualType"}`,
/// `{"all": [ … ]}`, and so on.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// The answer equals the value (a list answer: contains it; a box: 「是」 when ticked).
    Equals {
        field: String,
        value: String,
    },
    NotEquals {
        field: String,
        value: String,
    },
    /// The answer is one of the values.
    In {
        field: String,
        values: Vec<String>,
    },
    Filled(String),
    Blank(String),
    /// At least one of the fields is answered.
    AnyFilled(Vec<String>),
    /// Both fields are answered and their texts differ (ignoring outer spaces).
    Differs {
        field: String,
        other: String,
    },
    /// Some row of the group satisfies the condition (evaluated inside that row).
    AnyRow {
        group: String,
        when: Box<Condition>,
    },
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

impl Condition {
    /// Every field name this condition reads, for load-time reference and cycle checks.
    pub fn references(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_references(&mut out);
        out
    }

    fn collect_references<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Condition::Equals { field, .. }
            | Condition::NotEquals { field, .. }
            | Condition::In { field, .. }
            | Condition::Filled(field)
            | Condition::Blank(field) => out.push(field),
            Condition::AnyFilled(fields) => out.extend(fields.iter().map(String::as_str)),
            Condition::Differs { field, other } => {
                out.push(field);
                out.push(other);
            }
            Condition::AnyRow { group, when } => {
                out.push(group);
                when.collect_references(out);
            }
            Condition::All(items) | Condition::Any(items) => items.iter().for_each(|c| c.collect_references(out)),
            Condition::Not(inner) => inner.collect_references(out),
        }
    }
}
