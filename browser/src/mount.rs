//! One copy of the app on a page: the whole document (the standalone app, whose address keeps
//! its place) or a portal's `<zhicheng-form>` element (its own shadow root, settings from the
//! host, its place kept in memory and the host's callbacks for events and request headers).
//! Several widgets on one page each have their own `Mount`; the UI finds its own in context.

#[cfg(feature = "widget")]
use std::cell::RefCell;
use std::rc::Rc;

use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};

use crate::dom;
#[cfg(feature = "widget")]
use crate::widget_host::{HostHooks, OpenSlot};

/// Where a copy of the app lives and what its host asked for. Cloning shares it.
#[derive(Clone)]
pub struct Mount(Rc<Inner>);

struct Inner {
    place: Place,
    settings: Settings,
    /// The widget's `?form=` and `?draft=`, which the standalone app keeps in the address.
    #[cfg(feature = "widget")]
    remembered: RefCell<Vec<(String, String)>>,
    #[cfg(feature = "widget")]
    hooks: HostHooks,
    #[cfg(feature = "widget")]
    open: RefCell<OpenSlot>,
}

enum Place {
    Document,
    /// A widget: the element inside its shadow root that the app is mounted in.
    #[cfg(feature = "widget")]
    Shadow {
        shadow: web_sys::ShadowRoot,
        container: web_sys::HtmlElement,
    },
}

/// What the host chose (`<zhicheng-form>`'s attributes, or `ZhichengForm.mount`'s options).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    pub form: Option<String>,
    pub draft: Option<String>,
    pub endpoint: Option<String>,
    /// Where `forms/`, `reports/`, `calendar/` and `catalog.json` are (ends in `/`).
    pub base_url: Option<String>,
    pub readonly: bool,
    /// `training`: 演示与培训 (its own storage, the simulated receiver, personas and tips).
    #[cfg(feature = "training")]
    pub mode: Option<String>,
}

impl Mount {
    /// The standalone app: the whole page, its address (`?form=`, `?draft=`, `?submit=`) and the
    /// `data-form` / `data-submit-endpoint` attributes of `<body>` (a portal serving its own copy).
    pub fn standalone() -> Mount {
        let settings = Settings {
            form: dom::body_attribute("data-form"),
            endpoint: dom::query_param("submit")
                .map(|v| js_sys::decode_uri_component(&v).ok().and_then(|s| s.as_string()).unwrap_or(v))
                .or_else(|| dom::body_attribute("data-submit-endpoint")),
            ..Settings::default()
        };
        Mount(Rc::new(Inner {
            place: Place::Document,
            settings,
            #[cfg(feature = "widget")]
            remembered: RefCell::default(),
            #[cfg(feature = "widget")]
            hooks: HostHooks::none(),
            #[cfg(feature = "widget")]
            open: RefCell::default(),
        }))
    }

    /// A widget in `container`, inside `shadow`, as `settings` and `hooks` say.
    #[cfg(feature = "widget")]
    pub(crate) fn widget(
        shadow: web_sys::ShadowRoot,
        container: web_sys::HtmlElement,
        settings: Settings,
        hooks: HostHooks,
    ) -> Mount {
        let remembered = [("form", &settings.form), ("draft", &settings.draft)]
            .into_iter()
            .filter_map(|(name, value)| Some((name.to_string(), value.clone()?)))
            .collect();
        Mount(Rc::new(Inner {
            place: Place::Shadow { shadow, container },
            settings,
            remembered: RefCell::new(remembered),
            hooks,
            open: RefCell::default(),
        }))
    }

    #[cfg(feature = "widget")]
    pub(crate) fn open_slot(&self) -> std::cell::RefMut<'_, OpenSlot> {
        self.0.open.borrow_mut()
    }

    #[cfg(feature = "widget")]
    pub(crate) fn hooks(&self) -> &HostHooks {
        &self.0.hooks
    }

    pub fn settings(&self) -> &Settings {
        &self.0.settings
    }

    /// Whether this copy runs training mode. Always false in a bundle built without it.
    pub fn is_training(&self) -> bool {
        #[cfg(feature = "training")]
        return self.0.settings.mode.as_deref() == Some("training");
        #[cfg(not(feature = "training"))]
        false
    }

    /// Where this copy keeps its drafts: training mode's shelf never meets the applicant's own.
    pub fn shelf(&self) -> crate::idb::Shelf {
        match self.is_training() {
            true => crate::idb::Shelf::TRAINING,
            false => crate::idb::Shelf::REAL,
        }
    }

    /// The URL of one of the app's own files (`forms/…`, `reports/…`): beside the page for the
    /// standalone app, under the widget's base URL otherwise.
    pub fn file_url(&self, path: &str) -> String {
        match &self.0.settings.base_url {
            Some(base) if base.ends_with('/') => format!("{base}{path}"),
            Some(base) => format!("{base}/{path}"),
            None => path.to_string(),
        }
    }

    /// A remembered place (`form`, `draft`): the address's query for the standalone app.
    pub fn param(&self, name: &str) -> Option<String> {
        match self.0.place {
            Place::Document => dom::query_param(name),
            #[cfg(feature = "widget")]
            Place::Shadow { .. } => self.0.remembered.borrow().iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()),
        }
    }

    /// Remembers (or with `None` forgets) a place, so that a reload (or a remount) comes back to it.
    pub fn set_param(&self, name: &str, value: Option<&str>) {
        match self.0.place {
            Place::Document => dom::set_query_param(name, value),
            #[cfg(feature = "widget")]
            Place::Shadow { .. } => {
                let mut remembered = self.0.remembered.borrow_mut();
                remembered.retain(|(n, _)| n != name);
                if let Some(value) = value {
                    remembered.push((name.to_string(), value.to_string()));
                }
            }
        }
    }

    /// The element with `id` in this copy of the app (ids repeat across widgets' shadow roots).
    pub fn element(&self, id: &str) -> Option<web_sys::HtmlElement> {
        let found = match &self.0.place {
            Place::Document => web_sys::window()?.document()?.get_element_by_id(id),
            #[cfg(feature = "widget")]
            Place::Shadow { shadow, .. } => shadow.get_element_by_id(id),
        };
        found?.dyn_into().ok()
    }

    /// Focuses the element with `id` and brings it into view. False when it is not there.
    pub fn focus(&self, id: &str) -> bool {
        self.element(id).is_some_and(|el| dom::focus_element(&el))
    }

    /// Centres the element `id` in its sideways-scrolling ancestor `scroller` (the phone stepper).
    pub fn center_in_scroller(&self, id: &str, scroller: &str) {
        if let Some(el) = self.element(id) {
            dom::center_element_in_scroller(&el, scroller);
        }
    }

    /// Back to the top after a step change: the page's top, or the widget's when it is above view.
    pub fn scroll_to_top(&self) {
        match &self.0.place {
            Place::Document => dom::scroll_to_top(),
            #[cfg(feature = "widget")]
            Place::Shadow { container, .. } if container.get_bounding_client_rect().top() < 0.0 => {
                container.scroll_into_view_with_bool(true);
            }
            #[cfg(feature = "widget")]
            Place::Shadow { .. } => {}
        }
    }

    /// The current value of the input `id` (empty when there is none).
    pub fn input_value(&self, id: &str) -> String {
        self.element(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|input| input.value())
            .unwrap_or_default()
    }

    /// The `<zhicheng-form>` element a widget is mounted in (`None` for the standalone app).
    #[cfg(feature = "widget")]
    pub(crate) fn widget_host(&self) -> Option<web_sys::Element> {
        match &self.0.place {
            Place::Document => None,
            Place::Shadow { shadow, .. } => Some(shadow.host()),
        }
    }

    /// Adopts `sheets` as the styles of this copy's report (the page's, or the shadow root's).
    pub(crate) fn adopt_sheets(&self, sheets: &JsValue) {
        match &self.0.place {
            Place::Document => {
                if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                    document.set_adopted_style_sheets(sheets);
                }
            }
            #[cfg(feature = "widget")]
            Place::Shadow { shadow, .. } => shadow.set_adopted_style_sheets(sheets),
        }
    }
}
