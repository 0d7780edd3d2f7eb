//! Checks a field (or a repeat group) declares: which rule of domain.md §5 applies, with its settings.

use serde::Deserialize;

use super::Condition;
use crate::report::Severity;

/// A check with optional overrides: it runs only `when` the condition holds, and the schema may
/// raise or lower its severity (e.g. V-EDU-4 is an error for 考核认定 and a warning otherwise).
/// In JSON: `{"rule": "phone"}` or `{"rule": {"after": {"field": "start"}}, "when": …}`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckSpec {
    pub rule: Check,
    #[serde(default)]
    pub when: Option<Condition>,
    #[serde(default)]
    pub severity: Option<Severity>,
}

/// The closed set of checks. Field names resolve like condition references (same row first).
/// Externally tagged, serde's cheapest enum form to decode (this matters for the bundle size).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// V-ID-1/2: the identity number, validated for the document type chosen in `id_type`.
    ResidentId { id_type: String },
    /// V-ID-3: this birth-date or gender answer agrees with the identity number.
    MatchesId { id: String, id_type: String },
    /// V-USCC: an 18-character 统一社会信用代码 or a 9-character 组织机构代码.
    OrgCode,
    /// V-TEL: a mobile or landline number.
    Phone,
    /// V-MAIL.
    Email,
    /// V-POST: six digits, with a warning outside Guangdong.
    Postcode,
    /// V-PAT: a patent number, or a software-copyright registration number when the row's
    /// `kind_field` answer equals `software_value`.
    PatentNumber { kind_field: Option<String>, software_value: Option<String> },
    /// V-PUB: ISSN, CN or ISBN.
    PublicationNumber,
    /// V-EDU-1: diploma number consistency with the graduation date, level and study mode.
    DiplomaNumber { grad: String, level: String, mode: String },
    /// V-EDU-3: the degree is plausible for the education level.
    DegreeMatchesLevel { level: String },
    /// This date is after (`strict`) or not before the date in `field`.
    After {
        field: String,
        #[serde(default)]
        strict: bool,
        message: Option<String>,
    },
    /// This date is not later than today.
    NotFuture,
    /// V-PUB-1: this date ends a publicity period (评前/评后公示) that began on the date in
    /// `start` and must hold at least `min_working_days` working days (holidays excluded).
    PublicityEnd { start: String, min_working_days: u32 },
    /// V-YRS-3: an achievement date inside the material window of the evaluation year.
    AchievementDate,
    /// At least `years` whole years from this date to Dec 31 of the evaluation year.
    MinYearsByEvaluationYear { years: i32, message: String },
    /// On a group: at most `max` rows whose `field` equals `value` (V-REP-1).
    MaxRowsMatching { field: String, value: String, max: usize, message: String },
    /// On a group: the number of rows whose `field` equals `value` is within bounds (V-EDU-4).
    RowsMatching {
        field: String,
        value: String,
        #[serde(default)]
        min: Option<usize>,
        #[serde(default)]
        max: Option<usize>,
        message: String,
    },
    /// On a group: no two rows share the answer of `field`.
    UniqueInRows { field: String },
    /// On a multi-select: `value` cannot be chosen together with anything else (V-NEG-1).
    ExclusiveOption { value: String },
    /// On a group: each row's hours against the year's quota (V-CE).
    ContinuingEducation { year: String, public: String, professional: String, elective: String },
    /// On a group: periods (start/end fields) should join up without gaps or overlaps (V-WORK-1).
    ContiguousPeriods { start: String, end: String, max_gap_days: i64 },
    /// A rule stated in data: fails while `fails_when` holds, with the schema's code and message.
    Assert { fails_when: Condition, code: String, message: String },
}

impl Check {
    /// Every field name this check reads, for load-time reference checks.
    pub fn references(&self) -> Vec<&str> {
        match self {
            Check::ResidentId { id_type } => vec![id_type],
            Check::MatchesId { id, id_type } => vec![id, id_type],
            Check::PatentNumber { kind_field, .. } => kind_field.iter().map(String::as_str).collect(),
            Check::DiplomaNumber { grad, level, mode } => vec![grad, level, mode],
            Check::DegreeMatchesLevel { level } => vec![level],
            Check::After { field, .. } => vec![field],
            Check::PublicityEnd { start, .. } => vec![start],
            Check::Assert { fails_when, .. } => fails_when.references(),
            Check::OrgCode
            | Check::Phone
            | Check::Email
            | Check::Postcode
            | Check::PublicationNumber
            | Check::NotFuture
            | Check::AchievementDate
            | Check::MinYearsByEvaluationYear { .. }
            | Check::ExclusiveOption { .. } => vec![],
            // Group checks name fields of the group's rows; they are checked separately.
            Check::MaxRowsMatching { .. }
            | Check::RowsMatching { .. }
            | Check::UniqueInRows { .. }
            | Check::ContinuingEducation { .. }
            | Check::ContiguousPeriods { .. } => vec![],
        }
    }

    /// Row-field names a group-level check reads.
    pub fn row_references(&self) -> Vec<&str> {
        match self {
            Check::MaxRowsMatching { field, .. }
            | Check::RowsMatching { field, .. }
            | Check::UniqueInRows { field } => vec![field],
            Check::ContinuingEducation { year, public, professional, elective } => {
                vec![year, public, professional, elective]
            }
            Check::ContiguousPeriods { start, end, .. } => vec![start, end],
            _ => vec![],
        }
    }
}
