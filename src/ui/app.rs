//! The app shell: loads the schema, restores the draft, and lays out the stepper and the page.

use std::sync::Arc;

use leptos::prelude::*;
use zhicheng_engine::schema::FormSchema;
use zhicheng_engine::state::{FormState, Position};

use crate::browser::clock;
use crate::browser::draft_store::{DraftStore, LocalDraftStore};
use crate::browser::schema_source::{HttpSchemaSource, SchemaSource};
use crate::ui::review::ReviewPage;
use crate::ui::step_page::StepPage;
use crate::ui::stepper::Stepper;
use crate::ui::store::Store;

/// The form shown when the URL does not name one (`?form=…`).
pub const DEFAULT_FORM: &str = "sz-title-review";

/// The form named by `?form=…` when it is a plain identifier, else the default form.
fn requested_form() -> String {
    crate::browser::dom::query_param("form")
        .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or_else(|| DEFAULT_FORM.to_string())
}

/// Loads the schema and mounts the form, or explains what went wrong.
#[component]
pub fn App() -> impl IntoView {
    let form_id = requested_form();
    let loaded = LocalResource::new(move || {
        let form_id = form_id.clone();
        async move { HttpSchemaSource.load(&form_id).await }
    });
    view! {
        <a class="skip-link" href="#main">"跳到主要内容"</a>
        {move || match loaded.get() {
            None => view! { <p class="loading" role="status">"正在加载申报表…"</p> }.into_any(),
            Some(Err(messages)) => view! { <LoadError messages=messages/> }.into_any(),
            Some(Ok(schema)) => view! { <FormApp schema=Arc::new(schema) store=Arc::new(LocalDraftStore)/> }.into_any(),
        }}
    }
}

#[component]
fn LoadError(messages: Vec<String>) -> impl IntoView {
    view! {
        <main class="load-error" role="alert">
            <h1>"申报表无法打开"</h1>
            <p>"请刷新页面重试；如果问题仍然存在，请把以下信息告诉技术支持："</p>
            <ul>{messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
        </main>
    }
}

fn draft_key(form_id: &str) -> String {
    format!("zhicheng.draft.{form_id}")
}

/// Restores the saved draft of this form, or starts a new one. A saved draft that cannot be read
/// is set aside, never overwritten, and the returned notice tells the applicant so.
fn initial_state(schema: Arc<FormSchema>, drafts: &dyn DraftStore) -> (FormState, Option<String>) {
    let today = clock::today();
    let key = draft_key(&schema.id);
    let restored = match drafts.load(&key) {
        None => return (FormState::new(schema, today), None),
        Some(loaded) => loaded.and_then(|draft| FormState::from_draft(schema.clone(), draft, today)),
    };
    match restored {
        Ok(state) => (state, None),
        Err(reason) => {
            let notice = match drafts.set_aside(&key) {
                Ok(aside) => format!("之前保存的草稿无法读取（{reason}），已原样另存为「{aside}」，现为您新建空白申报表。"),
                Err(e) => format!("之前保存的草稿无法读取（{reason}），且无法另存（{e}）。"),
            };
            (FormState::new(schema, today), Some(notice))
        }
    }
}

/// The whole form for one schema.
#[component]
pub fn FormApp(schema: Arc<FormSchema>, store: Arc<dyn DraftStore + Send + Sync>) -> impl IntoView {
    let drafts = store;
    let (state, restore_notice) = initial_state(schema.clone(), drafts.as_ref());
    let store = Store::new(state);
    provide_context(store);
    let save_status = autosave(store, drafts, draft_key(&schema.id));

    let position = Memo::new(move |_| store.state.with(|s| s.position()));
    Effect::new(move |previous: Option<Position>| {
        let now = position.get();
        if previous.is_some_and(|p| p != now) {
            crate::browser::dom::scroll_to_top();
            crate::browser::dom::focus("page-heading");
            // Once the stepper has re-rendered, keep its current step in view (phones scroll it
            // sideways).
            leptos::task::spawn_local(async {
                leptos::task::tick().await;
                crate::browser::dom::center_in_scroller("current-step", "ol");
            });
        }
        now
    });

    view! {
        <header class="topbar">
            <div class="topbar-inner">
                <p class="brand">"深圳市人才一体化综合服务平台 · 职称申报"</p>
                <p class="save-status" role="status" aria-live="polite">{move || save_status.get()}</p>
            </div>
        </header>
        <div class="page-title">
            <h1>{schema.title.clone()}</h1>
            <p class="subtitle">{schema.subtitle.clone()}</p>
            {restore_notice.map(|n| view! { <p class="notice" role="alert">{n}</p> })}
        </div>
        <div class="layout">
            <Stepper/>
            <main id="main" class="content" tabindex="-1">
                {move || match position.get() {
                    Position::Step(step) => view! { <StepPage step=step/> }.into_any(),
                    Position::Review => view! { <ReviewPage/> }.into_any(),
                }}
            </main>
        </div>
    }
}

/// Saves the draft shortly after each change (at most every 300 ms) and returns the status text.
fn autosave(store: Store, drafts: Arc<dyn DraftStore + Send + Sync>, key: String) -> ReadSignal<String> {
    let (status, set_status) = signal(String::new());
    let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let save = move || {
        let draft = store.state.with_untracked(|s| s.to_draft());
        match drafts.save(&key, &draft) {
            Ok(()) => set_status.set(format!("已保存 {}", clock::clock_time())),
            Err(reason) => set_status.set(format!("保存失败：{reason}")),
        }
    };
    let save = StoredValue::new(save);
    Effect::new(move |first: Option<()>| {
        store.state.track();
        if first.is_none() {
            return;
        }
        set_status.set("保存中…".to_string());
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || save.with_value(|f| f()), std::time::Duration::from_millis(300));
        pending.set_value(handle.ok());
    });
    // Flush when the page is hidden or closed, so the last keystroke is never lost.
    let flush = move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
            pending.set_value(None);
            save.with_value(|f| f());
        }
    };
    let _ = window_event_listener(leptos::ev::pagehide, move |_| flush());
    let _ = window_event_listener(leptos::ev::visibilitychange, move |_| flush());
    status
}
