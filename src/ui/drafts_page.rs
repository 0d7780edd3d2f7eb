//! 我的事项 (as in the portals' user centre): the tabs of matters and the 草稿箱 of this form
//! (`matters.rs`), 最近删除, and how much storage the site uses. Every button is a session `DraftsCommand`.

use leptos::prelude::*;
use zhicheng_browser::{files, storage_health};
use zhicheng_engine::DraftMetaV1;
use zhicheng_session::DraftsCommand;

use crate::ui::deferred::deferred;
use crate::ui::deleted_list::DeletedList;
use crate::ui::drafts_command::RunCommand;
use crate::ui::loaded::loaded;
use crate::ui::matters::Matters;
use crate::ui::navigator::HomeButton;
use crate::ui::session::use_session;
use crate::ui::storage_panel::StoragePanel;
use crate::ui::undo_toast::UndoToast;
use crate::ui::unit_inbox::{fetch_unit_inbox, unit_inbox};

#[component]
pub fn DraftsPage() -> impl IntoView {
    let session = use_session();
    let refresh = RwSignal::new(0u32);
    let message = RwSignal::new(None::<String>);
    let undo = RwSignal::new(None::<DraftMetaV1>);
    let lists = loaded(move || {
        refresh.track();
        let workspace = session.workspace();
        async move { workspace.lists().await }
    });
    let command = Callback::new(move |command: DraftsCommand| {
        let workspace = session.workspace();
        let restoring = matches!(command, DraftsCommand::Restore(_));
        session.spawn(async move {
            let done = workspace.run(command).await;
            if let Some(file) = done.as_ref().ok().and_then(|d| d.download.clone()) {
                if let Err(e) = files::download(&file.bytes, &file.name, file.media_type) {
                    message.set(Some(format!("导出失败：{e}。")));
                }
            }
            if restoring {
                undo.set(None);
            }
            match done {
                Ok(done) => {
                    message.set(done.message);
                    if done.deleted.is_some() {
                        undo.set(done.deleted);
                    }
                }
                Err(e) => message.set(Some(e)),
            }
            refresh.update(|n| *n += 1);
        });
    });
    provide_context(RunCommand { command, message });
    let health = loaded(storage_health::check);
    let deciding = session.workspace().schema().settings.decides.is_some();
    view! {
        <header class="topbar" part="topbar">
            <div class="topbar-inner">
                <p class="brand">"深圳市人才一体化综合服务平台 · 职称申报"</p>
            </div>
        </header>
        <main id="main" class="drafts-page" tabindex="-1">
            <DraftsHeading/>
            {deciding.then(|| deferred(fetch_unit_inbox, unit_inbox))}
            {move || message.get().map(|m| view! { <p class="notice" role="alert" id="drafts-message">{m}</p> })}
            <UndoToast undo=undo/>
            {move || match lists.get() {
                None => view! { <p class="loading" role="status">"正在读取草稿…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="notice" role="alert">{e.message()}</p> }.into_any(),
                Some(Ok(lists)) => view! {
                    <Matters drafts=lists.active/>
                    <DeletedList drafts=lists.deleted/>
                }.into_any(),
            }}
            <StoragePanel health=health/>
        </main>
    }
}

/// The page's heading with 导入草稿… and the form's 新建 button, and where to find the other side.
#[component]
fn DraftsHeading() -> impl IntoView {
    let (session, run) = (use_session(), expect_context::<RunCommand>());
    let schema = session.workspace().schema().clone();
    let see_also = schema
        .settings
        .see_also
        .iter()
        .map(|link| view! { <a class="see-also" href=format!("?form={}", link.form)>{link.label.clone()}</a> })
        .collect_view();
    let import = move |ev: leptos::ev::Event| {
        if let Some(file) = files::chosen_file(&ev) {
            leptos::task::spawn_local(async move {
                match files::read_blob(&file).await {
                    Ok(bytes) => run.run(DraftsCommand::Import(bytes)),
                    Err(e) => run.say(format!("导入失败：{e}。")),
                }
            });
        }
    };
    view! {
        <div class="drafts-heading">
            <h1 id="page-heading" tabindex="-1">"我的事项"</h1>
            <div class="drafts-actions">
                <HomeButton/>
                <label class="button secondary" for="import-file">"导入草稿…"</label>
                <input type="file" id="import-file" class="visually-hidden" accept=".zip,application/zip" on:change=import/>
                // A decision starts from the declaration it is about (待审核的申报), never blank.
                {schema.settings.decides.is_none().then(|| view! {
                    <button type="button" class="button primary" on:click=move |_| run.run(DraftsCommand::Create)>
                        {schema.new_draft_label().to_string()}
                    </button>
                })}
            </div>
        </div>
        <p class="lead">"草稿保存在本机浏览器中，断网也不会丢失。换电脑或浏览器前，请先导出。"{see_also}</p>
    }
}
