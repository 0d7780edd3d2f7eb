//! What the 草稿箱 list shows about a draft: who it is for, which kind of declaration, how far
//! along it is. Computed from the form state; stored with the draft so the list needs no schema.

use serde::{Deserialize, Serialize};

use crate::state::FormState;

/// A draft at a glance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSummary {
    /// The applicant's name, blank until typed.
    #[serde(default)]
    pub applicant: String,
    /// The 申报类型, blank until chosen.
    #[serde(default)]
    pub kind: String,
    /// Steps without errors, out of the steps that apply to this declaration.
    pub steps_done: u32,
    pub steps_total: u32,
}

impl DraftSummary {
    pub fn of(state: &FormState) -> DraftSummary {
        let steps = state.visible_steps();
        let done = steps.iter().filter(|&&s| state.step_error_count(s) == 0).count();
        DraftSummary { steps_done: done as u32, steps_total: steps.len() as u32, ..DraftSummary::naming(state) }
    }

    /// Only the answers that name the draft (no progress): cheap enough for every keystroke, for
    /// a title that follows what is typed.
    pub fn naming(state: &FormState) -> DraftSummary {
        let fields = state.schema().settings.draft_summary.as_ref();
        let answer = |name: Option<&String>| {
            name.and_then(|n| state.answers().get(n)).and_then(|v| v.as_text()).unwrap_or("").trim().to_string()
        };
        DraftSummary {
            applicant: answer(fields.map(|f| &f.applicant)),
            kind: answer(fields.map(|f| &f.kind)),
            ..DraftSummary::default()
        }
    }

    /// Whole percent complete, for 「完成 62%」.
    pub fn percent(&self) -> u32 {
        (self.steps_done * 100).checked_div(self.steps_total).unwrap_or(0)
    }

    /// A name for a draft the applicant has not named: 「张三 · 普通申报」 or 「未命名草稿」.
    pub fn default_name(&self) -> String {
        match (self.applicant.is_empty(), self.kind.is_empty()) {
            (false, false) => format!("{} · {}", self.applicant, self.kind),
            (false, true) => self.applicant.clone(),
            (true, false) => format!("未填姓名 · {}", self.kind),
            (true, true) => "未命名草稿".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DraftSummary;

    #[test]
    fn default_names_use_what_is_known() {
        let cases = [
            ("张三", "普通申报", "张三 · 普通申报"),
            ("张三", "", "张三"),
            ("", "考核认定", "未填姓名 · 考核认定"),
            ("", "", "未命名草稿"),
        ];
        for (applicant, kind, name) in cases {
            let summary = DraftSummary { applicant: applicant.into(), kind: kind.into(), ..Default::default() };
            assert_eq!(summary.default_name(), name);
        }
    }

    #[test]
    fn percent_rounds_down_and_survives_zero_steps() {
        let cases = [(0, 0, 0), (0, 12, 0), (5, 12, 41), (12, 12, 100)];
        for (done, total, percent) in cases {
            let summary = DraftSummary { steps_done: done, steps_total: total, ..Default::default() };
            assert_eq!(summary.percent(), percent, "{done}/{total}");
        }
    }
}
