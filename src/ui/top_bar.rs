//! The open form's top bar: 我的事项, the draft's name as typed, 报表打印, 资格自查 (when the form
//! has it), 导出备份, the lock, and the save status (a live region).

use leptos::prelude::*;
use zhicheng_browser::files;

use crate::ui::bridge::follow;
use crate::ui::lock_control::LockControl;
use crate::ui::memo::memo;
use crate::ui::navigator::HomeButton;
use crate::ui::save_status::status_text;
use crate::ui::session::use_session;
use crate::ui::store::{focus_after_render, use_store};

#[component]
pub fn TopBar(held: Memo<bool>, reports_open: RwSignal<bool>, eligibility_open: RwSignal<bool>) -> impl IntoView {
    let (store, session) = (use_store(), use_session());
    let status = follow(store.form().status());
    let persistent = session.is_persistent();
    let viewing_package = store.form().sent_package().is_some();
    let name = memo(move || {
        store.state.track();
        store.form().display_name()
    });
    let to_list = move |_| session.workspace().show_list();
    let brand = format!("{} · 职称申报", session.workspace().schema().subtitle.split(" · ").next().unwrap_or_default());
    let has_eligibility = store.state.with_untracked(|s| s.has_eligibility());
    let toggle_eligibility = move |_| {
        eligibility_open.update(|open| *open = !*open);
        focus_after_render(
            if eligibility_open.get_untracked() { "eligibility-title" } else { "page-heading" }.to_string(),
        );
    };
    let export = move |_| {
        let (workspace, form) = (session.workspace(), store.form());
        session.spawn(async move {
            let made = workspace.export(&form.snapshot()).await;
            match made.and_then(|file| files::download(&file.bytes, &file.name, file.media_type)) {
                Ok(()) => {}
                Err(e) => form.note(format!("导出失败：{e}")),
            }
        });
    };
    view! {
        <header class="topbar" part="topbar">
            <div class="topbar-inner">
                <p class="brand">{brand}</p>
                <nav class="topbar-nav" aria-label="草稿">
                    <HomeButton/>
                    <button type="button" class="link-button" on:click=to_list>"我的事项"</button>
                    <span class="draft-name">{move || name.get()}</span>
                    <button type="button" class="link-button" on:click=move |_| reports_open.set(true)>"报表打印"</button>
                    {has_eligibility.then(|| view! {
                        <button type="button" class="link-button" aria-controls="eligibility" aria-expanded=move || eligibility_open.get().to_string() on:click=toggle_eligibility>"资格自查"</button>
                    })}
                    // A package as it was sent is no draft: nothing to back up or lock.
                    {(!viewing_package).then(|| view! { <button type="button" class="link-button" on:click=export>"导出备份"</button> })}
                    // A submitted declaration's files are still needed by its package: no lock then.
                    {move || (!held.get()).then(|| view! { <LockControl/> })}
                </nav>
                <p class="save-status" role="status" aria-live="polite">{move || status.with(|s| status_text(s, persistent))}</p>
            </div>
        </header>
    }
}
