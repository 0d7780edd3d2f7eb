//! One sent package in 我的事项: 业务流水号, 事项名称, 摘要信息, 当前环节, 办理部门, 办理结果 and
//! what the applicant can do — 查看 (the package as it was sent), 进度 (asks the receiver and shows
//! the timeline with the 办理环节), 撤回 while the receiver allows, 重新发送 after a stop, and after a
//! 退回 修改后重新提交 (the declaration as it was sent) or 终止申报 (asked to confirm first); and
//! 导出申报包, the package as sent in a file for a unit that reviews it from the file.

use leptos::prelude::*;
use zhicheng_browser::{dom, files};
use zhicheng_engine::{Matter, MatterTab, PackageStatus, Phase, SubmissionV1};
use zhicheng_session::Act;

use crate::ui::session::use_session;
use crate::ui::timeline::Timeline;
use crate::ui::training_hooks;

/// What the rows' buttons do, shared by the rows of one table, and what they last said.
#[derive(Clone, Copy)]
pub struct MatterActions {
    pub message: RwSignal<Option<String>>,
    /// The packages whose 进度 is open: kept here, since the rows are made again when news comes.
    expanded: RwSignal<Vec<String>>,
    pub ask: Callback<(String, Act)>,
    open: Callback<String>,
    edit: Callback<String>,
    export: Callback<String>,
}

impl MatterActions {
    /// The actions of the rows of this component's 我的事项 (from the session in context).
    pub fn in_context() -> MatterActions {
        let session = use_session();
        let message = RwSignal::new(None::<String>);
        let ask = Callback::new(move |(package_id, act): (String, Act)| {
            let submissions = session.workspace().submissions().clone();
            session.spawn(async move {
                let done = submissions.ask(&package_id, act).await;
                message.set(Some(match (done, act) {
                    (Ok(()), Act::Withdraw) => "已撤回。修改后可以重新提交。".to_string(),
                    (Ok(()), Act::Terminate) => "已终止申报。这份申报不会再办理。".to_string(),
                    (Ok(()), Act::Progress) => "已更新办理进度。".to_string(),
                    (Err(e), _) => format!("操作未完成：{e}"),
                }));
            });
        });
        let open = Callback::new(move |package_id: String| {
            if let Err(e) = session.workspace().view_package(&package_id) {
                message.set(Some(format!("无法打开：{e}。")));
            }
        });
        let edit = Callback::new(move |package_id: String| {
            let workspace = session.workspace();
            session.spawn(async move {
                if let Err(e) = workspace.edit_returned(&package_id).await {
                    message.set(Some(format!("无法打开申报：{e}。")));
                }
            });
        });
        let export = Callback::new(move |package_id: String| {
            let workspace = session.workspace();
            session.spawn(async move {
                let made = workspace.export_sent(&package_id).await;
                match made.and_then(|file| files::download(&file.bytes, &file.name, file.media_type)) {
                    Ok(()) => message.set(Some(
                        "已导出申报包。请把这个文件交给单位经办人，在「单位审核」中选择「从文件打开申报」。".into(),
                    )),
                    Err(e) => message.set(Some(format!("导出失败：{e}。"))),
                }
            });
        });
        MatterActions { message, expanded: RwSignal::new(Vec::new()), ask, open, edit, export }
    }
}

#[component]
pub fn MatterRow(entry: SubmissionV1, matter: Matter, actions: MatterActions) -> impl IntoView {
    let resent = matter.resent_as.is_some();
    let badge = match (matter.tab, entry.status) {
        (MatterTab::Todo, _) => "badge error",
        (_, Some(PackageStatus::Done)) => "badge ok",
        _ => "badge",
    };
    let note = (entry.phase != Phase::Sent).then(|| entry.message.clone()).flatten();
    let title = entry.title.clone();
    let form_title = use_session().workspace().schema().title.clone();
    let id = entry.package_id.clone();
    let showing = Memo::new(move |_| actions.expanded.with(|open| open.contains(&id)));
    let timeline = StoredValue::new(entry.clone());
    view! {
        <tr>
            <td data-label="业务流水号">{entry.receipt.clone().unwrap_or_else(|| "—".into())}</td>
            <td data-label="事项名称">{form_title}</td>
            <td data-label="摘要信息">{title.clone()}</td>
            <td data-label="当前环节">{matter.stage}</td>
            <td data-label="办理部门">{if matter.department.is_empty() { "—".to_string() } else { matter.department }}</td>
            <td data-label="办理结果">
                <span class=badge>{matter.result}</span>
                {entry.reason.clone().map(|r| view! { <span class="hint">{format!(" 退回原因：{r}")}</span> })}
                {note.map(|m| view! { <span class="hint">{format!(" {m}")}</span> })}
                {move || showing.get().then(|| view! { <Timeline entry=timeline.get_value()/> })}
            </td>
            <td data-label="操作" class="actions"><RowButtons entry=entry.clone() resent=resent actions=actions showing=showing/></td>
        </tr>
    }
}

#[component]
fn RowButtons(entry: SubmissionV1, resent: bool, actions: MatterActions, showing: Memo<bool>) -> impl IntoView {
    let title = entry.title.clone();
    let id = StoredValue::new(entry.package_id.clone());
    // Once the declaration was sent again, the returned package has nothing left to do.
    let returned = !resent && entry.phase == Phase::Sent && entry.status.is_some_and(PackageStatus::terminable);
    let session = use_session();
    // A unit's own decisions are not declarations to hand to anyone.
    let exportable = entry.receipt.is_some() && session.workspace().schema().settings.decides.is_none();
    let progress = move |_| {
        let package_id = id.get_value();
        actions.expanded.update(|open| {
            if !open.contains(&package_id) {
                open.push(package_id.clone());
            }
        });
        actions.ask.run((package_id, Act::Progress));
    };
    let terminate = move |_| {
        if dom::confirm("确定终止这份申报吗？终止后不再办理，也不能恢复；如需再次申报，请重新填写。")
        {
            actions.ask.run((id.get_value(), Act::Terminate));
        }
    };
    view! {
        <div class="row-actions">
            <button type="button" class="link-button" aria-label=format!("查看「{title}」") on:click=move |_| actions.open.run(id.get_value())>"查看"</button>
            {(entry.phase == Phase::Sent).then(|| view! {
                <button type="button" class="link-button" aria-expanded=move || showing.get().to_string()
                    aria-label=format!("查询「{title}」的办理进度") on:click=progress>"进度"</button>
            })}
            {exportable.then(|| view! {
                <button type="button" class="link-button" aria-label=format!("导出「{title}」的申报包") on:click=move |_| actions.export.run(id.get_value())>"导出申报包"</button>
            })}
            {(entry.phase == Phase::Stopped).then(|| view! {
                <button type="button" class="link-button" on:click=move |_| session.workspace().submissions().retry(&id.get_value())>"重新发送"</button>
            })}
            {training_hooks::advance_button(&entry, actions.ask)}
            {returned.then(|| view! {
                <button type="button" class="link-button" on:click=move |_| actions.edit.run(id.get_value())>"修改后重新提交"</button>
                <button type="button" class="link-button danger" on:click=terminate>"终止申报"</button>
            })}
            {entry.withdrawable.then(|| view! {
                <button type="button" class="link-button danger" aria-label=format!("撤回「{title}」") on:click=move |_| {
                    if dom::confirm("确定撤回这份申报吗？撤回后可以修改，再重新提交。") { actions.ask.run((id.get_value(), Act::Withdraw)); }
                }>"撤回"</button>
            })}
        </div>
    }
}
