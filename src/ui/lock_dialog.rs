//! 加锁's dialog asking for the passphrase twice (loaded on demand, `on_demand.rs`; the top-bar
//! button that opens it is `lock_control.rs`). The work is the session's `lock` module.

use leptos::prelude::*;
use zhicheng_session::lock;

use crate::ui::modal::Modal;
use crate::ui::session::use_session;
use crate::ui::store::use_store;

/// The passphrase, twice; locking seals every attached file, then the answers.
#[component]
pub fn LockDialog(open: RwSignal<bool>, working: RwSignal<Option<&'static str>>) -> impl IntoView {
    let (store, session) = (use_store(), use_session());
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let passphrase = first.get_untracked();
        if let Err(why) = lock::check_new_passphrase(&passphrase, &second.get_untracked()) {
            problem.set(Some(why));
            return;
        }
        problem.set(None);
        working.set(Some("正在由口令生成密钥并加密附件，请稍候…"));
        let form = store.form();
        session.spawn(async move {
            let done = lock::lock(&form, &passphrase).await;
            working.set(None);
            match done {
                Ok(()) => open.set(false),
                Err(e) => problem.set(Some(e)),
            }
        });
    };
    view! {
        <Modal labelledby="lock-title" describedby="lock-text" open=open>
            <form on:submit=submit>
                <h2 id="lock-title">"为这份草稿加锁"</h2>
                <p id="lock-text">"加锁后，本机保存的填写内容和附件都会用口令加密，他人使用这台电脑也无法查看。每次打开草稿都需要输入口令。"</p>
                <p class="notice">"口令无法找回：忘记口令，草稿将无法打开。建议先「导出备份」。"</p>
                <div class="field">
                    <label for="lock-passphrase">"口令（至少 8 个字符）"</label>
                    <input id="lock-passphrase" class="input" type="password" autocomplete="new-password" on:input=move |ev| first.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="lock-passphrase-again">"再次输入口令"</label>
                    <input id="lock-passphrase-again" class="input" type="password" autocomplete="new-password"
                        aria-invalid=move || problem.get().is_some().to_string() aria-describedby="lock-message"
                        on:input=move |ev| second.set(event_target_value(&ev))/>
                </div>
                <p id="lock-message" class="message error" role="alert">{move || problem.get()}</p>
                <p class="working" role="status">{move || working.get()}</p>
                <div class="dialog-actions">
                    <button type="submit" class="button primary" disabled=move || working.get().is_some()>"加锁"</button>
                    <button type="button" class="button secondary" on:click=move |_| open.set(false)>"取消"</button>
                </div>
            </form>
        </Modal>
    }
}
