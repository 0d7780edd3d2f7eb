//! Checks a field (or a repeat group) declares: which rule of domain.md §5 applies, with its settings.

use serde::Deserialize;

use super::field_rules::{
    AfterRule, AssertRule, DegreeMatchesLevelRule, DiplomaNumberRule, ExclusiveOptionRule, MatchesIdRule,
    MinYearsByEvaluationYearRule, PatentNumberRule, PublicityEndRule, ResidentIdRule,
};
use super::group_rules::{
    ContiguousPeriodsRule, ContinuingEducationRule, MaxRowsMatchingRule, RowsMatchingRule, UniqueInRowsRule,
    YearsCoveredRule,
};
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
/// Each check holds its rule's settings as plain data (`field_rules.rs`, `group_rules.rs`); what
/// the rule does is in `rules`: a check on a scalar field has the shape of
/// [`crate::rules::FieldRule`], one on a repeat group that of [`crate::rules::GroupRule`].
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// V-ID-1/2: the identity number, validated for the document type chosen in `id_type`.
    ResidentId(ResidentIdRule),
    /// V-ID-3: this birth-date or gender answer agrees with the identity number.
    MatchesId(MatchesIdRule),
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
    PatentNumber(PatentNumberRule),
    /// V-PUB: ISSN, CN or ISBN.
    PublicationNumber,
    /// V-EDU-1: diploma number consistency with the graduation date, level and study mode.
    DiplomaNumber(DiplomaNumberRule),
    /// V-EDU-3: the degree is plausible for the education level.
    DegreeMatchesLevel(DegreeMatchesLevelRule),
    /// This date is after (`strict`) or not before the date in `field`.
    After(AfterRule),
    /// This date is not later than today.
    NotFuture,
    /// V-PUB-1: this date ends a publicity period (评前/评后公示) that began on the date in
    /// `start` and must hold at least `min_working_days` working days (holidays excluded).
    PublicityEnd(PublicityEndRule),
    /// V-YRS-3: an achievement date inside the material window of the evaluation year.
    AchievementDate,
    /// At least `years` whole years from this date to Dec 31 of the evaluation year.
    MinYearsByEvaluationYear(MinYearsByEvaluationYearRule),
    /// On a group: at most `max` rows whose `field` equals `value` (V-REP-1).
    MaxRowsMatching(MaxRowsMatchingRule),
    /// On a group: the number of rows whose `field` equals `value` is within bounds (V-EDU-4).
    RowsMatching(RowsMatchingRule),
    /// On a group: no two rows share the answer of `field`.
    UniqueInRows(UniqueInRowsRule),
    /// On a multi-select: `value` cannot be chosen together with anything else (V-NEG-1).
    ExclusiveOption(ExclusiveOptionRule),
    /// On a group: each row's hours against the year's quota (V-CE).
    ContinuingEducation(ContinuingEducationRule),
    /// On a group: periods (start/end fields) should join up without gaps or overlaps (V-WORK-1).
    ContiguousPeriods(ContiguousPeriodsRule),
    /// On a group: the rows' years cover every year of 资历 (GD 考核信息).
    YearsCovered(YearsCoveredRule),
    /// A rule stated in data: fails while `fails_when` holds, with the schema's code and message.
    Assert(AssertRule),
}

impl Check {
    /// Every field name this check reads, for load-time reference checks.
    pub fn references(&self) -> Vec<&str> {
        match self {
            Check::ResidentId(rule) => vec![&rule.id_type],
            Check::MatchesId(rule) => vec![&rule.id, &rule.id_type],
            Check::PatentNumber(rule) => rule.kind_field.iter().map(String::as_str).collect(),
            Check::DiplomaNumber(rule) => vec![&rule.grad, &rule.level, &rule.mode],
            Check::DegreeMatchesLevel(rule) => vec![&rule.level],
            Check::After(rule) => vec![&rule.field],
            Check::PublicityEnd(rule) => vec![&rule.start],
            Check::Assert(rule) => rule.fails_when.references(),
            Check::OrgCode
            | Check::Phone
            | Check::Email
            | Check::Postcode
            | Check::PublicationNumber
            | Check::NotFuture
            | Check::AchievementDate
            | Check::MinYearsByEvaluationYear(_)
            | Check::ExclusiveOption(_) => vec![],
            // Group checks name fields of the group's rows; they are checked separately.
            Check::MaxRowsMatching(_)
            | Check::RowsMatching(_)
            | Check::UniqueInRows(_)
            | Check::ContinuingEducation(_)
            | Check::ContiguousPeriods(_)
            | Check::YearsCovered(_) => vec![],
        }
    }

    /// Row-field names a group-level check reads.
    pub fn row_references(&self) -> Vec<&str> {
        match self {
            Check::MaxRowsMatching(rule) => vec![&rule.field],
            Check::RowsMatching(rule) => vec![&rule.field],
            Check::UniqueInRows(rule) => vec![&rule.field],
            Check::ContinuingEducation(rule) => vec![&rule.year, &rule.public, &rule.professional, &rule.elective],
            Check::ContiguousPeriods(rule) => vec![&rule.start, &rule.end],
            Check::YearsCovered(rule) => vec![&rule.year],
            _ => vec![],
        }
    }
}
