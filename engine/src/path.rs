//! Addresses of values in a form: a top-level field, or a field inside one row of a repeat group.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Stable identity of a repeat-group row. It survives reordering, so paths held by the UI stay
/// valid when rows move.
pub type RowId = u32;

/// Where a value lives. `row` is set for fields inside a repeat group: `(group id, row id)`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FieldPath {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<(String, RowId)>,
    pub field: String,
}

impl FieldPath {
    /// A top-level field (or a repeat group as a whole).
    pub fn top(field: impl Into<String>) -> FieldPath {
        FieldPath { row: None, field: field.into() }
    }

    /// A field inside row `row` of group `group`.
    pub fn in_row(group: impl Into<String>, row: RowId, field: impl Into<String>) -> FieldPath {
        FieldPath { row: Some((group.into(), row)), field: field.into() }
    }

    /// The repeat group this path is inside, if any.
    pub fn group(&self) -> Option<&str> {
        self.row.as_ref().map(|(g, _)| g.as_str())
    }

    /// True when `self` is `ancestor`, or a field inside rows of the group `ancestor` names.
    pub fn starts_with(&self, ancestor: &FieldPath) -> bool {
        if self == ancestor {
            return true;
        }
        ancestor.row.is_none() && self.group() == Some(ancestor.field.as_str())
    }

    /// An identifier safe for HTML `id` attributes, unique per path.
    pub fn dom_id(&self) -> String {
        match &self.row {
            None => format!("f-{}", self.field),
            Some((group, row)) => format!("f-{}-{}-{}", group, row, self.field),
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.row {
            None => write!(f, "{}", self.field),
            Some((group, row)) => write!(f, "{}[#{}].{}", group, row, self.field),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_inside_their_group_only() {
        let group = FieldPath::top("education");
        let cell = FieldPath::in_row("education", 3, "school");
        assert!(cell.starts_with(&group));
        assert!(group.starts_with(&group));
        assert!(!cell.starts_with(&FieldPath::top("work")));
        assert!(!group.starts_with(&cell));
        assert_eq!(cell.dom_id(), "f-education-3-school");
        assert_eq!(cell.to_string(), "education[#3].school");
    }
}
