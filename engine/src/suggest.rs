//! Suggested texts (`"suggest"` in the schema): the engine writes a proposed wording into an
//! editable field and keeps it up to date until the user writes their own. Only a command moves
//! a suggestion: a draft is opened (and a package rebuilt by a receiver) with its answers as
//! they were stored.

use std::collections::BTreeMap;

use crate::date::Date;
use crate::eval::{Evaluator, RowScope};
use crate::path::FieldPath;
use crate::schema::{Field, FieldKind, FormSchema, Piece, Suggestion};
use crate::value::{Answers, Value};

/// The suggestion of every suggested field that has one under `answers`, by path.
pub type Suggestions = BTreeMap<FieldPath, String>;

/// The text a suggestion gives from `scope`: `None` while a field it names is unanswered.
pub fn text(ev: &Evaluator, suggestion: &Suggestion, scope: Option<RowScope>) -> Option<String> {
    let mut out = String::new();
    for piece in suggestion.pieces() {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Field(name) => {
                let answer = ev.text(scope, name);
                if answer.is_empty() {
                    return None;
                }
                let field = scope.and_then(|s| s.group.child(name)).or_else(|| ev.schema.field(name));
                match Date::parse(answer).filter(|_| field.is_some_and(|f| f.kind == FieldKind::Date)) {
                    Some(date) => out.push_str(&date.chinese()),
                    None => out.push_str(answer),
                }
            }
        }
    }
    Some(out)
}

/// Every suggestion the answers give now, for the fields shown.
pub fn made(schema: &FormSchema, answers: &Answers, today: Date) -> Suggestions {
    let ev = Evaluator::new(schema, answers, today);
    let mut out = Suggestions::new();
    visit(&ev, |path, _, suggestion| {
        if let Some(text) = suggestion {
            out.insert(path, text);
        }
    });
    out
}

/// Brings the shown suggested fields up to date after a change. Where the suggestion changed
/// (its sources did, or the field just appeared, as in a new row), a field that is blank or still
/// holds the suggestion made before the change (`before`) takes the new one; a field holding the
/// user's own text keeps it. Where the suggestion did not change, the field is left alone, so the
/// user may clear it and type afresh.
pub fn follow(schema: &FormSchema, answers: &mut Answers, today: Date, before: &Suggestions) {
    let mut updates = Vec::new();
    {
        let ev = Evaluator::new(schema, answers, today);
        visit(&ev, |path, current, suggestion| {
            let previous = before.get(&path);
            if previous == suggestion.as_ref() {
                return;
            }
            let current = current.and_then(Value::as_text).unwrap_or("");
            if current.trim().is_empty() || previous.is_some_and(|s| s == current) {
                updates.push((path, suggestion));
            }
        });
    }
    for (path, suggestion) in updates {
        let slot = match &path.row {
            None => &mut *answers,
            Some((group, row_id)) => {
                let Some(Value::Rows(rows)) = answers.get_mut(group) else { continue };
                let Some(row) = rows.iter_mut().find(|r| r.id == *row_id) else { continue };
                &mut row.values
            }
        };
        match suggestion {
            Some(text) => slot.insert(path.field.clone(), Value::Text(text)),
            None => slot.remove(&path.field),
        };
    }
}

/// Calls `each` with the path, the current answer and the suggestion of every shown field that
/// has a suggestion, top-level and in every row.
fn visit<'a>(ev: &Evaluator<'a>, mut each: impl FnMut(FieldPath, Option<&'a Value>, Option<String>)) {
    let suggested = |f: &&Field| f.suggest.is_some();
    for (_, field) in ev.schema.fields() {
        if field.is_group() {
            for row in ev.answers.get(&field.id).map(Value::as_rows).unwrap_or(&[]) {
                let scope = RowScope { group: field, row };
                for child in field.fields.iter().filter(suggested).filter(|c| ev.is_visible_in_row(scope, c)) {
                    let Some(suggestion) = &child.suggest else { continue };
                    let path = FieldPath::in_row(&field.id, row.id, &child.id);
                    each(path, row.get(&child.id), text(ev, suggestion, Some(scope)));
                }
            }
        } else if let Some(suggestion) = field.suggest.as_ref().filter(|_| ev.is_visible(&field.id)) {
            each(FieldPath::top(&field.id), ev.answers.get(&field.id), text(ev, suggestion, None));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A form of one suggested field written from a name, a date and a number.
    fn form(fields_extra: &str) -> Result<FormSchema, Vec<crate::schema::Diagnostic>> {
        let json = format!(
            r#"{{"id": "suggest-test", "version": 1, "title": "建议文字",
                "steps": [{{"id": "s", "title": "步骤", "sections": [{{"id": "c", "title": "栏目", "fields": [
                  {{"id": "name", "label": "姓名", "kind": "text"}},
                  {{"id": "day", "label": "日期", "kind": "date"}},
                  {{"id": "count", "label": "人数", "kind": "integer"}},
                  {{"id": "says", "label": "意见", "kind": "textarea",
                    "suggest": {{"template": "【{{name}}】于{{day}}，共{{count}}人。"}}}}
                  {fields_extra}]}}]}}]}}"#
        );
        FormSchema::from_json(&json)
    }

    fn today() -> Date {
        Date::new(2026, 11, 23).unwrap()
    }

    /// Sets one answer as a command does: the suggestions made before the change are followed.
    fn set(schema: &FormSchema, answers: &mut Answers, field: &str, text: &str) {
        let before = made(schema, answers, today());
        answers.insert(field.to_string(), Value::text(text));
        follow(schema, answers, today(), &before);
    }

    fn says(answers: &Answers) -> String {
        answers.get("says").map(Value::display).unwrap_or_default()
    }

    #[test]
    fn a_suggestion_needs_every_field_it_names_and_writes_dates_in_chinese() {
        let schema = form("").expect("the test form loads");
        // (name, day, count, suggestion)
        let cases = [
            ("林一", "2026-11-02", "3", "【林一】于2026年11月02日，共3人。"),
            (" 林一 ", "2026-01-09", "12", "【林一】于2026年01月09日，共12人。"),
            ("林一", "", "3", ""),
            ("", "2026-11-02", "3", ""),
            ("林一", "2026-11-02", "", ""),
        ];
        for (name, day, count, wanted) in cases {
            let mut answers = Answers::new();
            for (field, text) in [("name", name), ("day", day), ("count", count)] {
                set(&schema, &mut answers, field, text);
            }
            assert_eq!(says(&answers), wanted, "{name} {day} {count}");
        }
    }

    #[test]
    fn the_users_own_text_is_kept_and_a_cleared_one_waits_for_a_new_suggestion() {
        let schema = form("").expect("the test form loads");
        let mut answers = Answers::new();
        for (field, text) in [("name", "林一"), ("day", "2026-11-02"), ("count", "3")] {
            set(&schema, &mut answers, field, text);
        }
        set(&schema, &mut answers, "count", "4");
        assert_eq!(says(&answers), "【林一】于2026年11月02日，共4人。", "followed while untouched");
        set(&schema, &mut answers, "says", "另行说明。");
        set(&schema, &mut answers, "count", "5");
        assert_eq!(says(&answers), "另行说明。", "the user's text is kept");
        set(&schema, &mut answers, "says", "");
        assert_eq!(says(&answers), "", "cleared, it stays blank for the user to type");
        set(&schema, &mut answers, "count", "6");
        assert_eq!(says(&answers), "【林一】于2026年11月02日，共6人。", "a blank one takes a new suggestion");
        set(&schema, &mut answers, "day", "");
        assert_eq!(says(&answers), "", "a suggestion without its sources goes");
    }

    #[test]
    fn a_schema_refuses_suggestions_it_cannot_make() {
        let cases = [
            (
                r#", {"id": "x", "label": "X", "kind": "text", "suggest": {"template": "{nobody}"}}"#,
                "不存在的字段「nobody」",
            ),
            (
                r#", {"id": "x", "label": "X", "kind": "select", "options": ["a"], "suggest": {"template": "{name}"}}"#,
                "只用于可编辑的文本字段",
            ),
            (
                r#", {"id": "x", "label": "X", "kind": "text", "compute": {"sum": ["count"]}, "suggest": {"template": "{name}"}}"#,
                "不能与计算",
            ),
        ];
        for (extra, wanted) in cases {
            let problems = form(extra).expect_err(extra);
            assert!(problems.iter().any(|p| p.to_string().contains(wanted)), "{extra}: {problems:?}");
        }
    }
}
