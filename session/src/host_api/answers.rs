//! A host's prefilled answers (`setAnswers`), as JSON from the host's page: bounded, shaped into
//! engine values and turned into one `Command::Prefill`, or refused with the reason in Chinese.

use std::collections::BTreeMap;

use serde_json::Value as Json;
use zhicheng_engine::{Command, Value};

/// At most this many answers in one call (a form has far fewer top-level fields).
pub const MAX_PREFILLED: usize = 300;
/// No prefilled text (or choice) is longer than this many characters.
const MAX_CHARS: usize = 10_000;

/// The prefill command for `answers` (an object of field id → text, number, true/false or a
/// list of texts). The engine checks the fields and shapes against the form.
pub fn prefill_command(answers: &Json, locked: bool) -> Result<Command, String> {
    let Json::Object(pairs) = answers else {
        return Err("预填内容应是「字段编号 → 答案」的对象。".to_string());
    };
    if pairs.len() > MAX_PREFILLED {
        return Err(format!("一次最多预填 {MAX_PREFILLED} 项，收到 {} 项。", pairs.len()));
    }
    let mut values = BTreeMap::new();
    for (field, answer) in pairs {
        values.insert(field.clone(), value_of(field, answer)?);
    }
    Ok(Command::Prefill { answers: values, locked })
}

fn value_of(field: &str, answer: &Json) -> Result<Value, String> {
    let bounded = |text: String| {
        if text.chars().count() > MAX_CHARS {
            Err(format!("「{field}」的预填内容超过 {MAX_CHARS} 个字符。"))
        } else {
            Ok(text)
        }
    };
    match answer {
        Json::String(text) => Ok(Value::Text(bounded(text.clone())?)),
        Json::Number(number) => Ok(Value::Text(number.to_string())),
        Json::Bool(flag) => Ok(Value::Bool(*flag)),
        Json::Array(items) if items.len() <= MAX_PREFILLED => items
            .iter()
            .map(|item| match item {
                Json::String(text) => bounded(text.clone()),
                _ => Err(format!("「{field}」的多选答案只能是文字列表。")),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Value::List),
        _ => Err(format!("「{field}」的预填答案应是文字、数字、true/false 或文字列表。")),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn answers_of(command: Command) -> BTreeMap<String, Value> {
        match command {
            Command::Prefill { answers, .. } => answers,
            other => panic!("expected a prefill, got {other:?}"),
        }
    }

    #[test]
    fn json_answers_become_engine_values() {
        let command =
            prefill_command(&json!({"name": "张三", "years": 12, "pledge": true, "areas": ["内科", "外科"]}), true)
                .expect("good answers");
        let answers = answers_of(command.clone());
        assert_eq!(answers["name"], Value::text("张三"));
        assert_eq!(answers["years"], Value::text("12"));
        assert_eq!(answers["pledge"], Value::Bool(true));
        assert_eq!(answers["areas"], Value::List(vec!["内科".into(), "外科".into()]));
        assert!(matches!(command, Command::Prefill { locked: true, .. }));
    }

    #[test]
    fn hostile_or_malformed_answers_are_refused_with_a_reason() {
        let too_many: serde_json::Map<String, Json> =
            (0..=MAX_PREFILLED).map(|i| (format!("f{i}"), json!("x"))).collect();
        let cases = [
            (json!(["张三"]), "对象"),
            (Json::Object(too_many), "一次最多预填"),
            (json!({"name": "长".repeat(MAX_CHARS + 1)}), "超过"),
            (json!({"name": null}), "应是文字"),
            (json!({"name": {"first": "三"}}), "应是文字"),
            (json!({"areas": ["内科", 3]}), "只能是文字列表"),
        ];
        for (answers, expected) in cases {
            let refused = prefill_command(&answers, false).expect_err("a refusal");
            assert!(refused.contains(expected), "{refused}");
        }
    }
}
