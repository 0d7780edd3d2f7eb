//! Where the page is (the start page, or a form) and the moves between them, without reloading
//! (a private window's drafts live only in this page); the address follows, so a reload returns
//! to the same place.

use leptos::prelude::*;
use zhicheng_browser::mount::Mount;

/// Where the page is: the start page, or a form started on a draft or on a new one.
#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    Start,
    Form { form_id: String, start: FormStart },
}

/// How a form's workspace starts.
#[derive(Clone, Debug, PartialEq)]
pub enum FormStart {
    /// On the draft in the address, else the only draft, a new one or the 草稿箱.
    Usual,
    /// On a new draft holding the start page's choices.
    New(Vec<(String, String)>),
}

/// The page's route, shared through context, with the copy of the app whose place it keeps.
#[derive(Clone, Copy)]
pub struct Navigator {
    pub route: RwSignal<Route>,
    pub mount: StoredValue<Mount, LocalStorage>,
}

impl Navigator {
    pub fn home(&self) {
        let mount = self.mount.get_value();
        mount.set_param("draft", None);
        mount.set_param("form", None);
        self.route.set(Route::Start);
    }

    pub fn open(&self, form_id: &str, draft: Option<&str>) {
        let mount = self.mount.get_value();
        mount.set_param("form", Some(form_id));
        mount.set_param("draft", draft);
        self.route.set(Route::Form { form_id: form_id.to_string(), start: FormStart::Usual });
    }

    pub fn start_new(&self, form_id: &str, choices: Vec<(String, String)>) {
        let mount = self.mount.get_value();
        mount.set_param("draft", None);
        mount.set_param("form", Some(form_id));
        self.route.set(Route::Form { form_id: form_id.to_string(), start: FormStart::New(choices) });
    }
}

/// 首页: back to the start page (every system, every draft). Shown only under the app shell, so a
/// form mounted on its own (a test, a portal's page) has no dead button.
#[component]
pub fn HomeButton() -> impl IntoView {
    use_context::<Navigator>().map(|navigator| {
        view! { <button type="button" class="link-button" on:click=move |_| navigator.home()>"首页"</button> }
    })
}
