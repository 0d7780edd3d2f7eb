//! 加锁 / 解除加锁 of the open draft: the top-bar button; 加锁 opens the passphrase dialog
//! (`lock_dialog.rs`, loaded on demand). The work is the session's `lock` module.

use leptos::prelude::*;
use zhicheng_session::lock;

use crate::ui::deferred::deferred;
use crate::ui::memo::memo;
use crate::ui::on_demand::{self, fetch_lock};
use crate::ui::session::use_session;
use crate::ui::store::{focus_after_render, use_store};

#[component]
pub fn LockControl() -> impl IntoView {
    let (store, session) = (use_store(), use_session());
    let open = RwSignal::new(false);
    let working = RwSignal::new(None::<&'static str>);
    let locked = memo(move || {
        store.state.track();
        store.form().is_locked()
    });
    let persistent = session.is_persistent();
    let remove_lock = move |_| {
        if !zhicheng_browser::dom::confirm("解除加锁后，这份草稿和它的附件将以不加密的形式保存在本机。确定解除吗？")
        {
            return;
        }
        let form = store.form();
        working.set(Some("正在解密附件…"));
        session.spawn(async move {
            let done = lock::unlock(&form).await;
            working.set(None);
            if let Err(e) = done {
                form.note(e);
            }
        });
    };
    view! {
        {move || if locked.get() {
            view! { <button type="button" class="link-button" on:click=remove_lock>"已加锁 · 解除"</button> }.into_any()
        } else {
            view! {
                <button type="button" class="link-button" disabled=!persistent
                    title=if persistent { "" } else { "本机无法保存草稿时不能加锁" }
                    on:click=move |_| { open.set(true); focus_after_render("lock-passphrase".to_string()); }>"加锁"</button>
            }.into_any()
        }}
        {move || working.get().filter(|_| !open.get()).map(|w| view! { <span class="working">{w}</span> })}
        {move || open.get().then(|| deferred(fetch_lock, move || on_demand::lock_dialog(open, working)))}
    }
}
