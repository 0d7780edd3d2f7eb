//! A form state to and from what is stored of it: the draft that restores it exactly, carried
//! over from an older schema version first, and the summary the 草稿箱 shows.

use std::sync::Arc;

use thiserror::Error;

use super::FormState;
use crate::date::Date;
use crate::migrate::{upgrade, UpgradeError};
use crate::report::Report;
use crate::schema::FormSchema;
use crate::stored::draft::{DraftV1, Position, DRAFT_FORMAT};
use crate::stored::draft_meta::DraftSummary;

/// Why a stored draft cannot become a form state.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum RestoreError {
    #[error("草稿属于表单「{draft}」，不是「{form}」。")]
    OtherForm { draft: String, form: String },
    #[error(transparent)]
    Upgrade(#[from] UpgradeError),
}

impl FormState {
    /// Everything needed to restore this state exactly (see `stored::draft`).
    pub fn to_draft(&self) -> DraftV1 {
        DraftV1 {
            format: DRAFT_FORMAT.to_string(),
            format_version: 1,
            form_id: self.schema.id.clone(),
            schema_version: self.schema.version,
            answers: self.answers.clone(),
            touched: self.touched.iter().cloned().collect(),
            revealed_steps: self.revealed_steps.iter().copied().collect(),
            visited_steps: self.visited_steps.iter().copied().collect(),
            position: self.position,
            next_row_id: self.next_row_id,
            finished: self.finished,
            set_aside: self.set_aside.clone(),
            attachments: self.attachments.clone(),
            printed: self.printed.clone(),
        }
    }

    /// Restores a state saved with [`FormState::to_draft`], carrying a draft of an older schema
    /// version over first (see `migrate`). Refuses a draft of another form or a newer version.
    pub fn from_draft(schema: Arc<FormSchema>, draft: DraftV1, today: Date) -> Result<FormState, RestoreError> {
        if draft.form_id != schema.id {
            return Err(RestoreError::OtherForm { draft: draft.form_id, form: schema.id.clone() });
        }
        let draft = upgrade(&schema, draft)?;
        let max_row = draft.answers.values().flat_map(|v| v.as_rows().iter().map(|r| r.id)).max().unwrap_or(0);
        let mut state = FormState {
            schema,
            answers: draft.answers,
            touched: draft.touched.into_iter().collect(),
            revealed_steps: draft.revealed_steps.into_iter().collect(),
            visited_steps: draft.visited_steps.into_iter().collect(),
            position: draft.position,
            next_row_id: draft.next_row_id.max(max_row + 1),
            today,
            finished: draft.finished,
            set_aside: draft.set_aside,
            attachments: draft.attachments,
            printed: draft.printed,
            report: Report::default(),
            editing: None,
            calendar: Arc::default(),
            prefilled: Default::default(),
        };
        match state.position {
            Position::Step(s) if s >= state.schema.steps.len() => state.position = Position::Step(0),
            // A form that no longer has an attachments page resumes on the review instead.
            Position::Materials if !state.has_materials() => state.position = Position::Review,
            _ => {}
        }
        state.refresh();
        Ok(state)
    }

    /// The draft at a glance, for its 草稿箱 entry: who it is for, which kind, how far along.
    pub fn summary(&self) -> DraftSummary {
        let steps = self.visible_steps();
        let done = steps.iter().filter(|&&s| self.step_error_count(s) == 0).count();
        DraftSummary { steps_done: done as u32, steps_total: steps.len() as u32, ..self.naming_summary() }
    }

    /// Only the answers that name the draft (no progress): cheap enough for every keystroke, for
    /// a title that follows what is typed.
    pub fn naming_summary(&self) -> DraftSummary {
        let fields = self.schema.settings.draft_summary.as_ref();
        let answer = |name: Option<&String>| {
            name.and_then(|n| self.answers.get(n)).and_then(|v| v.as_text()).unwrap_or("").trim().to_string()
        };
        DraftSummary {
            applicant: answer(fields.map(|f| &f.applicant)),
            kind: answer(fields.map(|f| &f.kind)),
            ..DraftSummary::default()
        }
    }
}
