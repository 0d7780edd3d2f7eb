//! 已提交的申报 in 我的事项: every package sent from this browser with its 业务流水号, submission
//! time and status (退回 with its reason); 查看 opens it, 进度 asks the receiver, 撤回 withdraws it
//! while the receiver allows.

use leptos::prelude::*;
use zhicheng_engine::{PackageStatus, Phase, SubmissionV1};

use crate::browser::{clock, dom};
use crate::ui::workspace::Workspace;

/// The status as the applicant reads it.
fn status_text(e: &SubmissionV1) -> String {
    match e.phase {
        Phase::Sending => "正在提交".to_string(),
        Phase::Stopped => "提交未完成".to_string(),
        Phase::Sent => e.status.map_or_else(|| "已提交".into(), |s| s.to_string()),
    }
}

/// Errors (stopped, 退回) and 办结 stand out.
fn badge_class(e: &SubmissionV1) -> &'static str {
    match (e.phase, e.status) {
        (Phase::Stopped, _) | (Phase::Sent, Some(PackageStatus::Returned)) => "badge error",
        (Phase::Sent, Some(PackageStatus::Done)) => "badge ok",
        _ => "badge",
    }
}

#[component]
pub fn SubmittedList(workspace: Workspace) -> impl IntoView {
    let entries = workspace.submissions.entries;
    let message = RwSignal::new(None::<String>);
    let ws = StoredValue::new(workspace);
    let ask = move |package_id: String, withdraw: bool| {
        let submissions = ws.with_value(|w| w.submissions.clone());
        leptos::task::spawn_local(async move {
            let done = submissions.ask(&package_id, withdraw).await;
            message.set(Some(match (done, withdraw) {
                (Ok(()), true) => "已撤回。修改后可以重新提交。".to_string(),
                (Ok(()), false) => "已更新办理进度。".to_string(),
                (Err(e), _) => format!("操作未完成：{e}"),
            }));
        });
    };
    let open = move |draft_id: String| {
        let workspace = ws.get_value();
        leptos::task::spawn_local(async move {
            if let Err(e) = workspace.open(&draft_id).await {
                message.set(Some(format!("无法打开：{}。", e.message())));
            }
        });
    };
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
                        {move || entries.get().into_iter().map(|e| {
                            let (id_progress, id_withdraw, draft) = (e.package_id.clone(), e.package_id.clone(), e.draft_id.clone());
                            let (status, badge) = (status_text(&e), badge_class(&e));
                            let title = e.title.clone();
                            let sent = e.phase == Phase::Sent;
                            let withdrawable = e.withdrawable;
                            view! {
                                <tr>
                                    <td data-label="名称">{title.clone()}</td>
                                    <td data-label="业务流水号">{e.receipt.clone().unwrap_or_else(|| "—".into())}</td>
                                    <td data-label="提交时间">{clock::date_time(e.submitted_at_ms)}</td>
                                    <td data-label="状态">
                                        <span class=badge>{status.clone()}</span>
                                        {e.reason.clone().map(|r| view! { <span class="hint">{format!(" 退回原因：{r}")}</span> })}
                                        {(e.phase != Phase::Sent).then(|| e.message.clone()).flatten().map(|m| view! { <span class="hint">{format!(" {m}")}</span> })}
                                    </td>
                                    <td data-label="操作" class="actions"><div class="row-actions">
                                        <button type="button" class="link-button" aria-label=format!("查看「{title}」") on:click=move |_| open(draft.clone())>"查看"</button>
                                        {sent.then(|| view! {
                                            <button type="button" class="link-button" aria-label=format!("查询「{title}」的办理进度") on:click=move |_| ask(id_progress.clone(), false)>"进度"</button>
                                        })}
                                        {withdrawable.then(|| view! {
                                            <button type="button" class="link-button danger" aria-label=format!("撤回「{title}」") on:click=move |_| {
                                                if dom::confirm("确定撤回这份申报吗？撤回后可以修改，再重新提交。") { ask(id_withdraw.clone(), true); }
                                            }>"撤回"</button>
                                        })}
                                    </div></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table></div>
            </section>
        })}
    }
}
