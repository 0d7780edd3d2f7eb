//! Declared steps that carry drafts saved with an older version of a schema to the next version:
//! data in the schema, never code, so a schema author can rename, move, split and default fields.

use serde::Deserialize;

use crate::value::Value;

/// The steps from version `from` to version `from + 1`, applied in order.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Migration {
    pub from: u32,
    pub steps: Vec<MigrationStep>,
}

/// One change to stored answers. `group` names a repeat group whose rows the step applies to.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum MigrationStep {
    /// A field's id changed.
    Rename {
        from: String,
        to: String,
        #[serde(default)]
        group: Option<String>,
    },
    /// An answer moves between the top level and the first row of a repeat group. Places are
    /// `"field"` or `"group.field"`.
    Move { from: String, to: String },
    /// One text answer is cut at `separator` into the fields of `into`, in order; the last takes
    /// the rest. The original answer goes away only when every part found a field.
    Split {
        from: String,
        separator: String,
        into: Vec<String>,
        #[serde(default)]
        group: Option<String>,
    },
    /// A new field gets this answer wherever the draft has none.
    Default {
        field: String,
        value: Value,
        #[serde(default)]
        group: Option<String>,
    },
}
