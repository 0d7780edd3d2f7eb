//! What a check says: the rule, 符合 / 不符合 / 信息不足 (with the answers missing), a sentence
//! with the dates used, the earliest date the applicant would qualify, and a suggestion.

use super::context::Context;
use crate::date::Date;

/// Where the applicant stands on one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    Meets,
    FallsShort,
    /// Some answers the rule needs are missing; [`Verdict::missing`] names them.
    NeedsAnswers,
}

impl Standing {
    /// The words shown with the verdict.
    pub fn label(self) -> &'static str {
        match self {
            Standing::Meets => "符合",
            Standing::FallsShort => "不符合",
            Standing::NeedsAnswers => "信息不足",
        }
    }
}

/// A date a verdict relied on, with what it is (资历起算, 截至 …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateUsed {
    pub what: String,
    pub date: Date,
}

/// One check's verdict on the answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The rule's code in domain.md §5 (V-QUAL, V-YRS, V-REC, V-TRANSFER, V-CE).
    pub code: &'static str,
    /// The rule's name for the applicant (学历资历条件).
    pub rule: &'static str,
    pub standing: Standing,
    /// The labels of the answers still needed (「毕业时间」), for 信息不足.
    pub missing: Vec<String>,
    /// What was found, with the dates it used, in one or two sentences.
    pub explanation: String,
    pub dates: Vec<DateUsed>,
    /// The earliest date the rule would be met, when it is not met yet.
    pub earliest: Option<Date>,
    /// What the applicant could do instead (破格, 转系列, 考核认定 …).
    pub suggestion: Option<String>,
    /// Where the table behind the verdict comes from (the `source` of its data), when it says.
    pub basis: Option<String>,
}

impl Verdict {
    pub(super) fn new(code: &'static str, rule: &'static str, standing: Standing, explanation: String) -> Verdict {
        Verdict {
            code,
            rule,
            standing,
            missing: Vec::new(),
            explanation,
            dates: Vec::new(),
            earliest: None,
            suggestion: None,
            basis: None,
        }
    }

    /// 信息不足: says which answers the rule needs before it can judge.
    pub(super) fn needs(code: &'static str, rule: &'static str, mut missing: Vec<String>) -> Verdict {
        missing.dedup();
        let list = missing.join("、");
        let explanation = format!("还不能判断是否符合{rule}：请先填写{list}。");
        Verdict { missing, ..Verdict::new(code, rule, Standing::NeedsAnswers, explanation) }
    }

    pub(super) fn with_dates(mut self, dates: impl IntoIterator<Item = (&'static str, Date)>) -> Verdict {
        self.dates.extend(dates.into_iter().map(|(what, date)| DateUsed { what: what.to_string(), date }));
        self
    }

    pub(super) fn earliest(mut self, date: Option<Date>) -> Verdict {
        self.earliest = date;
        self
    }

    pub(super) fn suggest(mut self, suggestion: Option<String>) -> Verdict {
        self.suggestion = suggestion;
        self
    }

    /// Names the data's source, when it gives one.
    pub(super) fn based_on(mut self, source: &str) -> Verdict {
        self.basis = (!source.trim().is_empty()).then(|| source.trim().to_string());
        self
    }
}

/// The one verdict while the 申报类型 is not chosen: every check depends on it.
pub(super) fn declaration_type_missing(ctx: &Context<'_>) -> Verdict {
    Verdict::needs("V-TYPE", "申报条件", vec![ctx.label(&ctx.fields.declaration_type)])
}

/// The common ending of a not-yet-met verdict: when N years are reached, and for which year.
pub(super) fn reached_sentence(years: i32, reached: Date) -> String {
    format!("满 {years} 年之日为 {}，最早可申报 {} 年度评审", reached.iso(), reached.year)
}
