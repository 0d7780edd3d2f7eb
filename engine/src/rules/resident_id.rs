//! V-ID-1 / V-ID-2: 18-character identity numbers (公民身份号码 GB 11643, 港澳台居民居住证,
//! 2023 版外国人永久居留身份证) and the free-text numbers of other documents (护照, 通行证).

use super::full_width::fold_full_width;
use super::{answer_text, FieldRule, RuleContext};
use crate::date::Date;
use crate::report::Finding;
use crate::schema::ResidentIdRule;
use crate::value::Value;

/// Which document an 18-character number belongs to, read from its first digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    /// 居民身份证: starts with a province code.
    Citizen,
    /// 港澳居民居住证: starts with 810000 (Hong Kong) or 820000 (Macau).
    HongKongMacaoPermit,
    /// 台湾居民居住证: starts with 830000.
    TaiwanPermit,
    /// 2023 版外国人永久居留身份证: starts with 9.
    ForeignPermanentResident,
}

impl IdKind {
    /// The document name as the form's 证件类型 options spell it.
    pub fn label(self) -> &'static str {
        match self {
            IdKind::Citizen => "居民身份证",
            IdKind::HongKongMacaoPermit => "港澳居民居住证",
            IdKind::TaiwanPermit => "台湾居民居住证",
            IdKind::ForeignPermanentResident => "外国人永久居留身份证",
        }
    }

    /// How numbers of this kind start, for messages when the number and the chosen type disagree.
    fn how_it_starts(self) -> &'static str {
        match self {
            IdKind::Citizen => "居民身份证号码以省级行政区划代码开头（如广东为 44）",
            IdKind::HongKongMacaoPermit => "港澳居民居住证号码以 810000（香港）或 820000（澳门）开头",
            IdKind::TaiwanPermit => "台湾居民居住证号码以 830000 开头",
            IdKind::ForeignPermanentResident => "2023 版外国人永久居留身份证号码以 9 开头",
        }
    }

    /// The spec's rule code: V-ID-1 for the citizen number, V-ID-2 for permits and cards.
    fn rule_code(self) -> &'static str {
        match self {
            IdKind::Citizen => "V-ID-1",
            _ => "V-ID-2",
        }
    }

    /// The kind a document-type option asks for; `None` for documents without an 18-character number.
    fn for_id_type(id_type: &str) -> Option<IdKind> {
        match id_type.trim() {
            "居民身份证" => Some(IdKind::Citizen),
            "港澳居民居住证" => Some(IdKind::HongKongMacaoPermit),
            "台湾居民居住证" => Some(IdKind::TaiwanPermit),
            "外国人永久居留身份证" => Some(IdKind::ForeignPermanentResident),
            _ => None,
        }
    }

    /// The kind implied by the first digits of a normalised number.
    fn from_prefix(id: &str) -> IdKind {
        if id.starts_with("810000") || id.starts_with("820000") {
            IdKind::HongKongMacaoPermit
        } else if id.starts_with("830000") {
            IdKind::TaiwanPermit
        } else if id.starts_with('9') {
            IdKind::ForeignPermanentResident
        } else {
            IdKind::Citizen
        }
    }
}

/// The holder's gender, from the parity of the 17th digit (odd = male).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    /// The form's option text for this gender.
    pub fn label(self) -> &'static str {
        match self {
            Gender::Male => "男",
            Gender::Female => "女",
        }
    }
}

/// A well-formed 18-character identity number and what it says about its holder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResidentId {
    pub normalized: String,
    pub kind: IdKind,
    pub birth: Date,
    pub gender: Gender,
}

/// ISO 7064 MOD 11-2 weights of the first 17 digits (GB 11643-1999).
const CHECK_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The check character for each remainder of the weighted sum modulo 11.
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The first two digits a citizen number may start with: the province-level codes, plus 81/82/83
/// used by the residence permits of Hong Kong, Macau and Taiwan residents.
const PROVINCE_CODES: &[u32] = &[
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
    64, 65, 71, 81, 82, 83,
];

/// The number as the rules read it: full-width characters folded, all spaces removed, letters
/// upper-cased (so a typed `x` check character counts as `X`).
pub fn normalize_id(raw: &str) -> String {
    fold_full_width(raw).chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect()
}

/// Parses an 18-character number (citizen number, HK/Macau/Taiwan residence permit or 2023 foreign
/// permanent residence card). Every failure is one error saying what is wrong and how to fix it.
pub fn parse_resident_id(raw: &str) -> Result<ResidentId, Finding> {
    let id = normalize_id(raw);
    let kind = IdKind::from_prefix(&id);
    let code = kind.rule_code();
    let chars: Vec<char> = id.chars().collect();
    if chars.is_empty() {
        return Err(Finding::error(code, "请填写证件号码。"));
    }
    if chars.len() != 18 {
        return Err(Finding::error(
            code,
            format!("证件号码应为 18 位，您输入了 {} 位，请核对是否多输或漏输。", chars.len()),
        ));
    }
    if let Some((index, &c)) = chars[..17].iter().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
        return Err(Finding::error(
            code,
            format!("证件号码第 {} 位是「{c}」：前 17 位必须都是数字，只有最后一位可以是 X。请核对号码。", index + 1),
        ));
    }
    let last = chars[17];
    if !(last.is_ascii_digit() || last == 'X') {
        return Err(Finding::error(
            code,
            format!("证件号码最后一位是「{last}」：最后一位只能是数字或 X。请核对号码。"),
        ));
    }
    let digits: Vec<u32> = chars[..17].iter().filter_map(|c| c.to_digit(10)).collect();
    if kind != IdKind::ForeignPermanentResident {
        let province = digits[0] * 10 + digits[1];
        if !PROVINCE_CODES.contains(&province) {
            return Err(Finding::error(
                code,
                format!("证件号码前两位「{province:02}」不是有效的省级行政区划代码（广东为 44），请核对号码。"),
            ));
        }
    }
    let birth_text: String = chars[6..14].iter().collect();
    let Some(birth) = Date::parse_compact(&birth_text) else {
        return Err(Finding::error(
            code,
            format!("证件号码第 7–14 位表示出生日期，「{birth_text}」不是有效日期，请核对号码。"),
        ));
    };
    let expected = expected_check_char(&digits);
    if last != expected {
        return Err(Finding::error(
            code,
            format!("证件号码校验位不正确：按前17位计算，最后一位应为 {expected}。请核对号码是否抄错。"),
        ));
    }
    let gender = if digits[16] % 2 == 1 { Gender::Male } else { Gender::Female };
    Ok(ResidentId { normalized: id, kind, birth, gender })
}

/// The MOD 11-2 check character of the first 17 digits.
fn expected_check_char(digits: &[u32]) -> char {
    let sum: u32 = digits.iter().zip(CHECK_WEIGHTS).map(|(d, w)| d * w).sum();
    CHECK_CHARS[(sum % 11) as usize]
}

/// Warnings about a well-formed number whose birth date is implausible for an applicant: born
/// before 1900, or aged outside 16–75 on `today`. County codes are never checked: historic codes
/// are legitimately carried for life.
pub fn resident_id_warnings(id: &ResidentId, today: Date) -> Vec<Finding> {
    let code = id.kind.rule_code();
    let birth = id.birth.chinese();
    if id.birth.year < 1900 {
        return vec![Finding::warning(
            code,
            format!("按证件号码，出生日期为 {birth}，早于 1900 年，请核对号码是否填错。"),
        )];
    }
    if id.birth > today {
        return vec![Finding::warning(code, format!("按证件号码，出生日期为 {birth}，晚于今天，请核对号码是否填错。"))];
    }
    let age = id.birth.whole_years_until(today);
    if !(16..=75).contains(&age) {
        return vec![Finding::warning(
            code,
            format!("按证件号码，出生日期为 {birth}，现年 {age} 周岁，不在通常申报职称的 16–75 周岁之间，请核对号码是否填错。"),
        )];
    }
    Vec::new()
}

/// Validates a number against the chosen document type (证件类型). The four 18-character types
/// must parse and match the kind their prefix implies; any other type (护照, 通行证, …) takes
/// 5–20 letters or digits. A blank number gives nothing: the required check reports it.
pub fn check_id_for_type(id_type: &str, raw: &str) -> Vec<Finding> {
    if normalize_id(raw).is_empty() {
        return Vec::new();
    }
    let Some(wanted) = IdKind::for_id_type(id_type) else {
        return check_free_text_number(raw).into_iter().collect();
    };
    match parse_resident_id(raw) {
        Err(mut finding) => {
            finding.code = wanted.rule_code().into();
            vec![finding]
        }
        Ok(id) if id.kind != wanted => vec![Finding::error(
            wanted.rule_code(),
            format!(
                "该号码是{}号码，与所选证件类型「{}」不符：{}。请改选证件类型，或核对号码。",
                id.kind.label(),
                wanted.label(),
                wanted.how_it_starts()
            ),
        )],
        Ok(_) => Vec::new(),
    }
}

/// Passport and travel-permit numbers: 5–20 characters, letters and digits only.
fn check_free_text_number(raw: &str) -> Option<Finding> {
    let id = normalize_id(raw);
    if let Some(c) = id.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Some(Finding::error(
            "V-ID-2",
            format!("证件号码中有「{c}」：只能填写英文字母和数字，不要加横线、括号等符号。请按证件上的号码填写。"),
        ));
    }
    let length = id.chars().count();
    if !(5..=20).contains(&length) {
        return Some(Finding::error(
            "V-ID-2",
            format!("证件号码应为 5–20 位字母或数字，您输入了 {length} 位，请核对。"),
        ));
    }
    None
}

/// Whether numbers of this document type carry a birth date and gender (the four 18-character types).
pub fn id_type_has_birth_data(id_type: &str) -> bool {
    IdKind::for_id_type(id_type).is_some()
}

impl FieldRule for ResidentIdRule {
    fn check(&self, value: &Value, ctx: &RuleContext<'_>) -> Vec<Finding> {
        let id_type = ctx.answer(&self.id_type);
        if id_type.is_empty() {
            return vec![Finding::error("V-ID-1", "请先选择证件类型，再填写证件号码。")];
        }
        let number = answer_text(value);
        let mut found = check_id_for_type(id_type, number);
        if found.is_empty() && id_type_has_birth_data(id_type) {
            if let Ok(id) = parse_resident_id(number) {
                found.extend(resident_id_warnings(&id, ctx.today()));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::{check_cases, check_table, ensure};
    use crate::rules::vectors::{text_of, vector_cases};

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|| panic!("bad test date {text}"))
    }

    #[test]
    fn every_shared_resident_id_vector_parses_as_expected() {
        check_cases(vector_cases("resident_id_GB11643"), |case| {
            let expected_valid = case["expected_valid"].as_bool().expect("expected_valid");
            let parsed = parse_resident_id(text_of(case, "input"));
            ensure(parsed.is_ok() == expected_valid, || format!("{parsed:?}"))?;
            let wrong_check = (case["computed_check_digit"].as_str(), case["checksum_ok"].as_bool());
            if let (Err(finding), (Some(check), Some(false))) = (&parsed, wrong_check) {
                ensure(finding.message.contains(&format!("应为 {check}")), || finding.message.clone())?;
            }
            let Ok(id) = &parsed else { return Ok(()) };
            ensure(id.kind == IdKind::Citizen, || format!("{:?}", id.kind))?;
            let birth = case["birth"].as_str().map(date);
            ensure(birth.is_none_or(|birth| id.birth == birth), || format!("born {}", id.birth))?;
            let gender = case["gender"].as_str();
            ensure(gender.is_none_or(|gender| id.gender.label() == gender), || format!("{:?}", id.gender))
        });
    }

    #[test]
    fn failures_say_what_is_wrong() {
        let cases = [
            ("12345", "您输入了 5 位"),
            ("36042619910102009X", "最后一位应为 3"),
            ("360426199113010079", "「19911301」不是有效日期"),
            ("T60426199101010078", "第 1 位是「T」"),
            ("36042619910101007Y", "最后一位是「Y」"),
            ("000426199101010071", "前两位「00」"),
            ("", "请填写证件号码"),
            ("证件号码还没想好证件号码还没想好证件", "第 1 位是「证」"),
        ];
        check_cases(cases, |&(input, expected)| match parse_resident_id(input) {
            Err(finding) => ensure(finding.is_error() && finding.message.contains(expected), || finding.message),
            Ok(id) => Err(format!("parsed as {id:?}")),
        });
    }

    #[test]
    fn normalisation_folds_case_spaces_and_full_width_digits() {
        let cases = [
            (" 4401 1320 1410 05001x ", "44011320141005001X"),
            ("４４０１１３２０１４１００５００１ｘ", "44011320141005001X"),
            ("", ""),
        ];
        check_table(cases, |raw| normalize_id(raw));
    }

    #[test]
    fn kinds_follow_the_prefix() {
        // Check characters computed with the GB 11643 weights for these synthetic numbers.
        let cases = [
            ("440305199203040039", IdKind::Citizen),
            (&with_check("81000019900101001"), IdKind::HongKongMacaoPermit),
            (&with_check("82000019900101002"), IdKind::HongKongMacaoPermit),
            (&with_check("83000019900101003"), IdKind::TaiwanPermit),
            (&with_check("94415619900101001"), IdKind::ForeignPermanentResident),
        ];
        check_table(cases.map(|(input, kind)| (input, Some(kind))), |input| {
            parse_resident_id(input).map(|id| id.kind).ok()
        });
    }

    /// Appends the correct check character to 17 digits.
    fn with_check(first17: &str) -> String {
        let digits: Vec<u32> = first17.chars().filter_map(|c| c.to_digit(10)).collect();
        format!("{first17}{}", expected_check_char(&digits))
    }

    #[test]
    fn the_chosen_type_must_match_the_number() {
        let hong_kong = with_check("81000019900101001");
        let foreign = with_check("94415619900101001");
        let cases = [
            ("居民身份证", "440305199203040039", None),
            ("居民身份证", "440305199203040038", Some("V-ID-1")),
            ("港澳居民居住证", "440305199203040039", Some("V-ID-2")),
            ("港澳居民居住证", hong_kong.as_str(), None),
            ("居民身份证", hong_kong.as_str(), Some("V-ID-1")),
            ("台湾居民居住证", hong_kong.as_str(), Some("V-ID-2")),
            ("外国人永久居留身份证", foreign.as_str(), None),
            ("外国人永久居留身份证", "12345", Some("V-ID-2")),
            ("护照", "E12345678", None),
            ("护照", "e1234 5678", None),
            ("港澳居民来往内地通行证", "H1234567890", None),
            ("台湾居民来往大陆通行证", "1234", Some("V-ID-2")),
            ("护照", "E1234-5678", Some("V-ID-2")),
            ("护照", "护照号码", Some("V-ID-2")),
            ("护照", &"A".repeat(21), Some("V-ID-2")),
            ("居民身份证", "   ", None),
        ];
        check_cases(cases, |&(id_type, raw, expected_code)| {
            let found = check_id_for_type(id_type, raw);
            let codes: Vec<&str> = found.iter().map(|f| f.code.as_ref()).collect();
            ensure(codes == Vec::from_iter(expected_code), || format!("{found:?}"))?;
            ensure(found.iter().all(Finding::is_error), || format!("not errors: {found:?}"))
        });
        let mismatch = check_id_for_type("港澳居民居住证", "440305199203040039");
        let message = &mismatch[0].message;
        assert!(message.contains("810000") && message.contains("820000"), "the message names both prefixes: {message}");
    }

    #[test]
    fn implausible_ages_warn() {
        let today = date("2025-06-01");
        let cases = [
            ("440305199203040039", false),
            ("110101202311012176", true),
            (&with_check("44030518991231001"), true),
            (&with_check("44030519400101001"), true),
            (&with_check("44030520300101001"), true),
            (&with_check("44030520090601001"), false),
        ];
        check_cases(cases, |&(input, warns)| {
            let id = parse_resident_id(input).map_err(|f| f.message)?;
            let found = resident_id_warnings(&id, today);
            let warned = !found.is_empty();
            ensure(warned == warns && found.iter().all(|f| !f.is_error()), || format!("{found:?}"))
        });
    }

    #[test]
    fn only_the_four_eighteen_character_types_carry_birth_data() {
        let cases = [
            ("居民身份证", true),
            ("港澳居民居住证", true),
            ("台湾居民居住证", true),
            ("外国人永久居留身份证", true),
            ("护照", false),
            ("港澳居民来往内地通行证", false),
            ("", false),
        ];
        check_table(cases, |id_type| id_type_has_birth_data(id_type));
    }
}
