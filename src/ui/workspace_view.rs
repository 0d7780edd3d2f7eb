//! The standalone app as the session's host: opens this browser's storage, starts the session's
//! workspace, keeps the open draft in the address (`?draft=…`, so a reload returns to it), resumes
//! sending when the network comes back, and shows the screen the workspace chose.

use std::sync::Arc;

use leptos::prelude::*;
use zhicheng_browser::file_store::BrowserFiles;
use zhicheng_browser::{dom, idb, PagePorts};
use zhicheng_engine::FormSchema;
use zhicheng_session::{Screen, Workspace};

use crate::ui::bridge::follow;
use crate::ui::drafts_page::DraftsPage;
use crate::ui::form_app::FormApp;
use crate::ui::session::Session;
use crate::ui::unlock_page::UnlockPage;

/// Opens the store (IndexedDB, or memory when the browser refuses it) and shows the workspace.
#[component]
pub fn WorkspaceView(schema: Arc<FormSchema>) -> impl IntoView {
    let opened = RwSignal::new_local(None::<PagePorts>);
    leptos::task::spawn_local(async move {
        opened.try_set(Some(zhicheng_browser::open_ports().await));
    });
    // Another tab on an older version of the app can hold the database open and hold up this
    // page's upgrade of it: say so instead of waiting silently.
    let waiting = RwSignal::new(false);
    set_timeout(
        move || waiting.set(opened.with_untracked(Option::is_none) && idb::open_is_blocked()),
        std::time::Duration::from_millis(1500),
    );
    move || match opened.get() {
        Some(page) => view! { <Started page=page schema=schema.clone()/> }.into_any(),
        None if waiting.get() => view! {
            <p class="notice" role="alert">
                "本应用已更新，但另一个标签页或窗口仍在使用旧版本，本页暂时无法打开草稿。"
                "请关闭（或刷新）本应用的其他标签页，本页会自动继续，已保存的草稿不受影响。"
            </p>
        }
        .into_any(),
        None => view! { <p class="loading" role="status">"正在打开草稿…"</p> }.into_any(),
    }
}

/// The workspace of an opened store, started on the draft in the address.
#[component]
fn Started(page: PagePorts, schema: Arc<FormSchema>) -> impl IntoView {
    let workspace = Workspace::new(page.ports, schema);
    if let Some(refused) = page.refused {
        workspace.notice().set(Some(format!(
            "{refused}。本次填写只保存在当前页面中，关闭或刷新页面会丢失；请随时点击「导出备份」保存到文件，或换用普通窗口。"
        )));
    }
    let requested = dom::query_param("draft");
    let screen = follow(workspace.screen());
    Effect::new(move || {
        if let Some(id) = screen.with(|s| (!matches!(s, Screen::Starting)).then(|| s.draft_id())) {
            dom::set_query_param("draft", id.as_deref());
        }
    });
    let starting = workspace.clone();
    leptos::task::spawn_local(async move { starting.start(requested).await });
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
            Screen::List => view! { <DraftsPage/> }.into_any(),
            Screen::Form(open) => view! { <FormApp open=open/> }.into_any(),
            Screen::Unlock(meta) => view! { <UnlockPage meta=*meta/> }.into_any(),
            Screen::Starting => view! { <p class="loading" role="status">"正在打开草稿…"</p> }.into_any(),
        }}
    }
}
