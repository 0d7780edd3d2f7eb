//! 我的事项 (as in the portals' user centre): the 草稿箱 — every draft of this form with its 申报类型, last save and progress; 新建, 打开, 重命名,
//! 复制 and 删除 (confirmed, undoable, and restorable from 最近删除 for seven days); and how much
//! storage the site uses.

use leptos::prelude::*;
use zhicheng_engine::attachments::format_bytes;
use zhicheng_engine::DraftMetaV1;

use crate::browser::clock;
use crate::browser::dom;
use crate::browser::drafts::{now_ms, page_id, EntryChange, StoreError};
use crate::browser::files;
use crate::browser::storage_health;
use crate::ui::submitted_list::SubmittedList;
use crate::ui::workspace::Workspace;

/// How long the 撤销 offer stays after a deletion.
const UNDO_MS: u64 = 10_000;

#[component]
pub fn DraftsPage(workspace: Workspace) -> impl IntoView {
    // The rows ask whether their draft was submitted.
    provide_context(workspace.clone());
    let refresh = RwSignal::new(0u32);
    let message = RwSignal::new(None::<String>);
    let undo = RwSignal::new(None::<DraftMetaV1>);
    let all = {
        let workspace = workspace.clone();
        LocalResource::new(move || {
            refresh.track();
            let workspace = workspace.clone();
            async move { workspace.repo.list().await.map(|list| workspace.sort_drafts(list)) }
        })
    };
    let health = LocalResource::new(storage_health::check);
    let ws = StoredValue::new(workspace);
    let run = move |task: Action| {
        let workspace = ws.get_value();
        leptos::task::spawn_local(async move {
            match task.run(&workspace, undo).await {
                Ok(done) => message.set(done),
                Err(e) => message.set(Some(e)),
            }
            refresh.update(|n| *n += 1);
        });
    };
    let create = move |_| run(Action::Create);
    let schema = ws.with_value(|w| w.schema.clone());
    let new_label = schema.new_draft_label().to_string();
    let kind_label = schema.draft_kind_label().to_string();
    let see_also = schema
        .settings
        .see_also
        .iter()
        .map(|link| {
            view! {
                <a class="see-also" href=format!("?form={}", link.form)>{link.label.clone()}</a>
            }
        })
        .collect_view();
    let import = move |ev: leptos::ev::Event| {
        if let Some(file) = files::chosen_file(&ev) {
            run(Action::Import(file));
        }
    };

    view! {
        <header class="topbar">
            <div class="topbar-inner">
                <p class="brand">"深圳市人才一体化综合服务平台 · 职称申报"</p>
            </div>
        </header>
        <main id="main" class="drafts-page" tabindex="-1">
            <div class="drafts-heading">
                <h1 id="page-heading" tabindex="-1">"我的事项"</h1>
                <div class="drafts-actions">
                    <label class="button secondary" for="import-file">"导入草稿…"</label>
                    <input type="file" id="import-file" class="visually-hidden" accept=".zip,application/zip" on:change=import/>
                    <button type="button" class="button primary" on:click=create>{new_label.clone()}</button>
                </div>
            </div>
            <p class="lead">"草稿保存在本机浏览器中，断网也不会丢失。换电脑或浏览器前，请先导出。"{see_also}</p>
            {move || message.get().map(|m| view! { <p class="notice" role="alert" id="drafts-message">{m}</p> })}
            <UndoToast undo=undo on_undo=move |id| run(Action::Restore(id))/>
            {move || match all.get() {
                None => view! { <p class="loading" role="status">"正在读取草稿…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="notice" role="alert">{e.message()}</p> }.into_any(),
                Some(Ok((active, deleted))) => view! {
                    <h2 class="drafts-subheading">"草稿箱"</h2>
                    <DraftTable drafts=active run=run new_label=new_label.clone() kind_label=kind_label.clone()/>
                    <SubmittedList workspace=ws.get_value()/>
                    <DeletedList drafts=deleted run=run/>
                }.into_any(),
            }}
            <StoragePanel health=health/>
        </main>
    }
}

/// What the list's buttons do.
#[derive(Clone)]
enum Action {
    Create,
    Open(String),
    Rename(String, Option<String>),
    Copy(String),
    Delete(DraftMetaV1),
    Restore(String),
    Purge(String),
    Export(String),
    Import(web_sys::File),
}

impl Action {
    /// Runs the action; `Ok` may carry a message worth showing, `Err` says what went wrong.
    async fn run(self, workspace: &Workspace, undo: RwSignal<Option<DraftMetaV1>>) -> Result<Option<String>, String> {
        let repo = &workspace.repo;
        let done = match self {
            Action::Export(id) => {
                let stored = repo.load(&id).await.map_err(|e| format!("导出失败：{}。", e.message()))?;
                workspace.export(&stored).await.map_err(|e| format!("导出失败：{e}。"))?;
                return Ok(None);
            }
            Action::Import(file) => {
                let bytes = files::read_blob(&file).await.map_err(|e| format!("导入失败：{e}。"))?;
                let name =
                    workspace.import(&bytes).await.map_err(|e| format!("导入失败：{e}。已有的草稿没有任何改动。"))?;
                return Ok(Some(format!("已导入草稿「{name}」。")));
            }
            Action::Create => workspace.create().await,
            Action::Open(id) => workspace.open(&id).await,
            Action::Rename(id, name) => repo.change_entry(&id, EntryChange::Rename(name)).await.map(drop),
            Action::Copy(id) => {
                async {
                    let mut copy = repo.load(&id).await?.renamed_copy("（副本）");
                    copy.meta.created_at = now_ms();
                    copy.meta.saved_at = copy.meta.created_at;
                    copy.meta.writer = page_id();
                    copy.meta.revision = 1;
                    repo.insert_new(copy).await
                }
                .await
            }
            Action::Delete(meta) => {
                repo.change_entry(&meta.id, EntryChange::Delete(now_ms())).await.map(|deleted| undo.set(Some(deleted)))
            }
            Action::Restore(id) => {
                undo.set(None);
                repo.change_entry(&id, EntryChange::Restore).await.map(drop)
            }
            Action::Purge(id) => workspace.purge(&id).await,
        };
        done.map(|()| None).map_err(|e: StoreError| format!("操作未完成：{}。", e.message()))
    }
}

#[component]
fn DraftTable(
    drafts: Vec<DraftMetaV1>,
    run: impl Fn(Action) + Copy + Send + Sync + 'static,
    new_label: String,
    kind_label: String,
) -> impl IntoView {
    if drafts.is_empty() {
        return view! { <p class="empty">{format!("还没有草稿。点击「{new_label}」开始填写。")}</p> }.into_any();
    }
    view! {
        <div class="table-wrap"><table class="rows drafts-table">
            <caption class="visually-hidden">"我的草稿"</caption>
            <thead>
                <tr><th scope="col">"名称"</th><th scope="col">{kind_label.clone()}</th><th scope="col">"最后保存"</th><th scope="col">"完成度"</th><th scope="col">"操作"</th></tr>
            </thead>
            <tbody>
                {drafts.into_iter().map(|d| view! { <DraftRow draft=d run=run kind_label=kind_label.clone()/> }).collect_view()}
            </tbody>
        </table></div>
    }
    .into_any()
}

#[component]
fn DraftRow(
    draft: DraftMetaV1,
    run: impl Fn(Action) + Copy + Send + Sync + 'static,
    kind_label: String,
) -> impl IntoView {
    let renaming = RwSignal::new(false);
    // A locked draft's entry names nothing about the applicant: only its times and progress.
    let locked = draft.lock.is_some();
    let name = if locked { "已加锁的草稿".to_string() } else { draft.display_name() };
    let input_id = format!("rename-{}", draft.id);
    let percent = draft.summary.percent();
    let (id_open, id_copy, id_rename, id_export) =
        (draft.id.clone(), draft.id.clone(), draft.id.clone(), draft.id.clone());
    let for_delete = draft.clone();
    let kind = match (locked, draft.summary.kind.is_empty()) {
        (true, _) => "（已加锁）".to_string(),
        (false, true) => "未选择".to_string(),
        (false, false) => draft.summary.kind.clone(),
    };
    let name_for_delete = name.clone();
    // A submitted declaration's draft is what was sent: it stays until the package is returned or
    // withdrawn.
    let submitted = use_context::<Workspace>().is_some_and(|w| w.submissions.holds(&draft.id));
    let delete = move |_| {
        if submitted {
            dom::alert("这份申报已经提交，不能删除。如需修改，请先在「已提交的申报」中撤回。");
        } else if dom::confirm(&format!("删除草稿「{name_for_delete}」？删除后 7 天内可在「最近删除」中恢复。"))
        {
            run(Action::Delete(for_delete.clone()));
        }
    };
    let input_for_save = input_id.clone();
    let save_name = move || {
        let typed = dom::input_value(&input_for_save);
        renaming.set(false);
        run(Action::Rename(id_rename.clone(), Some(typed)));
    };
    let name_cell = {
        let (name, input_id) = (name.clone(), input_id.clone());
        move || {
            if renaming.get() {
                let save_name = save_name.clone();
                let save_on_enter = save_name.clone();
                view! {
                    <label class="visually-hidden" for=input_id.clone()>"新名称"</label>
                    <input id=input_id.clone() class="rename-input" value=name.clone() maxlength="60"
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" { save_on_enter(); }
                            if ev.key() == "Escape" { renaming.set(false); }
                        }/>
                    <button type="button" class="link-button" on:click=move |_| save_name()>"保存"</button>
                    <button type="button" class="link-button" on:click=move |_| renaming.set(false)>"取消"</button>
                }
                .into_any()
            } else {
                view! {
                    <span class="draft-title">{name.clone()}</span>
                    {locked.then(|| view! { " " <span class="badge">"口令保护"</span> })}
                }
                .into_any()
            }
        }
    };
    let focus_rename = input_id.clone();
    view! {
        <tr>
            <td data-label="名称">{name_cell}</td>
            <td data-label=kind_label>{kind}</td>
            <td data-label="最后保存">{clock::date_time(draft.saved_at)}</td>
            <td data-label="完成度">
                <span class="progress">
                    <progress max="100" value=percent aria-label=format!("完成度 {percent}%")></progress>
                    " " {format!("{}/{} 步", draft.summary.steps_done, draft.summary.steps_total)}
                </span>
            </td>
            <td data-label="操作" class="actions"><div class="row-actions">
                <button type="button" class="link-button" on:click=move |_| run(Action::Open(id_open.clone()))
                    aria-label=format!("打开「{name}」")>"打开"</button>
                {(!locked).then(|| view! {
                    <button type="button" class="link-button" on:click=move |_| {
                        renaming.set(true);
                        crate::ui::store::focus_after_render(focus_rename.clone());
                    }>"重命名"</button>
                    <button type="button" class="link-button" on:click=move |_| run(Action::Copy(id_copy.clone()))>"复制"</button>
                    <button type="button" class="link-button" on:click=move |_| run(Action::Export(id_export.clone()))>"导出"</button>
                })}
                <button type="button" class="link-button danger" on:click=delete>"删除"</button>
            </div></td>
        </tr>
    }
}

#[component]
fn DeletedList(drafts: Vec<DraftMetaV1>, run: impl Fn(Action) + Copy + Send + Sync + 'static) -> impl IntoView {
    if drafts.is_empty() {
        return ().into_any();
    }
    let count = drafts.len();
    view! {
        <details class="deleted-drafts">
            <summary>{format!("最近删除（{count}）· 保留 7 天")}</summary>
            <ul>
                {drafts.into_iter().map(|d| {
                    let (restore_id, purge_id) = (d.id.clone(), d.id.clone());
                    let name = d.display_name();
                    let name_for_purge = name.clone();
                    view! {
                        <li>
                            <span>{name.clone()}</span>
                            <span class="muted">{format!(" 删除于 {}", clock::date_time(d.deleted_at.unwrap_or_default()))}</span>
                            <button type="button" class="link-button" on:click=move |_| run(Action::Restore(restore_id.clone()))>"恢复"</button>
                            <button type="button" class="link-button danger" on:click=move |_| {
                                if dom::confirm(&format!("永久删除「{name_for_purge}」？此操作无法撤销。")) {
                                    run(Action::Purge(purge_id.clone()));
                                }
                            }>"永久删除"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </details>
    }
    .into_any()
}

/// 「已删除……」 with 撤销, for [`UNDO_MS`] after a deletion.
#[component]
fn UndoToast(
    undo: RwSignal<Option<DraftMetaV1>>,
    on_undo: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    Effect::new(move |_| {
        if let Some(deleted) = undo.get() {
            set_timeout(
                move || {
                    if undo.get_untracked().is_some_and(|d| d.id == deleted.id) {
                        undo.set(None);
                    }
                },
                std::time::Duration::from_millis(UNDO_MS),
            );
        }
    });
    view! {
        <div class="toast-region" role="status" aria-live="polite">
            {move || undo.get().map(|d| {
                let id = d.id.clone();
                view! {
                    <p class="toast">
                        {format!("已删除「{}」。", d.display_name())}
                        <button type="button" class="link-button" on:click=move |_| on_undo(id.clone())>"撤销"</button>
                    </p>
                }
            })}
        </div>
    }
}

#[component]
fn StoragePanel(health: LocalResource<storage_health::StorageHealth>) -> impl IntoView {
    move || {
        health.get().map(|h| {
            let usage = match (h.usage, h.quota) {
                (Some(used), Some(quota)) => format!(
                    "本网站在本机已用 {}，可用上限约 {}。",
                    format_bytes(used as u64),
                    format_bytes(quota as u64)
                ),
                _ => "浏览器未提供存储用量信息。".to_string(),
            };
            let persisted = if h.persisted {
                "浏览器已同意长期保存这些数据，磁盘紧张时也不会自动清除。"
            } else {
                "浏览器未同意长期保存：磁盘空间紧张时可能清除本地数据，请定期导出草稿备份。"
            };
            view! {
                <section class="storage-panel" aria-labelledby="storage-heading">
                    <h2 id="storage-heading">"本机存储"</h2>
                    <p>{usage}</p>
                    <p>{persisted}</p>
                </section>
            }
        })
    }
}
