//! Where one package is: sending (progress per file and in total, the reason and the next retry
//! when the network or the receiver fails), stopped (the reason and 重新发送), or received (业务流水号,
//! and the 办理环节 when the form declares a status path).

use leptos::prelude::*;
use zhicheng_browser::clock;
use zhicheng_engine::attachments::format_bytes;
use zhicheng_engine::{Phase, SubmissionV1};

use crate::ui::session::use_session;
use crate::ui::status_path::StatusPath;

#[component]
pub fn Journey(entry: SubmissionV1, submit_label: String) -> impl IntoView {
    match entry.phase {
        Phase::Sending => view! { <Sending entry=entry/> }.into_any(),
        Phase::Stopped => {
            let session = use_session();
            let package_id = entry.package_id.clone();
            view! {
                <div class="submit-status stopped" role="alert">
                    <p><strong>"提交未完成"</strong></p>
                    <p class="message error">{entry.message.unwrap_or_default()}</p>
                    <button type="button" class="button secondary"
                        on:click=move |_| session.workspace().submissions().retry(&package_id)>"重新发送"</button>
                    <p class="hint">{format!("如需修改内容，请修改后重新完成填写，再点击「{submit_label}」。")}</p>
                </div>
            }
            .into_any()
        }
        Phase::Sent => {
            let status = entry.status.map(|s| s.to_string()).unwrap_or_default();
            let path = entry.clone();
            view! {
                <div class="submit-status sent">
                    <p><strong>"已提交"</strong>{format!("，业务流水号 {}", entry.receipt.unwrap_or_default())}</p>
                    <p>{format!("状态：{status} · 提交时间：{}", clock::date_time(entry.submitted_at_ms))}</p>
                    {entry.reason.map(|r| view! { <p class="message error">{format!("退回原因：{r}")}</p> })}
                    <StatusPath entry=path/>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn Sending(entry: SubmissionV1) -> impl IntoView {
    // The sending loop looks at the network every few seconds and shows the entry again, so this
    // follows the connection going and coming back.
    let heading = if clock::online() { "正在提交" } else { "等待网络" };
    let (done, total) = entry.progress();
    let (sent_files, files) = entry.files_sent();
    let file_lines = entry
        .manifest
        .unique_files()
        .into_iter()
        .map(|f| {
            let moving = entry
                .in_flight
                .as_ref()
                .filter(|(sha, _)| *sha == f.sha256)
                .map(|(_, sent)| sent * 100 / f.size.max(1));
            let state = match (entry.uploaded.contains(&f.sha256), moving) {
                (true, _) => "已发送".to_string(),
                (false, Some(percent)) => format!("正在发送 {}%", percent.min(100)),
                (false, None) => "待发送".to_string(),
            };
            view! { <li>{format!("{}（{}）：{state}", f.name, format_bytes(f.size))}</li> }
        })
        .collect_view();
    view! {
        <div class="submit-status">
            <p><strong>{heading}</strong>{format!("：已发送 {sent_files} / {files} 个文件")}</p>
            <p class="hint">{format!("{} / {}", format_bytes(done), format_bytes(total))}</p>
            <progress max=total.max(1).to_string() value=done.to_string() aria-label="提交进度"></progress>
            <ul class="submit-files">
                {file_lines}
                <li>{if sent_files == files { "申报信息：正在提交" } else { "申报信息：待提交" }}</li>
            </ul>
            {entry.message.map(|m| view! { <p class="message warning">{m}</p> })}
            <p class="hint">"可以关闭页面：重新打开后会从中断处继续发送，不会重复提交。"</p>
        </div>
    }
}
