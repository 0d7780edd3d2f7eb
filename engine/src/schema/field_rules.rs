//! The settings of the rules a field declares (which other field to compare with, which message
//! to give), as plain data read from the schema. What each rule does with them is in `rules`, one
//! file per rule, where each of these types implements `FieldRule`.

use serde::Deserialize;

use super::Condition;

/// V-ID-1/2 as a field declares it: the identity number, checked for the document type answered
/// in the field `id_type`, with a warning when the birth date it carries is implausible.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResidentIdRule {
    pub id_type: String,
}

/// V-ID-3 as a field declares it: this birth-date (a date field) or gender answer agrees with the
/// identity number in the field `id`, when the document type in `id_type` carries one.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchesIdRule {
    pub id: String,
    pub id_type: String,
}

/// V-PAT as a field declares it: a patent number, or a software-copyright registration number
/// when the row's `kind_field` answer equals `software_value`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatentNumberRule {
    #[serde(default)]
    pub kind_field: Option<String>,
    #[serde(default)]
    pub software_value: Option<String>,
}

/// V-EDU-1 as a field declares it: the diploma number against the answers in the fields `grad`
/// (graduation date), `level` (education level) and `mode` (study mode).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiplomaNumberRule {
    pub grad: String,
    pub level: String,
    pub mode: String,
}

/// V-EDU-3 as a field declares it: this degree against the education level in the field `level`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DegreeMatchesLevelRule {
    pub level: String,
}

/// This date is after (`strict`) or not before the date in the field `field`; the schema may
/// word the message itself.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AfterRule {
    pub field: String,
    #[serde(default)]
    pub strict: bool,
    #[serde(default)]
    pub message: Option<String>,
}

/// This date ends a period that began on the date in the field `start` and must hold at least
/// `min_working_days` working days (official holidays excluded, make-up working days counted).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicityEndRule {
    pub start: String,
    pub min_working_days: u32,
}

/// `years` whole years from this date by the end of the evaluation year, else the schema's message.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinYearsByEvaluationYearRule {
    pub years: i32,
    pub message: String,
}

/// The option `value` cannot be chosen together with another option.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExclusiveOptionRule {
    pub value: String,
}

/// Fails while `fails_when` holds, seen from the field's place, with `code` and `message`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssertRule {
    pub fails_when: Condition,
    pub code: String,
    pub message: String,
}
