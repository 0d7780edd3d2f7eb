//! The rehearsal's script: what the simulated receiver says, step by step, each time the trainee
//! asks for 进度 — 退回 with a reason, 审核通过, 公示 … — first for the declaration as sent, then,
//! after the `resubmitted` marker, for the corrected one sent again. After the last step the
//! package is 办结.

use serde::Deserialize;

use crate::schema::{Diagnostic, FormSchema};

/// One step of the script as written: a stage of the form's status path with its outcome and
/// opinion, or the marker between the first package and the resubmitted one.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptStep {
    #[serde(default)]
    pub stage: Option<String>,
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub opinion: Option<String>,
    #[serde(default)]
    pub resubmitted: bool,
}

/// The steps for a persona's packages: the first one sent, and every one sent after it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Script {
    pub first: Vec<Stage>,
    pub resubmitted: Vec<Stage>,
}

/// A stage the simulated receiver reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Stage {
    pub id: String,
    pub outcome: Option<String>,
    pub opinion: Option<String>,
    /// Whether the outcome returns the declaration to the applicant (退回).
    pub returns: bool,
}

/// At most this many steps.
pub const MAX_STEPS: usize = 40;

impl Script {
    /// The script of `steps` on `schema`'s status path, or what is wrong with it.
    pub fn of(steps: &[ScriptStep], schema: &FormSchema, place: &str, out: &mut Vec<Diagnostic>) -> Script {
        let mut script = Script::default();
        let mut after_marker = false;
        if steps.len() > MAX_STEPS {
            out.push(Diagnostic::new(place, format!("script 最多 {MAX_STEPS} 步")));
        }
        for (index, step) in steps.iter().enumerate().take(MAX_STEPS) {
            let here = format!("{place} script 第 {} 步", index + 1);
            if step.resubmitted {
                if after_marker || step.stage.is_some() {
                    out.push(Diagnostic::new(&here, "resubmitted 标记只能出现一次，且单独成一步"));
                }
                after_marker = true;
                continue;
            }
            let path = &schema.settings.status_path;
            let Some(stage) = step.stage.as_ref().and_then(|id| path.iter().find(|s| s.id == *id)) else {
                out.push(Diagnostic::new(&here, "stage 须是表单 settings.status_path 中的环节 id"));
                continue;
            };
            let outcome = step.outcome.as_ref().map(|id| stage.outcome(id));
            if outcome.is_some_and(|o| o.is_none()) {
                out.push(Diagnostic::new(&here, format!("环节「{}」没有这个 outcome", stage.id)));
            }
            let returns = outcome.flatten().is_some_and(|o| o.returns);
            let opinion = step.opinion.clone().filter(|o| !o.trim().is_empty());
            if returns && opinion.is_none() {
                out.push(Diagnostic::new(&here, "退回的结果须写 opinion（退回原因），学员会看到它"));
            }
            let placed = Stage { id: stage.id.clone(), outcome: step.outcome.clone(), opinion, returns };
            match after_marker {
                false => script.first.push(placed),
                true => script.resubmitted.push(placed),
            }
        }
        script
    }

    /// The steps for the `nth` package of a persona (0 for the first sent).
    pub fn for_package(&self, nth: usize) -> &[Stage] {
        match nth {
            0 => &self.first,
            _ => &self.resubmitted,
        }
    }
}
