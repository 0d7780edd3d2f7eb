//! A short form for tests of the session and its hosts: a name (required), a kind, and one
//! optional material, so that a declaration can be finished, attached to and submitted; and a
//! two-stage status path, so that a sent package can be placed on it.

use std::sync::Arc;

use zhicheng_engine::FormSchema;

pub const SHORT_FORM_ID: &str = "test-short";

const SHORT_FORM: &str = r#"{
  "id": "test-short",
  "version": 1,
  "title": "测试：短表",
  "settings": {
    "draft_summary": { "applicant": "name", "kind": "kind" },
    "status_path": [
      { "id": "declare", "name": "个人申报", "actor": "申报人", "todo": "填写并提交。" },
      { "id": "unit-review", "name": "单位审核", "actor": "用人单位", "todo": "等待单位审核。",
        "outcomes": [{ "id": "failed", "name": "单位审核不通过", "returns": true }] }
    ]
  },
  "steps": [
    {
      "id": "main",
      "title": "基本信息",
      "sections": [
        {
          "id": "who",
          "title": "申报人",
          "fields": [
            { "id": "name", "label": "姓名", "kind": "text", "required": true },
            { "id": "kind", "label": "申报类型", "kind": "text" }
          ]
        }
      ]
    }
  ],
  "materials": [
    { "id": "evidence", "name": "佐证材料", "required": false, "accept": ["pdf", "image"] }
  ]
}"#;

/// The short form, loaded and checked.
pub fn short_form() -> Arc<FormSchema> {
    Arc::new(FormSchema::from_json(SHORT_FORM).expect("the short test form loads"))
}
