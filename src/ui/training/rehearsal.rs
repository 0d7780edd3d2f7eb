//! The rehearsal in 我的事项 (training mode only): 「模拟下一环节」 moves a package along its
//! persona's script in the simulated receiver — 退回 with a reason, 审核通过, 公示 … 办结 — and
//! then asks for its 进度 as an applicant would, so the row shows what a real receiver would say.

use leptos::prelude::*;
use zhicheng_engine::{PackageStatus, Phase, SubmissionV1};
use zhicheng_session::Act;

use super::use_training;
use crate::ui::session::Session;

#[component]
pub fn AdvanceButton(entry: SubmissionV1, ask: Callback<(String, Act)>) -> impl IntoView {
    let training = use_training()?;
    // Only a package being handled moves on; a returned, withdrawn or finished one stays.
    let moving = matches!(entry.status, None | Some(PackageStatus::Waiting | PackageStatus::InProgress));
    (entry.phase == Phase::Sent && moving).then_some(())?;
    let session = expect_context::<Session>();
    let said = RwSignal::new(None::<String>);
    let advance = move |_| {
        let entries = session.workspace().submissions().entries().get();
        // The n-th package of its draft: the first follows the script's first round, later ones
        // (sent again after a 退回) the resubmission's.
        let nth = entries
            .iter()
            .filter(|e| e.draft_id == entry.draft_id && e.submitted_at_ms < entry.submitted_at_ms)
            .count();
        let outcome = training.with_value(|t| {
            let script = t.persona_of_draft(&entry.draft_id).map(|p| p.script.clone()).unwrap_or_default();
            t.receiver.advance(&entry.package_id, &script, nth)
        });
        match outcome {
            Ok(what) => {
                said.set(Some(format!("模拟接收端：{what}")));
                ask.run((entry.package_id.clone(), Act::Progress));
            }
            Err(why) => said.set(Some(why)),
        }
    };
    Some(view! {
        <button type="button" class="link-button" on:click=advance
            aria-label=format!("模拟下一环节：{}", entry.title)>"模拟下一环节"</button>
        <span class="hint" role="status">{move || said.get()}</span>
    })
}
