//! 提交申报 on 核对信息: the button once the declaration is finished, then the package's journey —
//! progress per file and in total while sending, the reason and the next retry when the network
//! or the receiver fails, the reason and 重新发送 when it stopped, and the receipt (业务流水号).

use leptos::prelude::*;
use zhicheng_engine::attachments::format_bytes;
use zhicheng_engine::{Phase, SubmissionV1};

use crate::browser::clock;
use crate::ui::store::Store;
use crate::ui::workspace::Workspace;

/// The draft open in the form: its id and the name it goes by.
#[derive(Clone)]
pub struct OpenDraft {
    pub id: String,
    pub name: Memo<String>,
}

#[component]
pub fn SubmitPanel() -> impl IntoView {
    let (Some(workspace), Some(open)) = (use_context::<Workspace>(), use_context::<OpenDraft>()) else {
        return ().into_any();
    };
    let store = expect_context::<Store>();
    let submissions = workspace.submissions.clone();
    let latest = {
        let (submissions, id) = (submissions.clone(), open.id.clone());
        Memo::new(move |_| submissions.latest_for(&id))
    };
    // One live region that stays in the page, so screen readers hear each file and the receipt
    // once, not every step of the progress bar (the panel below is rebuilt on every step).
    let announcement = Memo::new(move |_| latest.with(|entry| entry.as_ref().map(announce).unwrap_or_default()));
    let finished = Memo::new(move |_| store.state.with(|s| s.is_finished()));
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let submit = {
        let (submissions, open) = (submissions.clone(), open.clone());
        move |_| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            problem.set(None);
            let (submissions, id, name) = (submissions.clone(), open.id.clone(), open.name.get_untracked());
            let state = store.state.get_untracked();
            leptos::task::spawn_local(async move {
                if let Err(e) = submissions.submit(&state, &id, &name).await {
                    problem.set(Some(format!("未能提交：{e}")));
                }
                busy.set(false);
            });
        }
    };
    let retry = {
        let submissions = submissions.clone();
        move |package_id: String| submissions.retry(&package_id)
    };
    view! {
        <section class="submit-panel" aria-labelledby="submit-heading">
            <h3 id="submit-heading">"提交申报"</h3>
            <p class="visually-hidden" role="status" aria-live="polite">{move || announcement.get()}</p>
            {move || {
                let entry = latest.get();
                let can_submit = finished.get() && entry.as_ref().is_none_or(SubmissionV1::releases_draft);
                let retry = retry.clone();
                view! {
                    {entry.map(|e| journey(e, retry))}
                    {(!finished.get()).then(|| view! { <p class="hint">"完成填写（通过全部校验）后即可提交。"</p> })}
                    {can_submit.then(|| view! {
                        <button type="button" class="button primary" disabled=move || busy.get() on:click=submit.clone()>
                            {move || if busy.get() { "正在准备申报包…" } else { "提交申报" }}
                        </button>
                    })}
                }
            }}
            {move || problem.get().map(|p| view! { <p class="message error" role="alert">{p}</p> })}
        </section>
    }
    .into_any()
}

/// What the live region says of a package: the files sent while sending, the receipt once
/// received (a stop is an alert of its own).
fn announce(entry: &SubmissionV1) -> String {
    match entry.phase {
        Phase::Sending => {
            let (sent, files) = entry.files_sent();
            format!("正在提交：已发送 {sent} / {files} 个文件")
        }
        Phase::Sent => format!("已提交，业务流水号 {}", entry.receipt.as_deref().unwrap_or_default()),
        Phase::Stopped => String::new(),
    }
}

/// Where one package is: sending (with progress), stopped (with the reason), or received.
fn journey(entry: SubmissionV1, retry: impl Fn(String) + Clone + Send + Sync + 'static) -> impl IntoView {
    let (done, total) = entry.progress();
    let (sent_files, files) = entry.files_sent();
    let package_id = entry.package_id.clone();
    match entry.phase {
        Phase::Sending => view! {
            <div class="submit-status">
                <p><strong>"正在提交"</strong>{format!("：已发送 {sent_files} / {files} 个文件")}</p>
                <p class="hint">{format!("{} / {}", format_bytes(done), format_bytes(total))}</p>
                <progress max=total.max(1).to_string() value=done.to_string() aria-label="提交进度"></progress>
                <ul class="submit-files">
                    {entry.manifest.unique_files().into_iter().map(|f| {
                        let moving = entry.in_flight.as_ref().filter(|(sha, _)| *sha == f.sha256).map(|(_, sent)| sent * 100 / f.size.max(1));
                        let state = match (entry.uploaded.contains(&f.sha256), moving) {
                            (true, _) => "已发送".to_string(),
                            (false, Some(percent)) => format!("正在发送 {}%", percent.min(100)),
                            (false, None) => "待发送".to_string(),
                        };
                        view! { <li>{format!("{}（{}）：{state}", f.name, format_bytes(f.size))}</li> }
                    }).collect_view()}
                    <li>{if sent_files == files { "申报信息：正在提交" } else { "申报信息：待提交" }}</li>
                </ul>
                {entry.message.map(|m| view! { <p class="message warning">{m}</p> })}
                <p class="hint">"可以关闭页面：重新打开后会从中断处继续发送，不会重复提交。"</p>
            </div>
        }
        .into_any(),
        Phase::Stopped => view! {
            <div class="submit-status stopped" role="alert">
                <p><strong>"提交未完成"</strong></p>
                <p class="message error">{entry.message.unwrap_or_default()}</p>
                <button type="button" class="button secondary" on:click=move |_| retry(package_id.clone())>"重新发送"</button>
                <p class="hint">"如需修改内容，请修改后重新完成填写，再点击「提交申报」。"</p>
            </div>
        }
        .into_any(),
        Phase::Sent => {
            let status = entry.status.map(|s| s.to_string()).unwrap_or_default();
            view! {
                <div class="submit-status sent">
                    <p><strong>"已提交"</strong>{format!("，业务流水号 {}", entry.receipt.unwrap_or_default())}</p>
                    <p>{format!("状态：{status} · 提交时间：{}", clock::date_time(entry.submitted_at_ms))}</p>
                    {entry.reason.map(|r| view! { <p class="message error">{format!("退回原因：{r}")}</p> })}
                </div>
            }
            .into_any()
        }
    }
}
