//! The settings of the rules a repeat group declares over its rows (counts, uniqueness, hours,
//! periods), as plain data read from the schema, with the yearly hour quotas the form's settings
//! hold. What each rule does with them is in `rules`, one file per rule, where each of these types
//! implements `GroupRule`.

use serde::Deserialize;

/// At most `max` rows whose `field` equals `value` (V-REP-1); `{count}` in the message is the
/// number found.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaxRowsMatchingRule {
    pub field: String,
    pub value: String,
    pub max: usize,
    pub message: String,
}

/// Between `min` and `max` rows (either bound optional) whose `field` equals `value` (V-EDU-4);
/// nothing while the group has no rows at all, since the group's own "add a row" message says
/// enough.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowsMatchingRule {
    pub field: String,
    pub value: String,
    #[serde(default)]
    pub min: Option<usize>,
    #[serde(default)]
    pub max: Option<usize>,
    pub message: String,
}

/// No two rows share the trimmed answer of `field`; each repeat names the row it repeats.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UniqueInRowsRule {
    pub field: String,
}

/// V-CE as a repeat group declares it: each row's hours (the fields `public`, `professional`
/// and `elective`) against the quota of the year in the field `year`, from the form's settings
/// (`ce_quota`, with `default` for years not listed). A row with a part not yet a number waits.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContinuingEducationRule {
    pub year: String,
    pub public: String,
    pub professional: String,
    pub elective: String,
}

/// The hours one year requires; parts left out of the configuration require nothing.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HourQuota {
    pub total: f64,
    #[serde(default)]
    pub public: f64,
    #[serde(default)]
    pub professional: f64,
    #[serde(default)]
    pub elective: f64,
}

/// The rows' years (the field `year`) cover every year of 资历, from its start (V-YRS-1) to the
/// evaluation year (GD 考核信息: one annual appraisal per year); `{years}` in the message is the
/// list of missing years (「2024、2025」), `{start}` the first year required.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearsCoveredRule {
    pub year: String,
    pub message: String,
}

/// Sorted by the `start` field, each period should begin within `max_gap_days` of the previous
/// one's `end` (an open end counts as today) and not before it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContiguousPeriodsRule {
    pub start: String,
    pub end: String,
    pub max_gap_days: i64,
}
