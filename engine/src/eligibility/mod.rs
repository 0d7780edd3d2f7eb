//! 资格自查: whether the answers meet the conditions of the chosen declaration — 学历资历 (§5.8),
//! 资历年限 (§5.6), 初次职称考核认定 (§5.7), 转系列, 继续教育 (§5.9) — each as a [`Verdict`] that
//! names the rule, the dates it used, the earliest date the applicant would qualify and what to
//! consider instead. The rules' tables are the form's data (`settings.eligibility`); one file per
//! check, each with the same signature; this never fails: missing answers give 信息不足.

mod context;
mod continuing_education;
mod initial_recognition;
mod qualification;
mod seniority;
mod transfer;
mod verdict;

#[cfg(test)]
mod test_applicant;

pub use verdict::{DateUsed, Standing, Verdict};

use crate::eval::Evaluator;
use crate::state::FormState;
use context::Context;

/// One check: its verdict on the answers, or `None` when it does not apply to the declaration.
type Check = fn(&Context<'_>) -> Option<Verdict>;

/// The checks, in the order the panel lists them.
const CHECKS: [Check; 5] =
    [qualification::check, seniority::check, initial_recognition::check, transfer::check, continuing_education::check];

/// Every verdict on the answers seen from `evaluator` (hidden answers count as blank); empty when
/// the form has no `settings.eligibility`.
pub fn assess(evaluator: &Evaluator<'_>) -> Vec<Verdict> {
    let Some(settings) = &evaluator.schema.settings.eligibility else { return Vec::new() };
    let ctx = Context::new(*evaluator, &settings.tables, &settings.fields);
    if ctx.kind().is_none() {
        return vec![verdict::declaration_type_missing(&ctx)];
    }
    CHECKS.iter().filter_map(|check| check(&ctx)).collect()
}

impl FormState {
    /// The 资格自查 of the current answers (see [`assess`]).
    pub fn eligibility(&self) -> Vec<Verdict> {
        assess(&self.evaluator())
    }

    /// Whether the form offers the 资格自查 at all.
    pub fn has_eligibility(&self) -> bool {
        self.schema().settings.eligibility.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::test_applicant::Applicant;
    use crate::rules::table::check_table;

    #[test]
    fn each_declaration_gets_the_checks_that_concern_it() {
        let applicant = |kind: &'static str| Applicant {
            answers: vec![("declarationType", kind), ("series", "工程系列"), ("level", "中级")],
            education: Some(("大学本科", "2014-06-30", "全日制")),
            ..Applicant::default()
        };
        let codes =
            |kind: &&'static str| -> Vec<&'static str> { applicant(kind).verdicts().iter().map(|v| v.code).collect() };
        check_table(
            [
                ("", vec!["V-TYPE"]),
                ("普通申报", vec!["V-QUAL", "V-CE"]),
                ("破格申报", vec!["V-QUAL", "V-CE"]),
                ("省外（中央单位）职称确认", vec!["V-QUAL", "V-CE"]),
                ("转系列（专业）申报", vec!["V-TRANSFER", "V-CE"]),
                ("考核认定", vec!["V-REC", "V-CE"]),
            ],
            codes,
        );
        let none = applicant("").verdicts();
        assert_eq!(none[0].missing, ["「申报类型」"]);
    }

    #[test]
    fn odd_answers_never_panic_and_always_give_a_verdict() {
        let odd = [
            "",
            "0",
            "-1",
            "2147483647",
            "99999999999",
            "9999",
            "1000",
            "9999-12-31",
            "0000-01-01",
            "二〇二二",
            "2022-02-30",
        ];
        for text in odd {
            let applicant = |kind: &'static str| Applicant {
                answers: vec![
                    ("declarationType", kind),
                    ("series", "工程系列"),
                    ("level", "副高级"),
                    ("committeeYear", text),
                    ("curQualLevel", "中级"),
                    ("curQualMethod", "评审"),
                    ("curQualEvalYear", text),
                    ("curQualDate", text),
                    ("appointDate", text),
                    ("workStartDate", text),
                ],
                education: Some(("大学本科", text, "全日制")),
                ce: vec![(text, text, text, text)],
                appraisal: vec![(text, text)],
            };
            for kind in ["普通申报", "转系列（专业）申报", "考核认定"] {
                assert!(!applicant(kind).verdicts().is_empty(), "{kind} with {text:?}");
            }
        }
    }
}
