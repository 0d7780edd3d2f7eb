//! Test-only: every text rule must return findings, never panic, whatever is typed or pasted —
//! empty text, lone symbols, multi-byte characters at awkward positions, or very long strings.

use super::{
    credit_code, diploma, email, identity_cross_check, issn, patent, phone, postcode, resident_id, text_length,
};

/// Inputs chosen to hit length checks and byte-slicing at multi-byte boundaries.
fn awkward_inputs() -> Vec<String> {
    let mut inputs: Vec<String> = [
        "",
        " ",
        "-",
        "/",
        ".",
        "@",
        "X",
        "ZL",
        "CN",
        "ISSN",
        "ISBN",
        "SR",
        "+86",
        "0086",
        "\u{3000}",
        "中",
        "😀",
        "ｘ",
        "1674-5中",
        "1234567中",
        "16745中",
        "4401132014100500中",
        "44011320141005001中",
        "9144060573144633X中",
        "ZL2024100559中.8",
        "2023SR中23456",
        "10590120230500012中",
        "ISSN 中-7445",
        "CN 中-1665/R",
        "0755-中",
        "a@b.中",
        "@@",
        "..",
        "\u{0301}\u{0301}",
        "\u{FEFF}13812345678",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for unit in ["9", "中", "X-", "😀", "/ "] {
        inputs.push(unit.repeat(100_000));
    }
    for length in 1..=20 {
        inputs.push("中".repeat(length));
        inputs.push(format!("{}中", "1".repeat(length)));
    }
    inputs
}

#[test]
fn no_text_rule_panics_on_awkward_input() {
    let parsed = resident_id::parse_resident_id("440305199203040039").expect("a valid vector number");
    let id_types = ["居民身份证", "港澳居民居住证", "台湾居民居住证", "外国人永久居留身份证", "护照", ""];
    for input in awkward_inputs() {
        let text = input.as_str();
        let _ = resident_id::parse_resident_id(text);
        for id_type in id_types {
            let _ = resident_id::check_id_for_type(id_type, text);
        }
        let _ = identity_cross_check::check_birth_and_gender(&parsed, Some(text), Some(text));
        let _ = credit_code::check_org_or_credit_code(text);
        let _ = credit_code::check_uscc(text);
        let _ = credit_code::check_org_code(text);
        let _ = phone::check_phone(text);
        let _ = email::check_email(text);
        let _ = postcode::check_postcode(text);
        let _ = postcode::guangdong_postcode_warning(text);
        let _ = patent::check_patent_number(text);
        let _ = patent::check_software_copyright_number(text);
        let _ = issn::check_publication_number(text);
        let _ = diploma::check_diploma_number(text, Some(text), Some(text), Some(text));
        let _ = text_length::check_max_chars(text, 0);
        let _ = text_length::check_min_chars(text, usize::MAX, None);
    }
}
