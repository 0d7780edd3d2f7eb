//! Folds the full-width forms of ASCII characters, which a Chinese input method types in
//! full-width mode (「１３８」, 「ＺＬ」, 「＠」), back to plain ASCII before a rule reads them.

/// Returns `text` with every full-width ASCII form (U+FF01–U+FF5E) and the ideographic space
/// (U+3000) replaced by its ASCII counterpart; all other characters are kept as they are.
pub(crate) fn fold_full_width(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::check_table;

    #[test]
    fn full_width_forms_become_ascii_and_other_text_is_kept() {
        check_table(
            [
                ("１３８００１３８０００", "13800138000"),
                ("ＺＬ２０２４．８", "ZL2024.8"),
                ("ａｂｃ＠ｑｑ．ｃｏｍ", "abc@qq.com"),
                ("中文\u{3000}保留", "中文 保留"),
                ("", ""),
            ],
            |input| fold_full_width(input),
        );
    }
}
