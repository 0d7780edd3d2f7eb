//! V-USCC: 统一社会信用代码 (GB 32100-2015, 18 characters) and the legacy 9-character 组织机构代码
//! (GB 11714-1997) that may stand in for it in 「现参保单位组织机构代码」.

use super::full_width::fold_full_width;
use super::{answer_text, FieldRule, RuleContext};
use crate::report::Finding;
use crate::value::Value;

/// The characters of a credit code (no I, O, Z, S, V); a character's value is its index.
const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Weights of the first 17 characters of a credit code (3^i mod 31).
const CREDIT_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// Weights of the 8 body characters of an organisation code.
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// The code as the rules read it: full-width folded, upper-cased, without spaces and hyphens.
fn normalize_code(raw: &str) -> String {
    fold_full_width(raw).chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect()
}

/// A character's value in the credit-code alphabet.
fn credit_value(c: char) -> Option<u32> {
    ALPHABET.chars().position(|a| a == c).map(|i| i as u32)
}

/// A character's value in an organisation code: digits 0–9, letters A–Z 10–35.
fn org_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' | 'A'..='Z' => c.to_digit(36),
        _ => None,
    }
}

/// The GB 11714 check character of 8 body characters; `None` when one is not a digit or letter.
fn org_check_char(body: &[char]) -> Option<char> {
    let mut sum = 0;
    for (c, w) in body.iter().zip(ORG_WEIGHTS) {
        sum += org_value(*c)? * w;
    }
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10)?,
    })
}

/// Validates an 18-character 统一社会信用代码. Shape and the MOD 31 check are errors; the inner
/// organisation-code check on characters 9–17 is only a warning, as the spec asks.
pub fn check_uscc(raw: &str) -> Vec<Finding> {
    let code = normalize_code(raw);
    let chars: Vec<char> = code.chars().collect();
    if chars.is_empty() {
        return Vec::new();
    }
    match credit_code_error(&chars) {
        Some(message) => vec![Finding::error("V-USCC", message)],
        None => inner_org_code_warning(&chars).into_iter().collect(),
    }
}

/// What is wrong with the shape or check character of a credit code, if anything.
fn credit_code_error(chars: &[char]) -> Option<String> {
    if chars.len() != 18 {
        return Some(format!("统一社会信用代码应为 18 位，您输入了 {} 位，请按营业执照或登记证书核对。", chars.len()));
    }
    let mut values = Vec::with_capacity(18);
    for (index, &c) in chars.iter().enumerate() {
        match credit_value(c) {
            Some(value) => values.push(value),
            None => {
                return Some(format!(
                    "统一社会信用代码第 {} 位「{c}」不是允许的字符：代码只含数字和除 I、O、Z、S、V 以外的大写字母。请核对（常见混淆：字母 O 与数字 0、字母 I 与数字 1）。",
                    index + 1
                ))
            }
        }
    }
    if !matches!(chars[0], '1'..='9' | 'A' | 'N' | 'Y') {
        return Some(format!(
            "统一社会信用代码第 1 位（登记管理部门代码）应为 1–9、A、N 或 Y，现为「{}」，请核对。",
            chars[0]
        ));
    }
    if let Some(c) = chars[2..8].iter().find(|c| !c.is_ascii_digit()) {
        return Some(format!(
            "统一社会信用代码第 3–8 位是登记机关的行政区划码，应为 6 位数字，其中有「{c}」，请核对。"
        ));
    }
    let sum: u32 = values[..17].iter().zip(CREDIT_WEIGHTS).map(|(v, w)| v * w).sum();
    let expected = ALPHABET.chars().nth(((31 - sum % 31) % 31) as usize).unwrap_or('?');
    if chars[17] != expected {
        return Some(format!(
            "统一社会信用代码校验位不正确：按前 17 位计算，最后一位应为 {expected}。请核对代码是否抄错。"
        ));
    }
    None
}

/// The warning when characters 9–17 (the embedded organisation code) fail their own check.
fn inner_org_code_warning(chars: &[char]) -> Option<Finding> {
    let expected = org_check_char(&chars[8..16])?;
    (chars[16] != expected).then(|| {
        Finding::warning(
            "V-USCC",
            format!("统一社会信用代码第 9–17 位（组织机构代码）按国标计算，第 17 位应为 {expected}，与所填不符。代码整体校验已通过，如与营业执照一致可忽略此提示。"),
        )
    })
}

/// Validates a 9-character 组织机构代码, written `XXXXXXXX-C` or without the hyphen. Here the
/// check character is an error, since it is the only check the code has.
pub fn check_org_code(raw: &str) -> Vec<Finding> {
    let chars: Vec<char> = normalize_code(raw).chars().collect();
    if chars.is_empty() {
        return Vec::new();
    }
    if chars.len() != 9 {
        return vec![Finding::error(
            "V-USCC",
            format!(
                "组织机构代码应为 8 位本体代码加 1 位校验码（如 12345678-9），您输入了 {} 位，请核对。",
                chars.len()
            ),
        )];
    }
    if let Some(c) = chars[..8].iter().find(|c| org_value(**c).is_none()) {
        return vec![Finding::error(
            "V-USCC",
            format!("组织机构代码前 8 位只能是数字或大写字母，其中有「{c}」，请核对。"),
        )];
    }
    let Some(expected) = org_check_char(&chars[..8]) else { return Vec::new() };
    if chars[8] != expected {
        return vec![Finding::error(
            "V-USCC",
            format!("组织机构代码校验码不正确：按前 8 位计算，最后一位应为 {expected}。请核对代码是否抄错。"),
        )];
    }
    Vec::new()
}

/// Accepts either an 18-character credit code or a 9-character organisation code (10 with its
/// hyphen), dispatching on the length once spaces and hyphens are removed.
pub fn check_org_or_credit_code(raw: &str) -> Vec<Finding> {
    match normalize_code(raw).chars().count() {
        0 => Vec::new(),
        18 => check_uscc(raw),
        9 => check_org_code(raw),
        length => vec![Finding::error(
            "V-USCC",
            format!("请填写 18 位统一社会信用代码，或 9 位组织机构代码（如 12345678-9）；您输入了 {length} 位（不计空格和横线），请按营业执照核对。"),
        )],
    }
}

/// V-USCC as a field declares it: a credit code or an organisation code, told apart by length.
#[derive(Clone, Copy, Debug)]
pub struct OrgCodeRule;

impl FieldRule for OrgCodeRule {
    fn check(&self, value: &Value, _ctx: &RuleContext<'_>) -> Vec<Finding> {
        check_org_or_credit_code(answer_text(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::{check_cases, ensure};
    use crate::rules::vectors::{text_of, vector_cases};

    #[test]
    fn every_shared_uscc_vector_has_the_expected_validity() {
        check_cases(vector_cases("uscc_GB32100"), |case| {
            let expected_valid = case["expected_valid"].as_bool().expect("expected_valid");
            let found = check_uscc(text_of(case, "input"));
            let valid = !found.iter().any(Finding::is_error);
            ensure(valid == expected_valid, || format!("{found:?}"))?;
            if let (Some(check), Some(false)) = (case["computed_check_char"].as_str(), case["mod31_ok"].as_bool()) {
                let named = found.first().is_some_and(|f| f.message.contains(&format!("应为 {check}")));
                ensure(named, || format!("the check character {check} is not named: {found:?}"))?;
            }
            ensure(!expected_valid || found.is_empty(), || {
                format!("valid vectors also pass the inner check: {found:?}")
            })
        });
    }

    #[test]
    fn credit_code_shapes_and_normalisation() {
        check_cases(
            [
                ("91110000600037341l", None),
                (" 9111 0000-6000 3734 1L ", None),
                ("９１１１００００６０００３７３４１Ｌ", None),
                ("", None),
                ("9111000060003734", Some("您输入了 16 位")),
                ("01110000600037341L", Some("第 1 位")),
                ("911A0000600037341L", Some("第 3–8 位")),
                ("91110000600037341O", Some("第 18 位「O」")),
                ("91110000600037341中", Some("第 18 位「中」")),
            ],
            |&(input, expected)| {
                let found = check_uscc(input);
                match expected {
                    None => ensure(found.is_empty(), || format!("{found:?}")),
                    Some(text) => {
                        ensure(found.len() == 1 && found[0].is_error() && found[0].message.contains(text), || {
                            format!("{found:?}")
                        })
                    }
                }
            },
        );
    }

    #[test]
    fn a_bad_inner_org_check_only_warns() {
        // 91110000600037342X: inner check should be 1; the outer check is recomputed below.
        let body: Vec<char> = "91110000600037342".chars().collect();
        let values: Vec<u32> = body.iter().filter_map(|c| credit_value(*c)).collect();
        let sum: u32 = values.iter().zip(CREDIT_WEIGHTS).map(|(v, w)| v * w).sum();
        let check = ALPHABET.chars().nth(((31 - sum % 31) % 31) as usize).expect("alphabet index");
        let input = format!("91110000600037342{check}");
        let found = check_uscc(&input);
        assert_eq!(found.len(), 1, "{input}: {found:?}");
        assert!(!found[0].is_error() && found[0].message.contains("应为 1"), "{input}: {found:?}");
    }

    #[test]
    fn organisation_codes() {
        check_cases(
            [
                ("60003734-1", true),
                ("600037341", true),
                ("60003734-2", false),
                ("6000373-1", false),
                ("6000373?-1", false),
                ("73144633-X", true),
                ("73144633-x", true),
            ],
            |&(input, valid)| {
                let found = check_org_code(input);
                ensure(found.is_empty() == valid && found.iter().all(Finding::is_error), || format!("{found:?}"))
            },
        );
    }

    #[test]
    fn either_code_is_accepted_by_length() {
        check_cases(
            [
                ("91440300568520498A", true),
                ("56852049-8", true),
                ("568520498", true),
                ("56852049-7", false),
                ("12345", false),
                ("", true),
            ],
            |&(input, valid)| {
                let found = check_org_or_credit_code(input);
                ensure(found.is_empty() == valid, || format!("valid should be {valid}: {found:?}"))
            },
        );
        let wrong_length = check_org_or_credit_code("12345");
        assert!(wrong_length[0].message.contains("18 位统一社会信用代码"), "{wrong_length:?}");
    }
}
