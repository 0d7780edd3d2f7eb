//! V-TXT-CHR: text holds only characters a person can see and type. Control characters (NUL and
//! the rest of C0 and C1, DEL) and the bidirectional overrides and isolates (U+202A–U+202E,
//! U+2066–U+2069), which make a name or a file name read differently from what is stored, are
//! refused everywhere; a multi-line answer may keep its line breaks and tabs. The client and the
//! receiver run the same rule, so neither stores what the other would refuse.

use crate::report::Finding;

/// The first character of `text` that plain text may not hold, if there is one.
pub fn forbidden_char(text: &str, multiline: bool) -> Option<char> {
    text.chars().find(|&c| is_forbidden(c, multiline))
}

fn is_forbidden(c: char, multiline: bool) -> bool {
    let line_break_or_tab = matches!(c, '\n' | '\r' | '\t');
    let bidi_control = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    (c.is_control() && !(multiline && line_break_or_tab)) || bidi_control
}

/// Why a character may not be stored, in the applicant's words, naming it by its code point
/// (it cannot be seen, so it cannot be quoted).
pub fn describe(c: char) -> String {
    let what = if matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
        "改变文字方向的控制字符"
    } else if matches!(c, '\n' | '\r' | '\t') {
        "换行或制表符（此项只能填一行）"
    } else {
        "不可见的控制字符"
    };
    format!("含有{what}（U+{:04X}）", c as u32)
}

/// An error when `text` holds a character plain text may not hold.
pub fn check_plain_text(text: &str, multiline: bool) -> Option<Finding> {
    forbidden_char(text, multiline)
        .map(|c| Finding::error("V-TXT-CHR", format!("{}，通常是从别处复制时带入的，请删除后重新输入。", describe(c))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::check_table;

    #[test]
    fn visible_text_passes_and_hidden_controls_are_named() {
        check_table(
            [
                (("张三", false), None),
                (("深圳市 南山区\u{3000}科技园", false), None),
                (("第一项\n第二项\r\n\t第三项", true), None),
                (("第一项\n第二项", false), Some('\n')),
                (("张\u{0}三", true), Some('\u{0}')),
                (("张\u{7}三", true), Some('\u{7}')),
                (("张\u{7f}三", true), Some('\u{7f}')),
                (("张\u{85}三", true), Some('\u{85}')),
                (("invoice\u{202E}fdp.exe", false), Some('\u{202E}')),
                (("\u{2066}张三\u{2069}", true), Some('\u{2066}')),
                (("😀 emoji 与 ｆｕｌｌ－ｗｉｄｔｈ", false), None),
            ],
            |(text, multiline)| forbidden_char(text, *multiline),
        );
    }

    #[test]
    fn the_message_names_the_character_by_its_code_point() {
        let finding = check_plain_text("a\u{202E}b", true).expect("refused");
        assert!(finding.is_error());
        assert!(finding.message.contains("改变文字方向的控制字符（U+202E）"), "{}", finding.message);
        let finding = check_plain_text("a\u{0}b", false).expect("refused");
        assert!(finding.message.contains("不可见的控制字符（U+0000）"), "{}", finding.message);
    }
}
