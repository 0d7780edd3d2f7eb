//! A planted mistake: where in a persona's draft it sits (a field, a row's field, a repeat group
//! as a whole, or a material), and whether the engine still reports it. The score at 核对信息 is
//! how many of them the trainee has fixed.

use serde::Deserialize;

use crate::materials::checklist;
use crate::path::{FieldPath, RowId};
use crate::schema::{Diagnostic, FormSchema};
use crate::state::FormState;
use crate::value::Answers;

/// One deliberate mistake in a persona's draft.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Planted {
    pub id: String,
    /// What the mistake is, shown once it is found: 「身份证号码校验位错误」.
    pub title: String,
    /// What to notice and how to fix it, shown when the trainee asks.
    pub hint: String,
    /// A top-level field, or the field of a row of `group`.
    #[serde(default)]
    pub field: Option<String>,
    /// A repeat group: as a whole (no `field`), or the row `row` of it.
    #[serde(default)]
    pub group: Option<String>,
    /// The row, counted from 0 in the persona's answers.
    #[serde(default)]
    pub row: Option<usize>,
    /// A required material left without a file.
    #[serde(default)]
    pub material: Option<String>,
    /// Only a finding with this code counts (any finding at the place when absent).
    #[serde(default)]
    pub code: Option<String>,
}

/// Which planted mistakes the trainee has fixed and which the engine still reports.
#[derive(Debug, PartialEq)]
pub struct Score<'a> {
    pub found: Vec<&'a Planted>,
    pub remaining: Vec<&'a Planted>,
}

impl Planted {
    /// Where the engine reports it, for a field or a group (none for a material).
    pub fn path(&self) -> Option<FieldPath> {
        match (&self.group, self.row, &self.field) {
            (Some(group), Some(row), Some(field)) => {
                Some(FieldPath { row: Some((group.clone(), row as RowId + 1)), field: field.clone() })
            }
            (Some(group), None, None) => Some(FieldPath::top(group.clone())),
            (None, None, Some(field)) => Some(FieldPath::top(field.clone())),
            _ => None,
        }
    }

    /// Whether the open form still shows this mistake.
    pub fn is_reported(&self, state: &FormState) -> bool {
        if let Some(material) = &self.material {
            return checklist(&state.evaluator()).iter().any(|m| {
                m.required && m.material.id == *material && state.attachments().get(material).is_none_or(Vec::is_empty)
            });
        }
        let Some(path) = self.path() else { return false };
        let reported =
            state.report().for_path(&path).any(|v| self.code.as_ref().is_none_or(|code| v.code == code.as_str()));
        reported
    }

    /// Problems of where it points, in a persona whose answers are `answers`.
    pub(super) fn check(&self, schema: &FormSchema, answers: &Answers, place: &str, out: &mut Vec<Diagnostic>) {
        let place = format!("{place} 预设错误「{}」", self.id);
        super::bounded(&self.title, "title", 40, &place, out);
        super::bounded(&self.hint, "hint", 300, &place, out);
        if let Some(material) = &self.material {
            if self.field.is_some() || self.group.is_some() || !schema.materials.iter().any(|m| m.id == *material) {
                out.push(Diagnostic::new(&place, format!("表单没有材料「{material}」（材料错误不再写字段）")));
            }
            return;
        }
        if self.path().is_none() {
            out.push(Diagnostic::new(&place, "须写 field；或 group（整组）；或 group、row 和 field；或 material"));
            return;
        }
        if let Some(group) = &self.group {
            let Some(field) = schema.field(group).filter(|f| f.is_group()) else {
                return out.push(Diagnostic::new(&place, format!("表单没有重复组「{group}」")));
            };
            if let Some(child) = &self.field {
                if field.child(child).is_none() {
                    out.push(Diagnostic::new(&place, format!("重复组「{group}」没有字段「{child}」")));
                }
            }
            let rows = answers.get(group).map_or(0, |v| v.as_rows().len());
            if self.row.is_some_and(|row| row >= rows) {
                out.push(Diagnostic::new(&place, format!("重复组「{group}」只有 {rows} 行")));
            }
        } else if let Some(field) = &self.field {
            if schema.field(field).is_none() {
                out.push(Diagnostic::new(&place, format!("表单没有字段「{field}」")));
            }
        }
    }
}

/// The score of `planted` in the open form.
pub fn score<'a>(planted: &'a [Planted], state: &FormState) -> Score<'a> {
    let (remaining, found) = planted.iter().partition(|p| p.is_reported(state));
    Score { found, remaining }
}
