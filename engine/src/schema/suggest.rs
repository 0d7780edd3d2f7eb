//! Suggested texts: a wording the engine proposes for a field that stays editable (the 公示意见
//! written from the applicant's name and the 公示 dates), unlike `compute`, whose values are
//! read-only.

use serde::Deserialize;

/// A text proposed for a text or textarea field, written from other answers:
/// `{"suggest": {"template": "【{name}】同志…公示期是【{preStart}至{preEnd}】。…"}}`.
///
/// Each `{field}` names a field of the same repeat row or a top-level field; a date field is
/// written as YYYY年MM月DD日, any other as its answer. There is a suggestion only while every
/// named field is answered. Whenever the suggestion changes (a named answer changed, or the field
/// appeared, as in a newly imported row), the field takes it if it is blank or still holds the
/// previous suggestion: it follows the answers until the user writes their own text, which is then
/// kept whatever changes later. A field the user cleared stays blank until the suggestion changes
/// again. (`compute` is for values the user may not change.)
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suggestion {
    pub template: String,
}

/// A piece of a template: literal text, or the answer of a named field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Field(&'a str),
}

impl Suggestion {
    /// The template cut into literal text and `{field}` places; an unclosed `{` is literal text.
    pub fn pieces(&self) -> Vec<Piece<'_>> {
        let mut pieces = Vec::new();
        let mut rest = self.template.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
            if open > 0 {
                pieces.push(Piece::Text(&rest[..open]));
            }
            pieces.push(Piece::Field(&rest[open + 1..close]));
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest));
        }
        pieces
    }

    /// Every field the template names, for load-time reference checks.
    pub fn references(&self) -> Vec<&str> {
        self.pieces().into_iter().filter_map(|p| if let Piece::Field(f) = p { Some(f) } else { None }).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_cut_into_text_and_field_places() {
        let cases: [(&str, Vec<Piece>); 4] = [
            ("【{name}】同志", vec![Piece::Text("【"), Piece::Field("name"), Piece::Text("】同志")]),
            ("{a}{b}", vec![Piece::Field("a"), Piece::Field("b")]),
            ("无字段", vec![Piece::Text("无字段")]),
            ("未闭合{name", vec![Piece::Text("未闭合{name")]),
        ];
        for (template, want) in cases {
            let suggestion = Suggestion { template: template.to_string() };
            assert_eq!(suggestion.pieces(), want, "{template}");
        }
        let suggestion = Suggestion { template: "【{name}】{preStart}至{preEnd}".into() };
        assert_eq!(suggestion.references(), ["name", "preStart", "preEnd"]);
    }
}
