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

/// An error when the text is shorter than `min` characters, saying how much to add; with a
/// `max` as well (个人专业技术工作小结, 1500–2000 字) the message names the whole range.
pub fn check_min_chars(text: &str, min: usize, max: Option<usize>) -> Option<Finding> {
    let count = char_count(text);
    let more = min.saturating_sub(count);
    (count < min).then(|| {
        let message = match max {
            Some(max) => format!("已输入 {count} 字，要求 {min}–{max} 字，请再补充 {more} 字。"),
            None => format!("已输入 {count} 字，至少需要 {min} 字，请再补充 {more} 字。"),
        };
        Finding::error("V-TXT", message)
    })
}

/// The live counter under a text box: 「29/500」 for a maximum alone, as the portals show it;
/// with a minimum it names the requirement, 「已输入 1234 字（要求 1500–2000 字）」.
pub fn counter_text(count: usize, min: Option<usize>, max: Option<usize>) -> Option<String> {
    match (min, max) {
        (None, None) => None,
        (None, Some(max)) => Some(format!("{count}/{max}")),
        (Some(min), Some(max)) => Some(format!("已输入 {count} 字（要求 {min}–{max} 字）")),
        (Some(min), None) => Some(format!("已输入 {count} 字（至少 {min} 字）")),
    }
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

    /// Nothing found when nothing is expected, else an error whose message holds `expected`.
    fn flagged_as(found: &Option<Finding>, expected: Option<&str>) -> Result<(), String> {
        match (expected, found) {
            (None, _) => ensure(found.is_none(), || format!("{found:?}")),
            (Some(message), Some(finding)) => {
                ensure(finding.is_error() && finding.message.contains(message), || format!("{finding:?}"))
            }
            (Some(_), None) => Err("not flagged".to_string()),
        }
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
                let found = max
                    .and_then(|m| check_max_chars(text, m))
                    .or_else(|| min.and_then(|m| check_min_chars(text, m, None)));
                flagged_as(&found, expected)
            },
        );
    }

    #[test]
    fn a_range_says_how_many_characters_are_missing_or_too_many() {
        let text = |n: usize| "字".repeat(n);
        check_cases(
            [
                (1234, Some("已输入 1234 字，要求 1500–2000 字，请再补充 266 字。")),
                (1499, Some("请再补充 1 字")),
                (1500, None),
                (2000, None),
                (2001, Some("已输入 2001 字，超出 2000 字的上限，请删减 1 字。")),
            ],
            |&(length, expected)| {
                let text = text(length);
                let found = check_max_chars(&text, 2000).or_else(|| check_min_chars(&text, 1500, Some(2000)));
                flagged_as(&found, expected)
            },
        );
    }

    #[test]
    fn the_counter_names_the_requirement() {
        check_table(
            [
                ((29, None, Some(500)), Some("29/500".to_string())),
                ((1234, Some(1500), Some(2000)), Some("已输入 1234 字（要求 1500–2000 字）".to_string())),
                ((3, Some(150), None), Some("已输入 3 字（至少 150 字）".to_string())),
                ((3, None, None), None),
            ],
            |&(count, min, max)| counter_text(count, min, max),
        );
    }
}
