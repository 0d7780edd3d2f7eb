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
    use crate::rules::table::{check_cases, check_table, ensure};
    use crate::rules::vectors::{text_of, vector_cases};

    #[test]
    fn the_seed_counters_match_every_shared_vector() {
        check_cases(vector_cases("text_length_counter"), |case| {
            let count = char_count(text_of(case, "text"));
            let expected = case["len_codepoints"].as_u64().expect("len_codepoints") as usize;
            ensure(count == expected, || format!("counted {count}"))?;
            let shown = text_of(case, "shown_in_seed");
            ensure(shown == format!("{count}/500"), || format!("the seed's counter shows {shown}, we count {count}"))
        });
    }

    #[test]
    fn counting_trims_outer_whitespace_only() {
        check_table(
            [("", 0), ("  ", 0), ("\u{3000}公示\u{3000}", 2), (" a b ", 3), ("第一项\n第二项", 7), ("😀", 1)],
            |text| char_count(text),
        );
    }

    #[test]
    fn limits_report_the_difference() {
        check_cases(
            [
                ("一二三四五", Some(5), None, None),
                ("一二三四五六", Some(5), None, Some("已输入 6 字，超出 5 字的上限，请删减 1 字。")),
                ("一二", None, Some(2), None),
                ("一", None, Some(150), Some("已输入 1 字，至少需要 150 字，请再补充 149 字。")),
                ("", None, Some(1), Some("请再补充 1 字")),
            ],
            |&(text, max, min, expected)| {
                let found =
                    max.and_then(|m| check_max_chars(text, m)).or_else(|| min.and_then(|m| check_min_chars(text, m)));
                match (expected, &found) {
                    (None, _) => ensure(found.is_none(), || format!("{found:?}")),
                    (Some(message), Some(finding)) => {
                        ensure(finding.is_error() && finding.message.contains(message), || format!("{finding:?}"))
                    }
                    (Some(_), None) => Err("not flagged".to_string()),
                }
            },
        );
    }
}
