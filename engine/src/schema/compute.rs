//! Computed values: answers the engine derives from other answers instead of asking for them.

use std::collections::BTreeMap;

use serde::Deserialize;

/// How a computed field gets its value. While the sources give a value the field is read-only and
/// shows it; when they give none (e.g. a passport number has no birth date) the applicant types it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Compute {
    /// Birth date (YYYY-MM-DD) from an 18-character identity number of a type that carries one.
    BirthFromId { id: String, id_type: String },
    /// Gender (男/女) from the same identity number.
    GenderFromId { id: String, id_type: String },
    /// Sum of numeric fields (same row first, then top level), blank while all are blank.
    Sum(Vec<String>),
    /// A column of the first table row whose match columns equal the given fields' answers:
    /// `{"lookup": {"table": "committees", "match": {"series": "series"}, "column": "name"}}`.
    Lookup {
        table: String,
        #[serde(rename = "match")]
        match_fields: BTreeMap<String, String>,
        column: String,
    },
    /// Which period of the current qualification a repeat row's date (the field `date`) falls
    /// in (V-YRS-2, domain §2.9 GD): `before` (「获现资格之前」) when it is earlier than the start of
    /// the achievement window the form's `current_qualification` gives, else `since`
    /// (「获现资格以来」). Read-only; blank while the date or the window is unknown.
    AchievementPeriod { date: String, before: String, since: String },
}

impl Compute {
    pub fn references(&self) -> Vec<&str> {
        match self {
            Compute::BirthFromId { id, id_type } | Compute::GenderFromId { id, id_type } => {
                vec![id, id_type]
            }
            Compute::Sum(fields) => fields.iter().map(String::as_str).collect(),
            Compute::Lookup { match_fields, .. } => match_fields.values().map(String::as_str).collect(),
            Compute::AchievementPeriod { date, .. } => vec![date],
        }
    }
}
