//! Runs the checks a repeat group declares over all its rows: a thin match from the schema's
//! check to its rule in `rules`, each called the same way ([`GroupRule::check`]).

use crate::path::FieldPath;
use crate::report::Finding;
use crate::rules::{GroupContext, GroupRule};
use crate::schema::Check;
use crate::value::Row;

/// What the declared check finds about a group's rows, each finding at its path.
pub fn run(check: &Check, rows: &[Row], ctx: &GroupContext<'_>) -> Vec<(FieldPath, Finding)> {
    rule_of(check).map(|rule| rule.check(rows, ctx)).unwrap_or_default()
}

/// The rule a check names; `None` for checks on scalar fields, which do nothing on a group.
fn rule_of(check: &Check) -> Option<&dyn GroupRule> {
    Some(match check {
        Check::MaxRowsMatching(rule) => rule,
        Check::RowsMatching(rule) => rule,
        Check::UniqueInRows(rule) => rule,
        Check::ContinuingEducation(rule) => rule,
        Check::ContiguousPeriods(rule) => rule,
        Check::YearsCovered(rule) => rule,
        Check::ResidentId(_)
        | Check::MatchesId(_)
        | Check::OrgCode
        | Check::Phone
        | Check::Email
        | Check::Postcode
        | Check::PatentNumber(_)
        | Check::PublicationNumber
        | Check::DiplomaNumber(_)
        | Check::DegreeMatchesLevel(_)
        | Check::After(_)
        | Check::NotFuture
        | Check::PublicityEnd(_)
        | Check::AchievementDate
        | Check::MinYearsByEvaluationYear(_)
        | Check::ExclusiveOption(_)
        | Check::Assert(_) => return None,
    })
}
