//! Runs the checks a scalar field declares: a thin match from the schema's check to its rule in
//! `rules`, each called the same way ([`FieldRule::check`]).

use crate::report::Finding;
use crate::rules::achievement_date::AchievementDateRule;
use crate::rules::credit_code::OrgCodeRule;
use crate::rules::email::EmailRule;
use crate::rules::issn::PublicationNumberRule;
use crate::rules::not_future::NotFutureRule;
use crate::rules::phone::PhoneRule;
use crate::rules::postcode::PostcodeRule;
use crate::rules::{FieldRule, RuleContext};
use crate::schema::Check;
use crate::value::Value;

/// What the declared check finds about a field's non-blank answer.
pub fn run(check: &Check, value: &Value, ctx: &RuleContext<'_>) -> Vec<Finding> {
    rule_of(check).map(|rule| rule.check(value, ctx)).unwrap_or_default()
}

/// The rule a check names; `None` for group checks, which `group_checks` runs over the rows.
fn rule_of(check: &Check) -> Option<&dyn FieldRule> {
    Some(match check {
        Check::ResidentId(rule) => rule,
        Check::MatchesId(rule) => rule,
        Check::OrgCode => &OrgCodeRule,
        Check::Phone => &PhoneRule,
        Check::Email => &EmailRule,
        Check::Postcode => &PostcodeRule,
        Check::PatentNumber(rule) => rule,
        Check::PublicationNumber => &PublicationNumberRule,
        Check::DiplomaNumber(rule) => rule,
        Check::DegreeMatchesLevel(rule) => rule,
        Check::After(rule) => rule,
        Check::NotFuture => &NotFutureRule,
        Check::PublicityEnd(rule) => rule,
        Check::AchievementDate => &AchievementDateRule,
        Check::MinYearsByEvaluationYear(rule) => rule,
        Check::ExclusiveOption(rule) => rule,
        Check::Assert(rule) => rule,
        Check::MaxRowsMatching { .. }
        | Check::RowsMatching { .. }
        | Check::UniqueInRows { .. }
        | Check::ContinuingEducation { .. }
        | Check::ContiguousPeriods { .. }
        | Check::YearsCovered(_) => return None,
    })
}
