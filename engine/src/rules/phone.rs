//! V-TEL: a contact number is an 11-digit mainland mobile number (optionally with +86 / 0086) or a
//! landline with area code and optional extension. Matched by hand, without a regex crate.

use super::full_width::fold_full_width;
use super::{answer_text, FieldRule, RuleContext};
use crate::report::Finding;
use crate::value::Value;

/// The number as the rules read it: full-width folded, all spaces removed.
fn normalize_phone(raw: &str) -> String {
    fold_full_width(raw).chars().filter(|c| !c.is_whitespace()).collect()
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// `1[3-9]` followed by 9 more digits.
fn is_bare_mobile(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 11 && all_digits(text) && bytes[0] == b'1' && (b'3'..=b'9').contains(&bytes[1])
}

/// The number without a leading country code (+86, 0086 or 86), when it has one.
fn without_country_code(text: &str) -> Option<&str> {
    ["+86", "0086", "86"].iter().find_map(|prefix| text.strip_prefix(prefix))
}

/// Whether the text is a mainland mobile number: `^(?:\+?86|0086)?1[3-9]\d{9}$` once spaces are removed.
pub fn is_mobile(raw: &str) -> bool {
    let number = normalize_phone(raw);
    is_bare_mobile(&number) || without_country_code(&number).is_some_and(is_bare_mobile)
}

/// An area code: 0 followed by 2 or 3 digits.
fn is_area_code(text: &str) -> bool {
    all_digits(text) && text.starts_with('0') && (3..=4).contains(&text.len())
}

/// A local number: 7 or 8 digits.
fn is_local_number(text: &str) -> bool {
    all_digits(text) && (7..=8).contains(&text.len())
}

/// An area code and local number written together: 0 plus 2–3 digits plus 7–8 digits.
fn is_joined_area_and_local(text: &str) -> bool {
    all_digits(text) && text.starts_with('0') && (10..=12).contains(&text.len())
}

/// An extension: 1 to 6 digits.
fn is_extension(text: &str) -> bool {
    all_digits(text) && text.len() <= 6
}

/// Whether the text is a landline: `^0\d{2,3}-?\d{7,8}(-\d{1,6})?$` once spaces are removed.
fn is_landline(number: &str) -> bool {
    let parts: Vec<&str> = number.split('-').collect();
    match parts.as_slice() {
        [joined] => is_joined_area_and_local(joined),
        [area, local] if is_area_code(area) && is_local_number(local) => true,
        [joined, extension] => is_joined_area_and_local(joined) && is_extension(extension),
        [area, local, extension] => is_area_code(area) && is_local_number(local) && is_extension(extension),
        _ => false,
    }
}

/// Validates a contact number; a blank answer gives nothing (the required check reports it).
pub fn check_phone(raw: &str) -> Vec<Finding> {
    let number = normalize_phone(raw);
    if number.is_empty() || is_mobile(&number) || is_landline(&number) {
        return Vec::new();
    }
    vec![Finding::error("V-TEL", explain_bad_number(&number))]
}

/// The most helpful message for a number that is neither a mobile nor a landline.
fn explain_bad_number(number: &str) -> String {
    let without_hyphens: String = number.chars().filter(|c| *c != '-').collect();
    if is_mobile(&without_hyphens) {
        return "手机号码请连续填写 11 位数字，不要加横线，如 13812345678。".to_string();
    }
    let local = if number.starts_with('+') || number.starts_with("0086") {
        without_country_code(number).unwrap_or(number)
    } else {
        number
    };
    if all_digits(local) && local.starts_with('1') {
        let length = local.len();
        if length != 11 {
            return format!("手机号码应为 11 位数字，您输入了 {length} 位，请核对是否多输或漏输。");
        }
        return format!("「{}」不是有效的手机号段：手机号码第 2 位应为 3–9，请核对。", &local[..3]);
    }
    "请填写 11 位手机号码（如 13812345678），或带区号的固定电话（如 0755-12345678，有分机可写作 0755-12345678-123）。"
        .to_string()
}

/// V-TEL as a field declares it.
#[derive(Clone, Copy, Debug)]
pub struct PhoneRule;

impl FieldRule for PhoneRule {
    fn check(&self, value: &Value, _ctx: &RuleContext<'_>) -> Vec<Finding> {
        check_phone(answer_text(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_and_landline_numbers() {
        let cases = [
            ("13812345678", true),
            ("19012345678", true),
            ("19212345678", true),
            ("19612345678", true),
            ("19712345678", true),
            ("138 1234 5678", true),
            ("+8613812345678", true),
            ("8613812345678", true),
            ("008613812345678", true),
            ("+86 138 1234 5678", true),
            ("１３８１２３４５６７８", true),
            ("0763-3382510", true),
            ("0755-12345678", true),
            ("075512345678", true),
            ("020-1234567", true),
            ("0755-12345678-123456", true),
            ("075512345678-12", true),
            ("12012345678", false),
            ("1381234567", false),
            ("138123456789", false),
            ("138-1234-5678", false),
            ("0755-123456", false),
            ("0755-12345678-1234567", false),
            ("755-12345678", false),
            ("0755--12345678", false),
            ("电话13812345678", false),
            ("+1 650 555 0100", false),
            ("-", false),
        ];
        for (input, valid) in cases {
            let found = check_phone(input);
            assert_eq!(found.is_empty(), valid, "{input}: {found:?}");
            assert!(found.iter().all(|f| f.is_error() && f.code == "V-TEL"), "{input}: {found:?}");
        }
        assert!(check_phone("  ").is_empty(), "a blank answer is the required check's business");
    }

    #[test]
    fn only_mobile_numbers_count_as_mobile() {
        let cases = [
            ("13812345678", true),
            ("+86 19712345678", true),
            ("0755-12345678", false),
            ("12012345678", false),
            ("", false),
        ];
        for (input, expected) in cases {
            assert_eq!(is_mobile(input), expected, "{input}");
        }
    }

    #[test]
    fn messages_point_at_the_likely_mistake() {
        let cases = [
            ("138-1234-5678", "不要加横线"),
            ("1381234567", "您输入了 10 位"),
            ("12012345678", "「120」不是有效的手机号段"),
            ("0755 123", "0755-12345678"),
        ];
        for (input, expected) in cases {
            let found = check_phone(input);
            assert!(found.len() == 1 && found[0].message.contains(expected), "{input}: {found:?}");
        }
    }
}
