//! The validation rules of domain.md §5, one file per rule. Every rule a field can declare has
//! the one shape of [`FieldRule`] (the answer and its [`RuleContext`] in, findings out), and every
//! rule a repeat group can declare the one shape of [`GroupRule`] (the rows and their
//! [`GroupContext`] in, findings at paths out), so that `validate` only has to pick the rule the
//! schema names. The rules on identity numbers, codes and dates also keep their pure functions on
//! raw text (and, for cross-field rules, the few values they need), which their table tests
//! exercise directly; the others are tested through a small form (`test_form.rs`).

use crate::path::FieldPath;
use crate::report::Finding;
use crate::value::{Row, Value};

pub mod achievement_date;
pub mod appraisal_years;
pub mod assertion;
pub mod calendar;
pub mod continuing_education;
pub mod credit_code;
pub mod date_order;
pub mod degree_level;
pub mod diploma;
pub mod email;
pub mod exclusive_option;
pub mod identity_cross_check;
pub mod issn;
pub mod min_years;
pub mod not_future;
pub mod patent;
pub mod phone;
pub mod plain_text;
pub mod postcode;
pub mod publicity_period;
pub mod resident_id;
pub mod row_count;
pub mod seniority;
pub mod text_length;
pub mod unique_rows;
pub mod work_periods;

mod context;
mod full_width;

pub use context::{GroupContext, RuleContext};

/// One rule as a field declares it. The implementing type holds the rule's settings from the
/// schema (which other field to compare with, which message to give), declared as plain data in
/// `schema` so that the schema needs nothing from here; a rule without settings is a unit struct
/// of its file.
pub trait FieldRule {
    /// What the rule finds about one non-blank answer (blank answers are the required check's).
    fn check(&self, value: &Value, ctx: &RuleContext<'_>) -> Vec<Finding>;
}

/// One rule as a repeat group declares it, over all the group's rows (counts, uniqueness, hours,
/// periods). The implementing type holds the rule's settings, declared as plain data in `schema`.
pub trait GroupRule {
    /// What the rule finds about the rows, each finding at the path it concerns: the group itself,
    /// or one row's field.
    fn check(&self, rows: &[Row], ctx: &GroupContext<'_>) -> Vec<(FieldPath, Finding)>;
}

/// The trimmed text of an answer, as most rules read it; `""` for a list of choices.
pub fn answer_text(value: &Value) -> &str {
    value.as_text().map(str::trim).unwrap_or("")
}

#[cfg(test)]
mod robustness;
#[cfg(test)]
pub(crate) mod table;
#[cfg(test)]
pub(crate) mod test_form;
#[cfg(test)]
pub(crate) mod vectors;
