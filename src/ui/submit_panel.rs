//! 提交申报 on 核对信息 (in the form's own words: a unit batch is 「报送评委会办公室」): the button
//! once the declaration is finished, then where its package is (`journey.rs`), with one live
//! region that says each file sent and the receipt.

use leptos::prelude::*;
use zhicheng_engine::{Phase, SubmissionV1};

use crate::ui::journey::Journey;
use crate::ui::memo::memo;
use crate::ui::session::use_session;
use crate::ui::store::use_store;

#[component]
pub fn SubmitPanel() -> impl IntoView {
    let (store, session) = (use_store(), use_session());
    let latest = {
        let id = store.form().id();
        memo(move || session.latest_for(&id))
    };
    // One live region that stays in the page, so screen readers hear each file and the receipt
    // once, not every step of the progress bar (the panel below is rebuilt on every step).
    let announcement = memo(move || latest.with(|entry| entry.as_ref().map(announce).unwrap_or_default()));
    let finished = memo(move || store.state.with(|s| s.is_finished()));
    let label = store.state.with_untracked(|s| s.schema().submit_label().to_string());
    let viewing_package = store.form().sent_package().is_some();
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let locked = memo(move || {
        store.state.track();
        store.form().is_locked()
    });
    let passphrase = RwSignal::new(String::new());
    if !viewing_package {
        // What a package needs besides the answers is fetched now, so that 提交申报 still works
        // if the network goes before the applicant presses it.
        let (submissions, schema) = (session.workspace().submissions().clone(), store.form().schema());
        session.spawn(async move { submissions.get_ready(schema).await });
    }
    let submit = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let (submissions, form) = (session.workspace().submissions().clone(), store.form());
        session.spawn(async move {
            let passphrase = passphrase.get_untracked();
            if let Err(e) = submissions.submit(&form, Some(&passphrase)).await {
                problem.set(Some(format!("未能提交：{e}")));
            }
            busy.set(false);
        });
    };
    view! {
        <section class="submit-panel" aria-labelledby="submit-heading">
            <h3 id="submit-heading">{label.clone()}</h3>
            <p class="visually-hidden" role="status" aria-live="polite">{move || announcement.get()}</p>
            {move || {
                let entry = latest.get();
                // A package as it was sent is no declaration to submit: its draft is.
                let can_submit = !viewing_package
                    && finished.get()
                    && entry.as_ref().is_none_or(SubmissionV1::releases_draft);
                view! {
                    {entry.map(|entry| view! { <Journey entry=entry submit_label=label.clone()/> })}
                    {(!finished.get()).then(|| view! { <p class="hint">"完成填写（通过全部校验）后即可提交。"</p> })}
                    {(can_submit && locked.get()).then(|| view! { <LockedSubmit passphrase=passphrase/> })}
                    {can_submit.then(|| view! {
                        <button type="button" class="button primary" disabled=move || busy.get() on:click=submit>
                            {let label = label.clone(); move || if busy.get() { "正在准备申报包…".to_string() } else { label.clone() }}
                        </button>
                    })}
                }
            }}
            {move || problem.get().map(|p| view! { <p class="message error" role="alert">{p}</p> })}
        </section>
    }
}

/// A locked draft is submitted with its passphrase: the draft stays sealed, the package is plain.
#[component]
fn LockedSubmit(passphrase: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="field">
            <p class="hint" id="submit-passphrase-hint">
                "这份草稿已加锁。提交后，申报包（填写内容和附件）在发送完成前会以明文保存在本机；草稿本身仍加密保存。请输入口令确认提交："
            </p>
            <label for="submit-passphrase">"口令"</label>
            <input id="submit-passphrase" class="input" type="password" autocomplete="current-password"
                aria-describedby="submit-passphrase-hint" on:input=move |ev| passphrase.set(event_target_value(&ev))/>
        </div>
    }
}

/// What the live region says of a package: the files sent while sending, the receipt once
/// received (a stop is an alert of its own).
fn announce(entry: &SubmissionV1) -> String {
    match entry.phase {
        Phase::Sending => {
            let (sent, files) = entry.files_sent();
            format!("正在提交：已发送 {sent} / {files} 个文件")
        }
        Phase::Sent => format!("已提交，业务流水号 {}", entry.receipt.as_deref().unwrap_or_default()),
        Phase::Stopped => String::new(),
    }
}
