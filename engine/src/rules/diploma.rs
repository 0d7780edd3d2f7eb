//! V-EDU-1: consistency of an 18-digit diploma number (学历证书电子注册号) with the graduation
//! year, education level and study mode. Warnings only: there is no public checksum, and older,
//! 自考, 中专, 技工 and foreign diplomas follow other layouts.

use super::full_width::fold_full_width;
use super::{answer_text, FieldRule, RuleContext};
use crate::date::Date;
use crate::report::Finding;
use crate::schema::DiplomaNumberRule;
use crate::value::Value;

/// The 培养层次 code (digits 11–12) an education level is registered under, when the rule knows it.
fn level_code(edu_level: &str) -> Option<&'static str> {
    let level = edu_level.trim();
    if level.contains("博士") {
        Some("01")
    } else if level.contains("硕士") {
        Some("02")
    } else if level.contains("第二学士") || level.contains("双学士") {
        Some("04")
    } else if level.contains("本科") {
        Some("05")
    } else if level.contains("专科") || level.contains("高职") || level.contains("大专") {
        Some("06")
    } else {
        None
    }
}

/// The education level a 培养层次 code stands for, for messages.
fn level_name(code: &str) -> Option<&'static str> {
    match code {
        "01" => Some("博士研究生"),
        "02" => Some("硕士研究生"),
        "04" => Some("第二学士学位"),
        "05" => Some("大学本科"),
        "06" => Some("大学专科(高职)"),
        _ => None,
    }
}

/// The study modes that go with 办学类型 1 (普通高等教育).
const REGULAR_STUDY_MODES: [&str; 3] = ["全日制", "普通全日制", "非全日制"];

/// Checks a diploma number against the graduation date (any date-like text), education level and
/// study mode, when those are given. A blank number gives nothing.
pub fn check_diploma_number(
    raw: &str,
    grad_date: Option<&str>,
    edu_level: Option<&str>,
    study_mode: Option<&str>,
) -> Vec<Finding> {
    let number: String = fold_full_width(raw).chars().filter(|c| !c.is_whitespace()).collect();
    if number.is_empty() {
        return Vec::new();
    }
    // ASCII letters and digits, CJK ideographs and '-' are fine; anything else is likely a typo.
    // (ASCII and CJK ranges instead of `char::is_alphanumeric`, whose Unicode tables weigh on the bundle.)
    let plausible = |c: &char| c.is_ascii_alphanumeric() || ('\u{4e00}'..='\u{9fff}').contains(c) || *c == '-';
    if let Some(c) = number.chars().find(|c| !plausible(c)) {
        return vec![Finding::warning(
            "V-EDU-1",
            format!(
                "证书编号中有「{c}」：请按毕业证书上的编号填写，一般只含数字（2002 年以后的高校证书为 18 位数字）。"
            ),
        )];
    }
    let is_registered = number.len() == 18 && number.bytes().all(|b| b.is_ascii_digit());
    if !is_registered || !matches!(&number[5..6], "1" | "5" | "7") {
        return Vec::new();
    }
    let mut found = Vec::new();
    let number_year = &number[6..10];
    if let Some(grad) = grad_date.and_then(Date::parse_loose) {
        if number_year != grad.year.to_string() {
            found.push(Finding::warning(
                "V-EDU-1",
                format!("证书编号第 7–10 位表示毕业年份 {number_year} 年，与所填毕业时间 {} 年不一致，请核对证书编号或毕业时间。", grad.year),
            ));
        }
    }
    let number_level = &number[10..12];
    let typed_level = edu_level.map(str::trim).filter(|l| !l.is_empty());
    if let (Some(typed), Some(expected), Some(name)) =
        (typed_level, typed_level.and_then(level_code), level_name(number_level))
    {
        if expected != number_level {
            found.push(Finding::warning(
                "V-EDU-1",
                format!("证书编号第 11–12 位为 {number_level}（{name}），与所填学历层次「{typed}」不一致，请核对证书编号或学历层次。"),
            ));
        }
    }
    let typed_mode = study_mode.map(str::trim).filter(|m| !m.is_empty());
    if let Some(mode) = typed_mode {
        if &number[5..6] == "1" && !REGULAR_STUDY_MODES.contains(&mode) {
            found.push(Finding::warning(
                "V-EDU-1",
                format!("证书编号第 6 位为 1（普通高等教育），学习形式通常为全日制（研究生也可能为非全日制），与所填「{mode}」不一致，请核对。"),
            ));
        }
    }
    found
}

impl FieldRule for DiplomaNumberRule {
    fn check(&self, value: &Value, ctx: &RuleContext<'_>) -> Vec<Finding> {
        let answered = |name: &str| Some(ctx.answer(name)).filter(|text| !text.is_empty());
        check_diploma_number(answer_text(value), answered(&self.grad), answered(&self.level), answered(&self.mode))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::{check_cases, ensure};

    #[test]
    fn registered_numbers_are_compared_with_the_other_answers() {
        let number = "105901202305000123";
        check_cases(
            [
                (number, Some("2023-06-30"), Some("大学本科"), Some("全日制"), 0),
                (number, Some("2023-06"), Some("大学本科"), Some("普通全日制"), 0),
                (number, None, None, None, 0),
                (number, Some("2024-06-30"), Some("大学本科"), Some("全日制"), 1),
                (number, Some("2023-06-30"), Some("硕士研究生"), Some("全日制"), 1),
                (number, Some("2023-06-30"), Some("研究生班"), Some("全日制"), 0),
                (number, Some("2023-06-30"), Some("大学本科"), Some("成人教育"), 1),
                (number, Some("2024-06-30"), Some("大学专科(高职)"), Some("函授"), 3),
                ("105905202305000123", Some("2023-06-30"), Some("大学本科"), Some("函授"), 0),
                ("105901202302000123", Some("2023-06-30"), Some("硕士研究生"), Some("非全日制"), 0),
                ("105906202305000123", Some("2020-06-30"), Some("博士研究生"), Some("自考"), 0),
                ("10590120230500012", Some("2020-06-30"), Some("博士研究生"), Some("自考"), 0),
                ("粤中专字第123号", Some("2020-06-30"), None, None, 0),
                ("", Some("2020-06-30"), None, None, 0),
                ("12345/678", None, None, None, 1),
                ("???", None, None, None, 1),
            ],
            |&(number, grad, level, mode, warnings)| {
                let found = check_diploma_number(number, grad, level, mode);
                ensure(found.len() == warnings, || format!("expected {warnings} warnings: {found:?}"))?;
                ensure(found.iter().all(|f| !f.is_error()), || format!("V-EDU-1 only warns: {found:?}"))
            },
        );
    }

    #[test]
    fn messages_name_the_value_the_number_implies() {
        check_cases(
            [(Some("2024-06-30"), None, "毕业年份 2023 年"), (None, Some("硕士研究生"), "05（大学本科）")],
            |&(grad, level, expected)| {
                let found = check_diploma_number("105901202305000123", grad, level, None);
                ensure(found.len() == 1 && found[0].message.contains(expected), || format!("{found:?}"))
            },
        );
    }
}
