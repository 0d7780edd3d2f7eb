//! `settings.status_path`: the stages a submitted declaration goes through in its system (个人申报 →
//! 单位审核 → … → 缴费), who acts at each, what the applicant must do there, and the outcomes the
//! system reports (单位审核通过, 单位审核不通过 …), as data. A receiver reports the current stage
//! by id (`stored::package_stage`); `status_progress` turns both into what 我的事项 shows.
//!
//! The stages are a stored format too (the outbox keeps the path a package was sent under), so
//! their types live in `stored::package_stage`; this file checks them at load.
//!
//! The first stage is the applicant's own declaration (its `status` is the word the system shows
//! before sending, e.g. 未送审): once a package is sent it is done, and a package no stage was
//! reported for is at the second stage.

pub use crate::stored::package_stage::{StageOutcome, StatusStage};

use super::{Diagnostic, FormSchema};

pub const MAX_STAGES: usize = 20;
pub const MAX_OUTCOMES: usize = 6;
const MAX_ID: usize = 40;
const MAX_NAME: usize = 30;
const MAX_TODO: usize = 300;

const WHERE: &str = "设置 status_path";

/// Every problem of the form's status path (none when it has none).
pub fn check(schema: &FormSchema, out: &mut Vec<Diagnostic>) {
    let path = &schema.settings.status_path;
    if path.is_empty() {
        return;
    }
    if path.len() < 2 || path.len() > MAX_STAGES {
        out.push(Diagnostic::new(WHERE, format!("须列出 2 到 {MAX_STAGES} 个环节（第一个是申报人自己的申报）")));
    }
    let mut ids = std::collections::BTreeSet::new();
    for stage in path {
        let place = format!("{WHERE} 环节「{}」", stage.id);
        check_id(&stage.id, &place, out);
        if !ids.insert(stage.id.as_str()) {
            out.push(Diagnostic::new(&place, "环节 id 重复"));
        }
        bounded(&stage.name, "name", MAX_NAME, &place, out);
        bounded(&stage.actor, "actor", MAX_NAME, &place, out);
        bounded(&stage.todo, "todo", MAX_TODO, &place, out);
        if let Some(status) = &stage.status {
            bounded(status, "status", MAX_NAME, &place, out);
        }
        if let Some(field) = stage.department_field.as_ref().filter(|f| schema.field(f).is_none()) {
            out.push(Diagnostic::new(&place, format!("department_field「{field}」不是本表单的顶层字段")));
        }
        if stage.outcomes.len() > MAX_OUTCOMES {
            out.push(Diagnostic::new(&place, format!("outcomes 最多 {MAX_OUTCOMES} 项")));
        }
        let mut outcome_ids = std::collections::BTreeSet::new();
        for outcome in &stage.outcomes {
            let place = format!("{place} 结果「{}」", outcome.id);
            check_id(&outcome.id, &place, out);
            if !outcome_ids.insert(outcome.id.as_str()) {
                out.push(Diagnostic::new(&place, "结果 id 重复"));
            }
            bounded(&outcome.name, "name", MAX_NAME, &place, out);
            if let Some(todo) = &outcome.todo {
                bounded(todo, "todo", MAX_TODO, &place, out);
            }
        }
    }
}

fn check_id(id: &str, place: &str, out: &mut Vec<Diagnostic>) {
    let plain = id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if id.is_empty() || id.len() > MAX_ID || !plain {
        out.push(Diagnostic::new(place, format!("id 须为 1 到 {MAX_ID} 个小写字母、数字或「-」")));
    }
}

fn bounded(text: &str, name: &str, max: usize, place: &str, out: &mut Vec<Diagnostic>) {
    let length = text.trim().chars().count();
    if length == 0 || text.chars().count() > max {
        out.push(Diagnostic::new(place, format!("{name} 不能为空，且不超过 {max} 个字")));
    }
}

#[cfg(test)]
mod tests {
    use crate::schema::FormSchema;

    const PATH: &str = r#"[
        {"id": "declare", "name": "个人申报", "actor": "申报人", "todo": "填写并送审。", "status": "未送审"},
        {"id": "unit-review", "name": "单位审核", "actor": "用人单位", "todo": "等待单位审核。",
         "outcomes": [{"id": "passed", "name": "单位审核通过"},
                      {"id": "failed", "name": "单位审核不通过", "returns": true, "todo": "按意见修改后重新送审。"}]}]"#;

    /// The diagnostics of a one-field form whose status path is the sound one above with the
    /// text `from` replaced by `to`.
    fn problems(from: &str, to: &str) -> Vec<String> {
        let path = PATH.replacen(from, to, 1);
        let json = format!(
            r#"{{"id": "t", "version": 1, "title": "t", "settings": {{"status_path": {path}}},
                "steps": [{{"id": "s", "title": "s", "sections": [{{"id": "a", "title": "a", "fields": [
                  {{"id": "name", "label": "姓名", "kind": "text"}}]}}]}}]}}"#
        );
        match FormSchema::from_json(&json) {
            Ok(_) => Vec::new(),
            Err(list) => list.iter().map(|d| d.to_string()).collect(),
        }
    }

    #[test]
    fn a_sound_path_loads_with_its_stages_and_outcomes() {
        assert_eq!(problems("", ""), Vec::<String>::new());
        let json =
            format!(r#"{{"id": "t", "version": 1, "title": "t", "settings": {{"status_path": {PATH}}}, "steps": []}}"#);
        let schema = FormSchema::from_json(&json).unwrap();
        let path = &schema.settings.status_path;
        assert_eq!(path.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["declare", "unit-review"]);
        assert_eq!(path[0].status.as_deref(), Some("未送审"));
        let failed = path[1].outcome("failed").unwrap();
        assert!(failed.returns && !path[1].outcome("passed").unwrap().returns);
    }

    #[test]
    fn each_broken_path_is_named() {
        let long = "长".repeat(301);
        let cases: &[(&str, &str, &str)] = &[
            (r#""id": "unit-review""#, r#""id": "declare""#, "环节 id 重复"),
            (r#""id": "unit-review""#, r#""id": "Unit Review""#, "id 须为 1 到 40 个小写字母"),
            (r#""name": "个人申报""#, r#""name": " ""#, "name 不能为空"),
            (r#""actor": "用人单位""#, r#""actor": """#, "actor 不能为空"),
            (r#""todo": "等待单位审核。""#, &format!(r#""todo": "{long}""#), "todo 不能为空，且不超过 300 个字"),
            (r#""id": "failed""#, r#""id": "passed""#, "结果 id 重复"),
            (r#""name": "单位审核不通过""#, r#""name": """#, "结果「failed」：name 不能为空"),
            (r#""status": "未送审""#, r#""status": """#, "status 不能为空"),
        ];
        for (from, to, expected) in cases {
            let found = problems(from, to);
            assert!(found.iter().any(|p| p.contains(expected)), "{to}: expected 「{expected}」 in {found:?}");
        }
        let unknown = problems(r#""status": "未送审""#, r#""status": "未送审", "colour": "red""#);
        assert!(unknown.iter().any(|p| p.contains("colour")), "an unknown key is refused: {unknown:?}");
    }

    #[test]
    fn a_path_of_one_stage_is_refused() {
        let json = r#"{"id": "t", "version": 1, "title": "t", "settings": {"status_path": [
            {"id": "declare", "name": "个人申报", "actor": "申报人", "todo": "送审。"}]}, "steps": []}"#;
        let found: Vec<String> = FormSchema::from_json(json).unwrap_err().iter().map(|d| d.to_string()).collect();
        assert!(found.iter().any(|p| p.contains("须列出 2 到 20 个环节")), "{found:?}");
    }
}
