//! V-PUB: publication numbers of papers and books — ISSN (`1674-7445`), the domestic 国内统一刊号
//! (`CN 44-1665/R`), both together as printed on journals, or an ISBN-13/ISBN-10.

use super::full_width::fold_full_width;
use super::{answer_text, FieldRule, RuleContext};
use crate::report::Finding;
use crate::value::Value;

/// Which number a label in the text announces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    Issn,
    Isbn,
    Cn,
}

/// The labels as they are written, longest first so that `ISSN` is not read as something shorter.
const LABELS: [(&str, Label); 3] = [("ISSN", Label::Issn), ("ISBN", Label::Isbn), ("CN", Label::Cn)];

/// The formats this rule understands, quoted when the text matches none of them.
const EXPECTED_FORMATS: &str =
    "期刊请填写 ISSN（如 1674-7445）和/或国内统一刊号（如 CN 44-1665/R），图书请填写 ISBN（如 978 开头的 13 位书号）";

/// Splits the text into tokens at spaces and the separators people put between ISSN and CN
/// numbers; the `/` inside a CN number also splits, and is put back together by the reader.
fn tokens(raw: &str) -> Vec<String> {
    fold_full_width(raw)
        .to_ascii_uppercase()
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | ',' | ';' | ':' | '、' | '(' | ')'))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// `NN-NNNN`, the region and serial of a CN number.
fn is_cn_serial(token: &str) -> bool {
    matches!(token.split_once('-'), Some((region, serial)) if region.len() == 2 && serial.len() == 4 && all_digits(region) && all_digits(serial))
}

/// A CN classification such as `R` or `TP`.
fn is_cn_class(token: &str) -> bool {
    !token.is_empty() && token.len() <= 4 && token.bytes().all(|b| b.is_ascii_uppercase())
}

/// `NNNN-NNNC` or `NNNNNNNC` with C a digit or X.
fn is_issn_shape(token: &str) -> bool {
    let compact: String = match token.split_once('-') {
        Some((first, second)) if first.len() == 4 => format!("{first}{second}"),
        Some(_) => return false,
        None => token.to_string(),
    };
    compact.len() == 8
        && compact.is_ascii()
        && all_digits(&compact[..7])
        && matches!(compact.as_bytes()[7], b'0'..=b'9' | b'X')
}

/// Whether an unlabelled token is probably meant as an ISSN: four digits and a hyphen.
fn looks_like_issn(token: &str) -> bool {
    matches!(token.split_once('-'), Some((first, _)) if first.len() == 4 && all_digits(first))
}

/// The digits of an ISBN with its hyphens removed, when it has the length of one.
fn isbn_compact(token: &str) -> Option<String> {
    let compact: String = token.chars().filter(|c| *c != '-').collect();
    if !compact.is_ascii() {
        return None;
    }
    let is_isbn13 = compact.len() == 13 && all_digits(&compact);
    let is_isbn10 =
        compact.len() == 10 && all_digits(&compact[..9]) && matches!(compact.as_bytes()[9], b'0'..=b'9' | b'X');
    (is_isbn13 || is_isbn10).then_some(compact)
}

fn digit_values(text: &str) -> Vec<u32> {
    text.chars().filter_map(|c| c.to_digit(10)).collect()
}

/// The check character of an ISSN: `(11 − Σ d[i]·(8−i) mod 11) mod 11`, 10 written X.
fn issn_check_char(first_seven: &str) -> char {
    let sum: u32 = digit_values(first_seven).iter().zip((2..=8).rev()).map(|(d, w)| d * w).sum();
    mod11_char((11 - sum % 11) % 11)
}

/// The check character of an ISBN-10: weights 10…2 on the first nine digits.
fn isbn10_check_char(first_nine: &str) -> char {
    let sum: u32 = digit_values(first_nine).iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
    mod11_char((11 - sum % 11) % 11)
}

/// The check digit of an ISBN-13: weights 1, 3, 1, 3, … modulo 10.
fn isbn13_check_char(first_twelve: &str) -> char {
    let sum: u32 = digit_values(first_twelve).iter().zip([1, 3].iter().cycle()).map(|(d, w)| d * w).sum();
    char::from_digit((10 - sum % 10) % 10, 10).unwrap_or('?')
}

fn mod11_char(value: u32) -> char {
    if value == 10 {
        'X'
    } else {
        char::from_digit(value, 10).unwrap_or('?')
    }
}

/// Validates a publication number. A malformed ISSN is an error; a wrong ISSN or ISBN check
/// character, a malformed CN number and unrecognised text are warnings. Blank gives nothing.
pub fn check_publication_number(raw: &str) -> Vec<Finding> {
    let tokens = tokens(raw);
    let mut found = Vec::new();
    let mut unrecognised = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        let mut token = tokens[index].as_str();
        let mut label = None;
        if let Some((rest, l)) = LABELS.iter().find_map(|(text, l)| token.strip_prefix(text).map(|rest| (rest, *l))) {
            label = Some(l);
            token = rest;
            if token.is_empty() {
                match tokens.get(index + 1) {
                    Some(next) => {
                        index += 1;
                        token = next.as_str();
                    }
                    None => {
                        unrecognised.push(tokens[index].clone());
                        break;
                    }
                }
            }
        }
        let next = tokens.get(index + 1).map(String::as_str);
        index += 1;
        if label == Some(Label::Cn) || (label.is_none() && is_cn_serial(token)) {
            if is_cn_serial(token) && next.is_some_and(is_cn_class) {
                index += 1;
            } else {
                found.push(Finding::warning(
                    "V-PUB",
                    format!("国内统一刊号「CN {token}」格式不完整：应为 CN + 2 位地区号 - 4 位序号 / 分类号，如 CN 44-1665/R。请按期刊版权页核对。"),
                ));
            }
        } else if label == Some(Label::Issn) || (label.is_none() && looks_like_issn(token)) {
            found.extend(check_issn(token));
        } else if let Some(compact) = isbn_compact(token) {
            found.extend(check_isbn(&compact));
        } else if label == Some(Label::Isbn) {
            found.push(Finding::warning(
                "V-PUB",
                format!("ISBN「{token}」位数不对：应为 13 位（978 或 979 开头）或旧版 10 位，请按图书版权页核对。"),
            ));
        } else if label.is_none() && is_issn_shape(token) {
            found.extend(check_issn(token));
        } else {
            unrecognised.push(token.to_string());
        }
    }
    if !unrecognised.is_empty() {
        found.push(Finding::warning(
            "V-PUB",
            format!("未能识别刊号或书号中的「{}」：{EXPECTED_FORMATS}。", unrecognised.join(" ")),
        ));
    }
    found
}

/// An ISSN token: an error when it is not `NNNN-NNNC`, a warning when the check character is wrong.
fn check_issn(token: &str) -> Option<Finding> {
    if !is_issn_shape(token) {
        return Some(Finding::error(
            "V-PUB",
            format!("ISSN「{token}」格式不正确：应为 4 位数字、横线、3 位数字加 1 位校验位（数字或 X），如 1674-7445。请按期刊封面或版权页核对。"),
        ));
    }
    let compact: String = token.chars().filter(|c| *c != '-').collect();
    let expected = issn_check_char(&compact[..7]);
    (compact.as_bytes()[7] != expected as u8).then(|| {
        Finding::warning(
            "V-PUB",
            format!("ISSN 校验位不正确：按前 7 位计算，最后一位应为 {expected}。请核对 ISSN 是否抄错。"),
        )
    })
}

/// An ISBN with hyphens removed: a warning for a 13-digit number outside 978/979 or a wrong check.
fn check_isbn(compact: &str) -> Option<Finding> {
    if compact.len() == 13 && !(compact.starts_with("978") || compact.starts_with("979")) {
        return Some(Finding::warning(
            "V-PUB",
            format!("13 位 ISBN 应以 978 或 979 开头，「{compact}」不是，请按图书版权页核对。"),
        ));
    }
    let (body, last) = compact.split_at(compact.len() - 1);
    let expected = if compact.len() == 13 { isbn13_check_char(body) } else { isbn10_check_char(body) };
    (!last.starts_with(expected)).then(|| {
        Finding::warning(
            "V-PUB",
            format!("ISBN 校验位不正确：按前 {} 位计算，最后一位应为 {expected}。请核对书号是否抄错。", body.len()),
        )
    })
}

/// V-PUB as a field declares it: ISSN, CN or ISBN.
#[derive(Clone, Copy, Debug)]
pub struct PublicationNumberRule;

impl FieldRule for PublicationNumberRule {
    fn check(&self, value: &Value, _ctx: &RuleContext<'_>) -> Vec<Finding> {
        check_publication_number(answer_text(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::{check_cases, check_table, ensure};
    use crate::rules::vectors::{text_of, vector_cases};

    #[test]
    fn every_shared_issn_vector_has_the_expected_validity() {
        check_cases(vector_cases("issn"), |case| {
            let input = text_of(case, "input");
            let valid = case["valid"].as_bool().expect("valid");
            let found = check_publication_number(input);
            ensure(found.is_empty() == valid, || format!("valid should be {valid}: {found:?}"))?;
            ensure(found.iter().all(|f| !f.is_error()), || format!("a wrong check only warns: {found:?}"))?;
            let Some(check) = case["computed_check"].as_str() else { return Ok(()) };
            let corrected = format!("{}{check}", &input[..input.len() - 1]);
            let left = check_publication_number(&corrected);
            ensure(left.is_empty(), || format!("corrected to {corrected}: {left:?}"))
        });
    }

    /// What a case expects: nothing, only warnings, or an error.
    #[derive(Debug, PartialEq)]
    enum Outcome {
        Clean,
        Warns,
        Fails,
    }

    #[test]
    fn the_formats_printed_on_journals_and_books() {
        use Outcome::*;
        let cases = [
            ("1674-7445", Clean),
            ("16747445", Clean),
            ("ISSN 1674-7445", Clean),
            ("ISSN1674-7445", Clean),
            ("issn：１６７４－７４４５", Clean),
            ("CN 44-1665/R", Clean),
            ("CN44-1665/R", Clean),
            ("44-1665/R", Clean),
            ("ISSN 1674-7445/CN 44-1665/R", Clean),
            ("ISSN 1674-7445 CN 44-1665/R", Clean),
            ("ISSN 1674-7445，CN 44-1665/R", Clean),
            ("CN 11-2284/TP", Clean),
            ("0378-5955", Clean),
            ("2434-561X", Clean),
            ("ISBN 978-7-111-54742-6", Clean),
            ("9787111547426", Clean),
            ("ISBN 7-111-07040-2", Clean),
            ("isbn 7-111-07040-x", Warns),
            ("", Clean),
            ("1674-7446", Warns),
            ("ISSN 1674-7445/CN 44-1665", Warns),
            ("CN 441665/R", Warns),
            ("ISBN 978-7-111-54742-7", Warns),
            ("ISBN 12345", Warns),
            ("9771111547426", Warns),
            ("《器官移植》", Warns),
            ("ISSN", Warns),
            ("1674-744", Fails),
            ("ISSN 16747", Fails),
            ("ISSN 1674-744Y", Fails),
        ];
        check_table(cases, |input| {
            let found = check_publication_number(input);
            if found.iter().any(Finding::is_error) {
                Fails
            } else if found.is_empty() {
                Clean
            } else {
                Warns
            }
        });
    }
}
