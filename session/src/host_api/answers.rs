//! A host's prefilled answers (`setAnswers`), as the host's page gave them (decoded by shape into
//! engine values: texts, true/false, lists of texts): bounded and turned into one
//! `Command::Prefill`, or refused with the reason in Chinese. The engine checks fields and shapes.

use std::collections::BTreeMap;

use zhicheng_engine::{Command, Value};

/// At most this many answers in one call (a form has far fewer top-level fields).
pub const MAX_PREFILLED: usize = 300;
/// No prefilled text (or choice) is longer than this many characters.
const MAX_CHARS: usize = 10_000;

/// The prefill command for `answers` (field id → answer), or why it is refused.
pub fn prefill_command(answers: BTreeMap<String, Value>, locked: bool) -> Result<Command, String> {
    if answers.len() > MAX_PREFILLED {
        return Err(format!("一次最多预填 {MAX_PREFILLED} 项，收到 {} 项。", answers.len()));
    }
    for (field, answer) in &answers {
        let texts: Vec<&str> = match answer {
            Value::Text(text) => vec![text],
            Value::List(items) => items.iter().map(String::as_str).collect(),
            Value::Bool(_) => Vec::new(),
            Value::Rows(_) => return Err(format!("「{field}」不能预填多条记录。")),
        };
        if texts.len() > MAX_PREFILLED || texts.iter().any(|t| t.chars().count() > MAX_CHARS) {
            return Err(format!("「{field}」的预填内容过长（每项最多 {MAX_CHARS} 个字符）。"));
        }
    }
    Ok(Command::Prefill { answers, locked })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: Vec<(&str, Value)>) -> BTreeMap<String, Value> {
        pairs.into_iter().map(|(id, value)| (id.to_string(), value)).collect()
    }

    #[test]
    fn bounded_answers_become_one_prefill() {
        let given = answers(vec![("name", Value::text("张三")), ("pledge", Value::Bool(true))]);
        let command = prefill_command(given.clone(), true).expect("good answers");
        assert_eq!(command, Command::Prefill { answers: given, locked: true });
    }

    #[test]
    fn too_many_too_long_or_rows_are_refused_with_a_reason() {
        let too_many = (0..=MAX_PREFILLED).map(|i| (format!("f{i}"), Value::text("x"))).collect();
        let cases = [
            (too_many, "一次最多预填"),
            (answers(vec![("name", Value::text("长".repeat(MAX_CHARS + 1)))]), "过长"),
            (answers(vec![("areas", Value::List(vec!["长".repeat(MAX_CHARS + 1)]))]), "过长"),
            (answers(vec![("jobs", Value::Rows(Vec::new()))]), "多条记录"),
        ];
        for (given, expected) in cases {
            let refused = prefill_command(given, false).expect_err("a refusal");
            assert!(refused.contains(expected), "{refused}");
        }
    }
}
