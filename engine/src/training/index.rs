//! The training index (`public/training/index.json`, format `zhicheng.training` version 1): the
//! personas offered, in the order the training page lists them, and the tips file of each form.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::catalog::is_plain_id;
use crate::schema::Diagnostic;

pub const INDEX_FORMAT: &str = "zhicheng.training";
const MAX_PERSONAS: usize = 50;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingIndex {
    pub format: String,
    pub format_version: u32,
    pub title: String,
    /// Persona ids: `personas/<id>.json` beside the index.
    pub personas: Vec<String>,
    /// Form id → its tips file, relative to the index (`tips/<form>.json`).
    #[serde(default)]
    pub tips: BTreeMap<String, String>,
}

impl TrainingIndex {
    pub fn from_json(text: &str) -> Result<TrainingIndex, Vec<Diagnostic>> {
        let place = "培训目录 training/index.json";
        let index: TrainingIndex =
            serde_json::from_str(text).map_err(|e| vec![Diagnostic::new(place, format!("不是有效的 JSON：{e}"))])?;
        let mut out = Vec::new();
        if index.format != INDEX_FORMAT || index.format_version != 1 {
            out.push(Diagnostic::new(place, format!("format 须为「{INDEX_FORMAT}」，format_version 须为 1")));
        }
        if index.personas.len() > MAX_PERSONAS || index.personas.iter().any(|id| !is_plain_id(id)) {
            out.push(Diagnostic::new(
                place,
                format!("personas 须是至多 {MAX_PERSONAS} 个角色 id（小写字母、数字、连字符）"),
            ));
        }
        let plain_path = |p: &str| p.split('/').all(|part| !part.is_empty() && part != ".." && part != ".");
        for (form, path) in &index.tips {
            if !is_plain_id(form) || !plain_path(path) || !path.ends_with(".json") {
                out.push(Diagnostic::new(place, format!("提示文件「{form}」→「{path}」不合规")));
            }
        }
        if out.is_empty() {
            Ok(index)
        } else {
            Err(out)
        }
    }
}
