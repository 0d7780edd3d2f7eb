//! V-PAT: Chinese patent numbers (专利号, `ZL` + 12 digits + `.` + check since 2003, 8 digits + check
//! before) and software-copyright registration numbers (软件著作权登记号, e.g. `2023SR0123456`).

use super::full_width::fold_full_width;
use super::{answer_text, FieldRule, RuleContext};
use crate::report::Finding;
use crate::schema::PatentNumberRule;
use crate::value::Value;

/// Weights of the 12 digits of a post-2003 application number.
const WEIGHTS_12: [u32; 12] = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

/// Weights of the 8 digits of a 1985–2003 application number.
const WEIGHTS_8: [u32; 8] = [2, 3, 4, 5, 6, 7, 8, 9];

/// The check characters, indexed by the weighted sum modulo 11.
const CHECK_CHARS: [char; 11] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'];

/// The number as the rules read it: full-width folded, spaces removed, upper-cased, with the
/// Chinese full stop 「。」 read as the decimal point.
fn normalize(raw: &str) -> String {
    fold_full_width(raw)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '。' { '.' } else { c })
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The check character of the application-number digits, for either format.
fn check_char(digits: &[u32]) -> char {
    let weights: &[u32] = if digits.len() == 12 { &WEIGHTS_12 } else { &WEIGHTS_8 };
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    CHECK_CHARS[(sum % 11) as usize]
}

/// The digits and check character of a patent number, or `None` when it does not have the shape
/// of one. The `ZL` (or `CN`) prefix and the decimal point may be left out.
fn split_patent_number(number: &str) -> Option<(Vec<u32>, char)> {
    let body = number.strip_prefix("ZL").or_else(|| number.strip_prefix("CN")).unwrap_or(number);
    let (digits_text, check) = match body.split_once('.') {
        Some((digits, check)) => (digits, check),
        None if body.len() > 1 && body.is_ascii() => body.split_at(body.len() - 1),
        None => return None,
    };
    let mut check_chars = check.chars();
    let (Some(check), None) = (check_chars.next(), check_chars.next()) else { return None };
    let is_digits = digits_text.bytes().all(|b| b.is_ascii_digit());
    if !is_digits || !(check.is_ascii_digit() || check == 'X') || !matches!(digits_text.len(), 8 | 12) {
        return None;
    }
    let digits = digits_text.chars().filter_map(|c| c.to_digit(10)).collect();
    Some((digits, check))
}

/// Validates a patent number: an error when it is not shaped like one, a warning when its check
/// character (or, for new numbers, its type digit) is wrong, since typos are common but some old
/// numbers differ. A blank answer gives nothing.
pub fn check_patent_number(raw: &str) -> Vec<Finding> {
    let number = normalize(raw);
    if number.is_empty() {
        return Vec::new();
    }
    let Some((digits, check)) = split_patent_number(&number) else {
        return vec![Finding::error(
            "V-PAT",
            "专利号格式不正确：应为「ZL」加 12 位数字、小数点和 1 位校验位，如 ZL202410055975.8（2003 年以前申请的专利为 8 位数字加校验位）。请按专利证书填写。",
        )];
    };
    let mut found = Vec::new();
    if digits.len() == 12 && !matches!(digits[4], 1 | 2 | 3 | 8 | 9) {
        found.push(Finding::warning(
            "V-PAT",
            format!("专利号第 5 位表示专利类型（1 发明、2 实用新型、3 外观设计、8/9 PCT 进入中国），现为 {}，请核对专利号。", digits[4]),
        ));
    }
    let expected = check_char(&digits);
    if check != expected {
        found.push(Finding::warning(
            "V-PAT",
            format!(
                "专利号校验位不正确：按前 {} 位数字计算，小数点后应为 {expected}。请核对专利号是否抄错。",
                digits.len()
            ),
        ));
    }
    found
}

/// Warns when a software-copyright registration number is not `YYYYSR` + 6–7 digits. A blank
/// answer gives nothing.
pub fn check_software_copyright_number(raw: &str) -> Vec<Finding> {
    let number = normalize(raw);
    if number.is_empty() || is_software_registration_number(&number) {
        return Vec::new();
    }
    vec![Finding::warning(
        "V-PAT",
        "软件著作权登记号通常形如 2023SR0123456（4 位年份 + SR + 6–7 位数字）。请按登记证书上的「登记号」填写，而不是证书号（软著登字第…号）。",
    )]
}

fn is_software_registration_number(number: &str) -> bool {
    let Some((year, serial)) = number.split_once("SR") else { return false };
    let all_digits = |text: &str| text.bytes().all(|b| b.is_ascii_digit());
    year.len() == 4 && all_digits(year) && (6..=7).contains(&serial.len()) && all_digits(serial)
}

impl FieldRule for PatentNumberRule {
    fn check(&self, value: &Value, ctx: &RuleContext<'_>) -> Vec<Finding> {
        let software = match (&self.kind_field, &self.software_value) {
            (Some(kind), Some(wanted)) => ctx.answer(kind) == wanted,
            _ => false,
        };
        if software {
            check_software_copyright_number(answer_text(value))
        } else {
            check_patent_number(answer_text(value))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::{check_cases, check_table, ensure};
    use crate::rules::vectors::{text_of, vector_cases};

    #[test]
    fn every_shared_patent_vector_has_the_expected_validity() {
        check_cases(vector_cases("cn_patent_number"), |case| {
            let valid = case["valid"].as_bool().expect("valid");
            let found = check_patent_number(text_of(case, "input"));
            ensure(found.is_empty() == valid, || format!("valid should be {valid}: {found:?}"))?;
            ensure(found.iter().all(|f| !f.is_error()), || format!("a wrong check only warns: {found:?}"))?;
            if valid {
                return Ok(());
            }
            let check = text_of(case, "computed_check");
            ensure(found.iter().any(|f| f.message.contains(&format!("应为 {check}"))), || format!("{found:?}"))
        });
    }

    #[test]
    fn prefixes_spacing_and_old_numbers() {
        let old_digits = [9, 8, 1, 2, 3, 4, 5, 6];
        let old_number = format!("ZL98123456.{}", check_char(&old_digits));
        let cases = [
            ("ZL 202410055975.8", None),
            ("zl202410055975.8", None),
            ("CN202410055975.8", None),
            ("202410055975.8", None),
            ("2024100559758", None),
            ("ZL202410055975。8", None),
            ("ＺＬ２０２４１００５５９７５．８", None),
            (old_number.as_str(), None),
            ("", None),
            ("ZL98123456.0", Some(false)),
            ("ZL202450055975.8", Some(false)),
            ("ZL2024100559.8", Some(true)),
            ("ZL202410055975.", Some(true)),
            ("ZL202410055975.88", Some(true)),
            ("专利号待授权", Some(true)),
            ("ZL20241005597A.8", Some(true)),
        ];
        // Nothing when clean; else whether an error (rather than warnings only) was found.
        check_table(cases, |input| {
            let found = check_patent_number(input);
            (!found.is_empty()).then(|| found.iter().any(Finding::is_error))
        });
    }

    #[test]
    fn software_copyright_registration_numbers() {
        let cases = [
            ("2023SR0123456", true),
            ("2019sr123456", true),
            (" 2021SR 1234567 ", true),
            ("", true),
            ("软著登字第1234567号", false),
            ("23SR0123456", false),
            ("2023SR12345", false),
            ("2023SR012345678", false),
            ("2023-SR-0123456", false),
        ];
        check_cases(cases, |&(input, valid)| {
            let found = check_software_copyright_number(input);
            ensure(found.is_empty() == valid && found.iter().all(|f| !f.is_error()), || format!("{found:?}"))
        });
    }
}
