//! The app shell: opens this browser's storage, then shows the start page (choosing a
//! declaration, every draft of every system) or the form the host names (the address's
//! `?form=…`, or a widget's `form`).

use std::sync::Arc;

use leptos::prelude::*;
use zhicheng_browser::mount::Mount;
use zhicheng_browser::schema_source::{is_plain_id, HttpSchemaSource, SchemaSource};
use zhicheng_browser::PagePorts;
use zhicheng_session::host_api::HostEvent;

use crate::ui::loaded::loaded;
use crate::ui::mounted::{provide_mount, use_mount};
use crate::ui::navigator::{FormStart, Navigator, Route};
use crate::ui::ports_gate::PortsGate;
use crate::ui::start_page::StartPage;
use crate::ui::training_hooks;
use crate::ui::workspace_view::WorkspaceView;

/// The form a bare `?draft=…` link (made before the start page existed) belongs to.
pub const DEFAULT_FORM: &str = "sz-title-review";

/// The route the host asks for: `?form=` (or the host's `form`), a bare `?draft=` of the default
/// form, else the start page. `draft=new` starts a new draft of the form.
fn requested_route(mount: &Mount) -> Route {
    let plain = |id: String| is_plain_id(&id).then_some(id);
    let form = mount.param("form").and_then(plain).or_else(|| mount.settings().form.clone().and_then(plain));
    match (form, mount.param("draft")) {
        (Some(form_id), Some(draft)) if draft == "new" => Route::Form { form_id, start: FormStart::New(Vec::new()) },
        (Some(form_id), _) => Route::Form { form_id, start: FormStart::Usual },
        (None, Some(_)) => Route::Form { form_id: DEFAULT_FORM.to_string(), start: FormStart::Usual },
        (None, None) => Route::Start,
    }
}

#[component]
pub fn App(mount: Mount) -> impl IntoView {
    let route = RwSignal::new(requested_route(&mount));
    // Read before the mount goes into context, so that a bundle without training mode sees a
    // constant and keeps no code for it.
    let training = mount.is_training();
    let mount = provide_mount(mount);
    provide_context(Navigator { route, mount });
    let routes = move |page: PagePorts| {
        let page = StoredValue::new_local(page);
        move || match route.get() {
            #[cfg(feature = "training")]
            Route::Start if training => training_hooks::start_page(page.get_value()),
            Route::Start => view! { <StartPage page=page.get_value()/> }.into_any(),
            Route::Form { form_id, start } => {
                view! { <FormRoute page=page.get_value() form_id=form_id start=start/> }.into_any()
            }
        }
    };
    view! {
        <a class="skip-link" href="#main">"跳到主要内容"</a>
        {training_hooks::band(training)}
        <PortsGate then=move |page: PagePorts| training_hooks::gate(training, page, routes)/>
    }
}

/// Loads a form's schema and mounts its workspace, or explains what went wrong.
#[component]
fn FormRoute(page: PagePorts, form_id: String, start: FormStart) -> impl IntoView {
    let page = StoredValue::new_local(page);
    let mount = use_mount();
    let loaded = loaded(move || {
        let form_id = form_id.clone();
        let source = HttpSchemaSource(mount.clone());
        async move { source.load(&form_id).await.map(Arc::new) }
    });
    move || match loaded.get() {
        None => view! { <p class="loading" role="status">"正在加载申报表…"</p> }.into_any(),
        Some(Err(messages)) => view! { <LoadError messages=messages/> }.into_any(),
        Some(Ok(schema)) => {
            view! { <WorkspaceView page=page.get_value() schema=schema start=start.clone()/> }.into_any()
        }
    }
}

#[component]
pub fn LoadError(messages: Vec<String>) -> impl IntoView {
    let navigator = expect_context::<Navigator>();
    // A portal hears it too (`zc-error`).
    use_mount().emit(&HostEvent::Error { message: format!("申报表无法打开：{}", messages.join("；")) });
    view! {
        <main class="load-error" role="alert">
            <h1>"申报表无法打开"</h1>
            <p>"请刷新页面重试；如果问题仍然存在，请把以下信息告诉技术支持："</p>
            <ul>{messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            <button type="button" class="button" on:click=move |_| navigator.home()>"返回首页"</button>
        </main>
    }
}
