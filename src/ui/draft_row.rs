//! The 草稿箱's table: one row per draft with its name (renamable in place), 申报类型, last save,
//! progress, and 打开, 重命名, 复制, 导出, 删除. A locked draft shows only its times and progress.

use leptos::prelude::*;
use zhicheng_browser::{clock, dom};
use zhicheng_engine::DraftMetaV1;
use zhicheng_session::workspace::SUBMITTED_CANNOT_BE_DELETED;
use zhicheng_session::DraftsCommand;

use crate::ui::drafts_command::RunCommand;
use crate::ui::mounted::use_mount_handle;
use crate::ui::session::use_session;
use crate::ui::store::focus_after_render;

#[component]
pub fn DraftTable(drafts: Vec<DraftMetaV1>) -> impl IntoView {
    let schema = use_session().workspace().schema().clone();
    if drafts.is_empty() {
        let hint = match schema.settings.decides.is_some() {
            true => "还没有草稿。在上方「待审核的申报」中点击「审核」开始。".to_string(),
            false => format!("还没有草稿。点击「{}」开始填写。", schema.new_draft_label()),
        };
        return view! { <p class="empty">{hint}</p> }.into_any();
    }
    let kind_label = schema.draft_kind_label().to_string();
    view! {
        <div class="table-wrap"><table class="rows drafts-table">
            <caption class="visually-hidden">"我的草稿"</caption>
            <thead>
                <tr><th scope="col">"名称"</th><th scope="col">{kind_label.clone()}</th><th scope="col">"最后保存"</th><th scope="col">"完成度"</th><th scope="col">"操作"</th></tr>
            </thead>
            <tbody>
                {drafts.into_iter().map(|d| view! { <DraftRow draft=d kind_label=kind_label.clone()/> }).collect_view()}
            </tbody>
        </table></div>
    }
    .into_any()
}

#[component]
fn DraftRow(draft: DraftMetaV1, kind_label: String) -> impl IntoView {
    let run = expect_context::<RunCommand>();
    let renaming = RwSignal::new(false);
    // A locked draft's entry names nothing about the applicant: only its times and progress.
    let locked = draft.lock.is_some();
    let name = if locked { "已加锁的草稿".to_string() } else { draft.display_name() };
    let kind = match (locked, draft.summary.kind.is_empty()) {
        (true, _) => "（已加锁）".to_string(),
        (false, true) => "未选择".to_string(),
        (false, false) => draft.summary.kind.clone(),
    };
    let percent = draft.summary.percent();
    let id = StoredValue::new(draft.id.clone());
    let act = move |command: fn(String) -> DraftsCommand| run.run(command(id.get_value()));
    let delete_question = format!("删除草稿「{name}」？删除后 7 天内可在「最近删除」中恢复。");
    // A submitted declaration's draft is what was sent: it stays until the package is returned
    // or withdrawn, so there is nothing to confirm.
    let submitted = use_session().holds(&draft.id);
    let delete = move |_| {
        if submitted {
            dom::alert(SUBMITTED_CANNOT_BE_DELETED);
        } else if dom::confirm(&delete_question) {
            act(DraftsCommand::Delete);
        }
    };
    view! {
        <tr>
            <td data-label="名称"><DraftName id=draft.id.clone() name=name.clone() locked=locked renaming=renaming/></td>
            <td data-label=kind_label>{kind}</td>
            <td data-label="最后保存">{clock::date_time(draft.saved_at)}</td>
            <td data-label="完成度">
                <span class="progress">
                    <progress max="100" value=percent aria-label=format!("完成度 {percent}%")></progress>
                    " " {format!("{}/{} 步", draft.summary.steps_done, draft.summary.steps_total)}
                </span>
            </td>
            <td data-label="操作" class="actions"><div class="row-actions">
                <button type="button" class="link-button" on:click=move |_| act(DraftsCommand::Open)
                    aria-label=format!("打开「{name}」")>"打开"</button>
                {(!locked).then(|| view! {
                    <button type="button" class="link-button" on:click=move |_| {
                        renaming.set(true);
                        focus_after_render(format!("rename-{}", id.get_value()));
                    }>"重命名"</button>
                    <button type="button" class="link-button" on:click=move |_| act(DraftsCommand::Copy)>"复制"</button>
                    <button type="button" class="link-button" on:click=move |_| act(DraftsCommand::Export)>"导出"</button>
                })}
                <button type="button" class="link-button danger" on:click=delete>"删除"</button>
            </div></td>
        </tr>
    }
}

/// A draft's name, or the field renaming it (Enter saves, Escape cancels).
#[component]
fn DraftName(id: String, name: String, locked: bool, renaming: RwSignal<bool>) -> impl IntoView {
    let run = expect_context::<RunCommand>();
    let input_id = format!("rename-{id}");
    let save = {
        let (input_id, mount) = (input_id.clone(), use_mount_handle());
        move || {
            renaming.set(false);
            run.run(DraftsCommand::Rename(id.clone(), Some(mount.get_value().input_value(&input_id))));
        }
    };
    move || {
        if !renaming.get() {
            let badge = locked.then(|| view! { " " <span class="badge">"口令保护"</span> });
            return view! { <span class="draft-title">{name.clone()}</span>{badge} }.into_any();
        }
        let (save, save_on_enter) = (save.clone(), save.clone());
        view! {
            <label class="visually-hidden" for=input_id.clone()>"新名称"</label>
            <input id=input_id.clone() class="rename-input" value=name.clone() maxlength="60"
                on:keydown=move |ev| {
                    if ev.key() == "Enter" { save_on_enter(); }
                    if ev.key() == "Escape" { renaming.set(false); }
                }/>
            <button type="button" class="link-button" on:click=move |_| save()>"保存"</button>
            <button type="button" class="link-button" on:click=move |_| renaming.set(false)>"取消"</button>
        }
        .into_any()
    }
}
