//! 办理环节: a sent package's place on its form's status path (单位审核 → … → 缴费), as an ordered
//! list: each stage done, current, not passed or to come in words and a sign (never colour
//! alone), who acts there, and for the current stage what the applicant must do and the 意见 given;
//! the current stage is `aria-current="step"`. Nothing for a form without a path.

use leptos::prelude::*;
use zhicheng_engine::{StageProgress, StageState, SubmissionV1};

#[component]
pub fn StatusPath(entry: SubmissionV1) -> impl IntoView {
    let stages = entry.path_progress();
    (!stages.is_empty()).then(|| {
        let label = format!("「{}」的办理环节", entry.title);
        view! {
            <ol class="status-path" aria-label=label>
                {stages.into_iter().map(|stage| view! { <Stage stage=stage/> }).collect_view()}
            </ol>
        }
    })
}

#[component]
fn Stage(stage: StageProgress) -> impl IntoView {
    let state = stage.state;
    let current = matches!(state, StageState::Current | StageState::NotPassed).then_some("step");
    let class = match state {
        StageState::Done => "stage done",
        StageState::Current => "stage current",
        StageState::NotPassed => "stage not-passed",
        StageState::ToCome => "stage to-come",
    };
    view! {
        <li class=class aria-current=current>
            <span class="stage-sign" aria-hidden="true">{state.sign()}</span>
            <span class="stage-name">{stage.name}</span>
            <span class="stage-state">{format!("（{}）", state.word())}</span>
            <span class="hint">{format!(" 办理方：{}", stage.actor)}</span>
            {stage.outcome.map(|o| view! { <p class="stage-outcome">{format!("结果：{o}")}</p> })}
            {stage.opinion.map(|o| view! { <p class="stage-opinion">{format!("意见：{o}")}</p> })}
            {stage.todo.map(|t| view! { <p class="stage-todo"><strong>"您需要："</strong>{t}</p> })}
        </li>
    }
}
