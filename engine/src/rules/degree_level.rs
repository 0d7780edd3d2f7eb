//! V-EDU-3: whether a degree (学位) is plausible for an education level (学历层次). Warnings only:
//! the source systems do not cross-check, and unusual combinations exist.

use super::{answer_text, FieldRule, RuleContext};
use crate::report::Finding;
use crate::schema::DegreeMatchesLevelRule;
use crate::value::Value;

/// The degrees a level can normally lead to; `None` when the level is not one this rule knows.
fn plausible_degrees(level: &str) -> Option<&'static [&'static str]> {
    Some(match level {
        "博士研究生" => &["博士", "硕士", "无"],
        "硕士研究生" => &["硕士", "无"],
        "研究生班" | "第二学士学位(双学士)" => &["学士", "硕士", "无"],
        "大学本科" => &["学士", "无"],
        "大学专科(高职)" | "中专(中等职业学校)" | "预备技师(技师)班" | "高级工班" | "中级工班" | "高中" | "初中" => {
            &["无"]
        }
        _ => return None,
    })
}

/// Warns when the degree does not usually go with the level (e.g. 学士 with 博士研究生, as in the
/// seed's demo row).
pub fn check_degree_for_level(degree: &str, level: &str) -> Vec<Finding> {
    let (degree, level) = (degree.trim(), level.trim());
    match plausible_degrees(level) {
        Some(degrees) if !degree.is_empty() && !degrees.contains(&degree) => vec![Finding::warning(
            "V-EDU-3",
            format!("学位「{degree}」与学历层次「{level}」通常不对应，请核对是否选错（学位以学位证书为准）。"),
        )],
        _ => Vec::new(),
    }
}

impl FieldRule for DegreeMatchesLevelRule {
    fn check(&self, value: &Value, ctx: &RuleContext<'_>) -> Vec<Finding> {
        check_degree_for_level(answer_text(value), ctx.answer(&self.level))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::{check_cases, ensure};

    #[test]
    fn implausible_pairs_warn_and_plausible_ones_pass() {
        check_cases(
            [
                ("学士", "博士研究生", true),
                ("博士", "博士研究生", false),
                ("学士", "大学本科", false),
                ("硕士", "大学本科", true),
                ("无", "大学专科(高职)", false),
                ("学士", "大学专科(高职)", true),
                ("学士", "某种未知层次", false),
                ("", "大学本科", false),
            ],
            |&(degree, level, warns)| {
                let found = check_degree_for_level(degree, level);
                let warned = !found.is_empty();
                ensure(warned == warns, || format!("warns should be {warns}: {found:?}"))?;
                ensure(found.iter().all(|f| !f.is_error()), || format!("V-EDU-3 only warns: {found:?}"))
            },
        );
    }
}
