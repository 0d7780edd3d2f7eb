//! 进度: a sent package's timeline — 提交 with its 业务流水号, then every move the receiver told
//! (each dated, in the status path's words, with the reason of a 退回) — and the 办理环节 still to
//! come, with what the applicant must do now.

use leptos::prelude::*;
use zhicheng_browser::clock;
use zhicheng_engine::SubmissionV1;

use crate::ui::status_path::StatusPath;

#[component]
pub fn Timeline(entry: SubmissionV1) -> impl IntoView {
    let steps = entry.timeline();
    let label = format!("「{}」的办理进度", entry.title);
    view! {
        <div class="timeline-box">
            <ol class="timeline" aria-label=label>
                {steps.into_iter().map(|step| view! {
                    <li>
                        <time datetime=step.at.clone()>{clock::date_time_of_rfc3339(&step.at)}</time>
                        <span class="timeline-what">{step.what}</span>
                        {step.reason.map(|r| view! { <p class="stage-opinion">{format!("意见：{r}")}</p> })}
                    </li>
                }).collect_view()}
            </ol>
            <StatusPath entry=entry/>
        </div>
    }
}
