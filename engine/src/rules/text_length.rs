//! V-TXT: text length limits, counted as the source systems count them — Unicode code points
//! after trimming outer whitespace (so 「公示」 is 2 characters, not 6 UTF-8 bytes).

use crate::report::Finding;

/// The number of characters the length limits count.
pub fn char_count(text: &str) -> usize {
    text.trim().chars().count()
}

/// An error when the text is longer than `max` characters, saying how much to cut.
pub fn check_max_chars(text: &str, max: usize) -> Option<Finding> {
    let count = char_count(text);
    (count > max).then(|| {
        Finding::error("V-TXT", format!("已输入 {count} 字，超出 {max} 字的上限，请删减 {} 字。", count - max))
    })
}

/// An error when the text is shorter than `min` characters, saying how much to add.
pub fn check_min_chars(text: &str, min: usize) -> Option<Finding> {
    let count = char_count(text);
    (count < min).then(|| {
        Finding::error("V-TXT", format!("已输入 {count} 字，至少需要 {min} 字，请再补充 {} 字。", min - count))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::vectors::{text_of, vector_cases};

    #[test]
    fn the_seed_counters_match_every_shared_vector() {
        for case in vector_cases("text_length_counter") {
            let text = text_of(&case, "text");
            let expected = case["len_codepoints"].as_u64().expect("len_codepoints") as usize;
            assert_eq!(char_count(text), expected, "{text}");
            let shown = text_of(&case, "shown_in_seed");
            assert_eq!(shown, format!("{}/500", char_count(text)), "the seed's counter for {text}");
        }
    }

    #[test]
    fn counting_trims_outer_whitespace_only() {
        let cases = [("", 0), ("  ", 0), ("\u{3000}公示\u{3000}", 2), (" a b ", 3), ("第一项\n第二项", 7), ("😀", 1)];
        for (text, expected) in cases {
            assert_eq!(char_count(text), expected, "{text:?}");
        }
    }

    #[test]
    fn limits_report_the_difference() {
        let cases = [
            ("一二三四五", Some(5), None, None),
            ("一二三四五六", Some(5), None, Some("已输入 6 字，超出 5 字的上限，请删减 1 字。")),
            ("一二", None, Some(2), None),
            ("一", None, Some(150), Some("已输入 1 字，至少需要 150 字，请再补充 149 字。")),
            ("", None, Some(1), Some("请再补充 1 字")),
        ];
        for (text, max, min, expected) in cases {
            let found =
                max.and_then(|m| check_max_chars(text, m)).or_else(|| min.and_then(|m| check_min_chars(text, m)));
            match expected {
                None => assert!(found.is_none(), "{text}: {found:?}"),
                Some(message) => {
                    let finding = found.unwrap_or_else(|| panic!("{text} should be flagged"));
                    assert!(finding.is_error() && finding.message.contains(message), "{text}: {finding:?}");
                }
            }
        }
    }
}
