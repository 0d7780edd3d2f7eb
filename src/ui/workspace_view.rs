//! The standalone app as the session's host: starts the session's workspace on the page's
//! storage, keeps the open draft in the address (`?draft=…`, so a reload returns to it), resumes
//! sending when the network comes back, and shows the screen the workspace chose.

use std::sync::Arc;

use leptos::prelude::*;
use zhicheng_browser::file_store::BrowserFiles;
use zhicheng_browser::PagePorts;
use zhicheng_engine::FormSchema;
use zhicheng_session::{Screen, Workspace};

use crate::ui::bridge::follow;
use crate::ui::deferred::deferred;
use crate::ui::form_app::FormApp;
use crate::ui::mounted::use_mount_handle;
use crate::ui::navigator::FormStart;
use crate::ui::on_demand::{drafts_page, fetch_drafts, fetch_unlock, unlock_page};
use crate::ui::session::Session;

/// The workspace of the page's store for `schema`, started on the draft in the address or on a
/// new draft holding the start page's choices.
#[component]
pub fn WorkspaceView(page: PagePorts, schema: Arc<FormSchema>, start: FormStart) -> impl IntoView {
    let workspace = Workspace::new(page.ports, schema);
    if let Some(refused) = page.refused {
        workspace.notice().set(Some(format!(
            "{refused}。本次填写只保存在当前页面中，关闭或刷新页面会丢失；请随时点击「导出备份」保存到文件，或换用普通窗口。"
        )));
    }
    let screen = follow(workspace.screen());
    let mount = use_mount_handle();
    mount.with_value(|m| m.workspace_started(workspace.clone()));
    Effect::new(move || {
        if let Some(id) = screen.with(|s| (!matches!(s, Screen::Starting)).then(|| s.draft_id())) {
            mount.with_value(|m| m.set_param("draft", id.as_deref()));
        }
    });
    let starting = workspace.clone();
    let asked = mount.with_value(|m| m.param("draft"));
    leptos::task::spawn_local(async move {
        match start {
            FormStart::Usual => starting.start(asked).await,
            FormStart::New(choices) => starting.start_new(choices).await,
        }
    });
    view! { <Screens workspace=workspace files=page.files/> }
}

/// Whatever screen the workspace shows, with the session in context; packages still to send go
/// on when the network comes back.
#[component]
pub fn Screens(workspace: Workspace, files: BrowserFiles) -> impl IntoView {
    let session = Session::new(workspace.clone(), files);
    provide_context(session);
    let screen = follow(workspace.screen());
    let notice = follow(workspace.notice());
    let online = window_event_listener(leptos::ev::online, move |_| session.workspace().submissions().resume_sending());
    on_cleanup(move || online.remove());
    view! {
        {move || notice.get().map(|n| view! { <p class="notice storage-notice" role="alert">{n}</p> })}
        {move || match screen.get() {
            Screen::List => deferred(fetch_drafts, drafts_page).into_any(),
            Screen::Form(open) => view! { <FormApp open=open/> }.into_any(),
            Screen::Unlock(meta) => deferred(fetch_unlock, move || unlock_page(*meta.clone())).into_any(),
            Screen::Starting => view! { <p class="loading" role="status">"正在打开草稿…"</p> }.into_any(),
        }}
    }
}
