//! The page itself: moving focus and scrolling (for error summaries and step changes), the
//! browser's own dialogs, and the address's query.

/// Focuses `el` and brings it into view.
pub fn focus_element(el: &web_sys::HtmlElement) -> bool {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&options);
    el.focus().is_ok()
}

/// Centres `el` horizontally inside its sideways-scrolling ancestor `scroller` (the stepper on
/// phones). Only that list scrolls: the page and the focus stay where they are.
pub fn center_element_in_scroller(el: &web_sys::HtmlElement, scroller: &str) {
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

/// Opens `dialog` as a modal, above everything on the page (its top layer).
pub fn show_modal(dialog: &web_sys::HtmlDialogElement) {
    if !dialog.open() {
        let _ = dialog.show_modal();
    }
}
