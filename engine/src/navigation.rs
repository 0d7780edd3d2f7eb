//! Step statuses for the stepper: 未开始 / 进行中 / 已完成 / 有错误.

use serde::Serialize;

use crate::state::FormState;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum StepStatus {
    NotStarted,
    InProgress,
    Completed,
    HasErrors,
}

impl StepStatus {
    pub fn label(self) -> &'static str {
        match self {
            StepStatus::NotStarted => "未开始",
            StepStatus::InProgress => "进行中",
            StepStatus::Completed => "已完成",
            StepStatus::HasErrors => "有错误",
        }
    }
}

/// The status of one step. Errors count only once revealed, so a step the applicant is still
/// filling in reads 进行中, not 有错误.
pub fn step_status(state: &FormState, step: usize) -> StepStatus {
    let errors = state.step_error_count(step);
    let revealed = state.is_revealed(step);
    let answered = step_has_answers(state, step);
    if errors > 0 && revealed {
        StepStatus::HasErrors
    } else if errors == 0 && (revealed || (answered && state.is_visited(step))) {
        StepStatus::Completed
    } else if answered || state.is_visited(step) {
        StepStatus::InProgress
    } else {
        StepStatus::NotStarted
    }
}

fn step_has_answers(state: &FormState, step: usize) -> bool {
    let schema = state.schema();
    schema
        .fields()
        .filter(|(loc, f)| loc.step == step && f.compute.is_none() && f.default.is_none())
        .any(|(_, f)| state.answers().get(&f.id).is_some_and(|v| !v.is_blank()))
}
