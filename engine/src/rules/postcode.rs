//! V-POST: a postal code (邮政编码) is exactly 6 digits; outside 51xxxx/52xxxx it is not a
//! Guangdong code, which is worth a warning when the unit is in Guangdong.

use super::full_width::fold_full_width;
use super::{answer_text, FieldRule, RuleContext};
use crate::report::Finding;
use crate::value::Value;

/// The code as the rules read it: trimmed, full-width digits folded to ASCII.
fn normalize_postcode(raw: &str) -> String {
    fold_full_width(raw.trim())
}

fn is_six_digits(code: &str) -> bool {
    code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())
}

/// Validates a postal code; a blank answer gives nothing (the required check reports it). A
/// leading 0 is allowed, since Inner Mongolia codes start with 01.
pub fn check_postcode(raw: &str) -> Vec<Finding> {
    let code = normalize_postcode(raw);
    if code.is_empty() || is_six_digits(&code) {
        return Vec::new();
    }
    let message = match code.chars().find(|c| !c.is_ascii_digit()) {
        Some(c) => {
            format!("邮政编码只能填写 6 位数字（如深圳 518000），其中有「{c}」，请核对（注意字母 O 与数字 0）。")
        }
        None => format!("邮政编码应为 6 位数字（如深圳 518000），您输入了 {} 位，请核对。", code.len()),
    };
    vec![Finding::error("V-POST", message)]
}

/// A warning for a well-formed code outside Guangdong (whose codes start with 51 or 52).
pub fn guangdong_postcode_warning(raw: &str) -> Option<Finding> {
    let code = normalize_postcode(raw);
    (is_six_digits(&code) && !code.starts_with("51") && !code.starts_with("52")).then(|| {
        Finding::warning(
            "V-POST",
            format!("邮政编码 {code} 不是广东省的邮编（广东邮编以 51 或 52 开头，如深圳 518000、东莞 523000、清远 511500）。如单位在广东省，请核对。"),
        )
    })
}

/// V-POST as a field declares it: six digits, then a warning for a code outside Guangdong.
#[derive(Clone, Copy, Debug)]
pub struct PostcodeRule;

impl FieldRule for PostcodeRule {
    fn check(&self, value: &Value, _ctx: &RuleContext<'_>) -> Vec<Finding> {
        let code = answer_text(value);
        let mut found = check_postcode(code);
        if found.is_empty() {
            found.extend(guangdong_postcode_warning(code));
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::{check_cases, ensure};

    #[test]
    fn six_digits_are_required() {
        check_cases(
            [
                ("518000", true),
                (" 523000 ", true),
                ("010000", true),
                ("", true),
                ("51800", false),
                ("5180000", false),
                ("51800O", false),
                ("５１８０００", true),
                ("邮编518000", false),
            ],
            |&(input, valid)| {
                let found = check_postcode(input);
                ensure(found.is_empty() == valid, || format!("valid should be {valid}: {found:?}"))?;
                ensure(found.iter().all(Finding::is_error), || format!("not errors: {found:?}"))
            },
        );
        check_cases([("51800O", "「O」"), ("51800", "您输入了 5 位")], |&(input, expected)| {
            let found = check_postcode(input);
            ensure(found.first().is_some_and(|f| f.message.contains(expected)), || format!("{found:?}"))
        });
    }

    #[test]
    fn codes_outside_guangdong_warn() {
        check_cases(
            [
                ("518000", false),
                ("523000", false),
                ("511500", false),
                ("100000", true),
                ("010000", true),
                ("5180", false),
                ("", false),
            ],
            |&(input, warns)| {
                let found = guangdong_postcode_warning(input);
                ensure(found.is_some() == warns && found.iter().all(|f| !f.is_error()), || format!("{found:?}"))
            },
        );
    }
}
