//! The passphrase prompt of a locked draft. A wrong passphrase and a damaged draft get different
//! messages; nothing about the applicant is shown until the draft opens.

use leptos::prelude::*;
use zhicheng_browser::clock;
use zhicheng_engine::DraftMetaV1;

use crate::ui::mounted::use_mount;
use crate::ui::session::use_session;

#[component]
pub fn UnlockPage(meta: DraftMetaV1) -> impl IntoView {
    let session = use_session();
    let passphrase = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let working = RwSignal::new(false);
    let saved_at = meta.saved_at;
    let meta = StoredValue::new(meta);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (workspace, meta) = (session.workspace(), meta.get_value());
        working.set(true);
        problem.set(None);
        let mount = use_mount();
        session.spawn(async move {
            let outcome = workspace.unlock(&meta, &passphrase.get_untracked()).await;
            working.try_set(false);
            if let Err(message) = outcome {
                problem.try_set(Some(message));
                mount.focus("unlock-passphrase");
            }
        });
    };
    view! {
        <main id="main" class="content narrow" tabindex="-1">
            <h1 id="page-heading" tabindex="-1">"此草稿已加锁"</h1>
            <p>{format!("最后保存于 {}。请输入加锁时设置的口令。口令只在本机使用，不会上传。", clock::date_time(saved_at))}</p>
            <form on:submit=submit>
                <div class="field" class:has-error=move || problem.get().is_some()>
                    <label for="unlock-passphrase">"口令"</label>
                    <input id="unlock-passphrase" class="input" type="password" autocomplete="current-password" autofocus
                        aria-invalid=move || problem.get().is_some().to_string() aria-describedby="unlock-message"
                        on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                    <p id="unlock-message" class="message error" role="alert">{move || problem.get()}</p>
                </div>
                <div class="step-actions">
                    <button type="button" class="button secondary" on:click=move |_| session.workspace().show_list()>"返回我的事项"</button>
                    <button type="submit" class="button primary" disabled=move || working.get()>
                        {move || if working.get() { "正在解锁…" } else { "解锁" }}
                    </button>
                </div>
            </form>
        </main>
    }
}
