//! The app shell: loads the form schema named in the URL, then hands over to the workspace.

use std::sync::Arc;

use leptos::prelude::*;
use zhicheng_browser::schema_source::{HttpSchemaSource, SchemaSource};

use crate::ui::workspace_view::WorkspaceView;

/// The form shown when the URL does not name one (`?form=…`).
pub const DEFAULT_FORM: &str = "sz-title-review";

/// The form named by `?form=…` when it is a plain identifier, else the default form.
fn requested_form() -> String {
    zhicheng_browser::dom::query_param("form")
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
            Some(Ok(schema)) => view! { <WorkspaceView schema=Arc::new(schema)/> }.into_any(),
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
