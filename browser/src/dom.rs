//! Moving keyboard focus and scrolling, for error summaries and step changes.

use wasm_bindgen::JsCast;

fn element(id: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?.document()?.get_element_by_id(id)?.dyn_into::<web_sys::HtmlElement>().ok()
}

/// Focuses the element with `id` and brings it into view. Returns false when it is not on the page.
pub fn focus(id: &str) -> bool {
    let Some(el) = element(id) else { return false };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&options);
    el.focus().is_ok()
}

/// Centres an element horizontally inside its sideways-scrolling ancestor `scroller` (the
/// stepper on phones). Only that list scrolls: the page and the focus stay where they are.
pub fn center_in_scroller(id: &str, scroller: &str) {
    let Some(el) = element(id) else { return };
    let Ok(Some(list)) = el.closest(scroller) else { return };
    let (item, frame) = (el.get_bounding_client_rect(), list.get_bounding_client_rect());
    let offset = item.left() - frame.left() - (frame.width() - item.width()) / 2.0;
    list.set_scroll_left(list.scroll_left() + offset as i32);
}

/// Scrolls the page back to the top (after a step change).
pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Asks the applicant to confirm a destructive action with the browser's own dialog.
pub fn confirm(message: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(message).ok()).unwrap_or(false)
}

/// Tells the applicant something that needs no answer, in the browser's own dialog.
pub fn alert(message: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.alert_with_message(message);
    }
}

/// The value of a query parameter of the page's URL (`?form=…`), if present.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| value.to_string())
    })
}

/// Sets (or with `None` removes) one query parameter of the page's URL without reloading, so a
/// reload comes back to the same place. Values are plain identifiers; other parameters stay.
pub fn set_query_param(name: &str, value: Option<&str>) {
    let Some(window) = web_sys::window() else { return };
    let search = window.location().search().unwrap_or_default();
    let mut pairs: Vec<String> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty() && pair.split('=').next() != Some(name))
        .map(str::to_string)
        .collect();
    if let Some(value) = value {
        pairs.push(format!("{name}={value}"));
    }
    let query = if pairs.is_empty() { String::new() } else { format!("?{}", pairs.join("&")) };
    let path = window.location().pathname().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{query}")));
    }
}

/// The current value of the input element `id` (empty when there is none).
pub fn input_value(id: &str) -> String {
    use wasm_bindgen::JsCast;
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .unwrap_or_default()
}

/// An attribute of the page's `<body>` (how a portal embedding the app passes options).
pub fn body_attribute(name: &str) -> Option<String> {
    web_sys::window()?.document()?.body()?.get_attribute(name).filter(|v| !v.trim().is_empty())
}

/// Calls `handler` on every `event` of the window (`online`, …) for the life of the page.
pub fn on_window_event(event: &str, handler: impl Fn() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let closure = wasm_bindgen::closure::Closure::<dyn Fn()>::new(handler);
    let _ = window.add_event_listener_with_callback(event, wasm_bindgen::JsCast::unchecked_ref(closure.as_ref()));
    // The listener lives as long as the page.
    closure.forget();
}
