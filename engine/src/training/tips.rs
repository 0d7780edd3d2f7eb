//! Tips beside a form (`public/training/tips/<form>.json`, format `zhicheng.tips` version 1): per
//! step and per field, what is asked and the mistakes applicants make, from the seed guides'
//! 注意事项, in the order the 「下一个提示」 walkthrough follows. Shown in training mode only.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::bounded;
use crate::catalog::is_plain_id;
use crate::schema::{Diagnostic, FormSchema};

pub const TIPS_FORMAT: &str = "zhicheng.tips";
/// A tips file is at most this large.
pub const MAX_TIPS_BYTES: usize = 128 * 1024;
const MAX_TIPS: usize = 200;

/// The tips of one form.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tips {
    pub format: String,
    pub format_version: u32,
    pub form: String,
    pub tips: Vec<Tip>,
}

/// One tip: on a step, or on a field of that step.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tip {
    pub id: String,
    pub step: String,
    #[serde(default)]
    pub field: Option<String>,
    pub title: String,
    pub text: String,
    /// Where it comes from (a seed guide and its passage), for the trainer.
    #[serde(default)]
    pub source: String,
}

impl Tips {
    /// Reads a tips file and checks it against its form: every step and field named exists, and
    /// each field is on its tip's step.
    pub fn from_json(text: &str, schema: &FormSchema) -> Result<Tips, Vec<Diagnostic>> {
        let place = format!("提示文件（{}）", schema.id);
        if text.len() > MAX_TIPS_BYTES {
            return Err(vec![Diagnostic::new(&place, format!("文件超过 {} KB", MAX_TIPS_BYTES / 1024))]);
        }
        let tips: Tips = serde_json::from_str(text)
            .map_err(|e| vec![Diagnostic::new(&place, format!("不是有效的提示文件：{e}"))])?;
        let mut out = Vec::new();
        if tips.format != TIPS_FORMAT || tips.format_version != 1 || tips.form != schema.id {
            out.push(Diagnostic::new(
                &place,
                format!("format 须为「{TIPS_FORMAT}」、format_version 为 1、form 为「{}」", schema.id),
            ));
        }
        if tips.tips.len() > MAX_TIPS {
            out.push(Diagnostic::new(&place, format!("最多 {MAX_TIPS} 条提示")));
        }
        let mut ids = BTreeSet::new();
        for tip in &tips.tips {
            let here = format!("{place} 提示「{}」", tip.id);
            if !is_plain_id(&tip.id) || !ids.insert(tip.id.as_str()) {
                out.push(Diagnostic::new(&here, "id 须由小写字母、数字和连字符组成，且不重复"));
            }
            bounded(&tip.title, "title", 30, &here, &mut out);
            bounded(&tip.text, "text", 400, &here, &mut out);
            let Some(step) = schema.steps.iter().position(|s| s.id == tip.step) else {
                out.push(Diagnostic::new(&here, format!("表单没有步骤「{}」", tip.step)));
                continue;
            };
            if let Some(field) = &tip.field {
                if schema.location(field).is_none_or(|at| at.step != step) {
                    out.push(Diagnostic::new(&here, format!("步骤「{}」没有字段「{field}」", tip.step)));
                }
            }
        }
        if out.is_empty() {
            Ok(tips)
        } else {
            Err(out)
        }
    }

    /// The tips of the step `step_id`, in walkthrough order.
    pub fn of_step<'a>(&'a self, step_id: &'a str) -> impl Iterator<Item = &'a Tip> + 'a {
        self.tips.iter().filter(move |t| t.step == step_id)
    }
}
