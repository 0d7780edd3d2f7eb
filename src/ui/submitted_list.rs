//! 已提交的申报 in 我的事项: every package sent from this browser with its 业务流水号, submission
//! time and status (退回 with its reason), and for a form that declares one its 办理环节 (the status
//! path, with what to do now); 查看 opens it, 进度 asks the receiver, 撤回 withdraws it while the
//! receiver allows.

use leptos::prelude::*;
use zhicheng_browser::{clock, dom};
use zhicheng_engine::{PackageStatus, Phase, SubmissionV1};

use crate::ui::session::use_session;
use crate::ui::status_path::StatusPath;
use crate::ui::training_hooks;

/// The status as the applicant reads it.
fn status_text(e: &SubmissionV1) -> String {
    match e.phase {
        Phase::Sending => "正在提交".to_string(),
        Phase::Stopped => "提交未完成".to_string(),
        Phase::Sent => e.status.map_or_else(|| "已提交".into(), |s| s.to_string()),
    }
}

/// What the rows' buttons do: 查看 (the package as it was sent), 进度, 撤回.
#[derive(Clone, Copy)]
struct RowActions {
    open: Callback<String>,
    ask: Callback<(String, bool)>,
}

#[component]
pub fn SubmittedList() -> impl IntoView {
    let session = use_session();
    let entries = session.submissions;
    let message = RwSignal::new(None::<String>);
    let ask = Callback::new(move |(package_id, withdraw): (String, bool)| {
        let submissions = session.workspace().submissions().clone();
        session.spawn(async move {
            let done = submissions.ask(&package_id, withdraw).await;
            message.set(Some(match (done, withdraw) {
                (Ok(()), true) => "已撤回。修改后可以重新提交。".to_string(),
                (Ok(()), false) => "已更新办理进度。".to_string(),
                (Err(e), _) => format!("操作未完成：{e}"),
            }));
        });
    });
    let open = Callback::new(move |package_id: String| {
        if let Err(e) = session.workspace().view_package(&package_id) {
            message.set(Some(format!("无法打开：{e}。")));
        }
    });
    let actions = RowActions { open, ask };
    view! {
        {move || (!entries.with(Vec::is_empty)).then(|| view! {
            <section class="submitted" aria-labelledby="submitted-heading">
                <h2 id="submitted-heading" class="drafts-subheading">"已提交的申报"</h2>
                <div role="status">{move || message.get().map(|m| view! { <p class="notice">{m}</p> })}</div>
                <div class="table-wrap"><table class="rows submitted-table">
                    <caption class="visually-hidden">"已提交的申报"</caption>
                    <thead><tr>
                        <th scope="col">"名称"</th><th scope="col">"业务流水号"</th><th scope="col">"提交时间"</th>
                        <th scope="col">"状态"</th><th scope="col">"操作"</th>
                    </tr></thead>
                    <tbody>
                        {move || entries.get().into_iter().map(|e| view! { <SubmittedRow entry=e actions=actions/> }).collect_view()}
                    </tbody>
                </table></div>
            </section>
        })}
    }
}

#[component]
fn SubmittedRow(entry: SubmissionV1, actions: RowActions) -> impl IntoView {
    let e = entry;
    let (id_progress, id_withdraw, id_view) = (e.package_id.clone(), e.package_id.clone(), e.package_id.clone());
    let status = status_text(&e);
    let title = e.title.clone();
    let badge = match (e.phase, e.status) {
        (Phase::Stopped, _) | (Phase::Sent, Some(PackageStatus::Returned)) => "badge error",
        (Phase::Sent, Some(PackageStatus::Done)) => "badge ok",
        _ => "badge",
    };
    let note = (e.phase != Phase::Sent).then(|| e.message.clone()).flatten();
    view! {
        <tr>
            <td data-label="名称">{title.clone()}</td>
            <td data-label="业务流水号">{e.receipt.clone().unwrap_or_else(|| "—".into())}</td>
            <td data-label="提交时间">{clock::date_time(e.submitted_at_ms)}</td>
            <td data-label="状态">
                <span class=badge>{status}</span>
                {e.reason.clone().map(|r| view! { <span class="hint">{format!(" 退回原因：{r}")}</span> })}
                {note.map(|m| view! { <span class="hint">{format!(" {m}")}</span> })}
                {(!e.path_progress().is_empty()).then(|| view! {
                    <details class="status-path-details"><summary>"办理环节"</summary><StatusPath entry=e.clone()/></details>
                })}
            </td>
            <td data-label="操作" class="actions"><div class="row-actions">
                <button type="button" class="link-button" aria-label=format!("查看「{title}」") on:click=move |_| actions.open.run(id_view.clone())>"查看"</button>
                {(e.phase == Phase::Sent).then(|| view! {
                    <button type="button" class="link-button" aria-label=format!("查询「{title}」的办理进度")
                        on:click=move |_| actions.ask.run((id_progress.clone(), false))>"进度"</button>
                })}
                {training_hooks::advance_button(&e, actions.ask)}
                {e.withdrawable.then(|| view! {
                    <button type="button" class="link-button danger" aria-label=format!("撤回「{title}」") on:click=move |_| {
                        if dom::confirm("确定撤回这份申报吗？撤回后可以修改，再重新提交。") { actions.ask.run((id_withdraw.clone(), true)); }
                    }>"撤回"</button>
                })}
            </div></td>
        </tr>
    }
}
