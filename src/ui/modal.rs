//! A modal dialog: the browser's own `<dialog>` opened with `showModal()`, so it sits above the
//! whole page (even inside a widget's shadow root and container), keeps keyboard focus inside,
//! and makes the rest of the page inert. Escape closes it through `open` when given; a question
//! that must be answered has none, and Escape does nothing.

use leptos::html::Dialog;
use leptos::prelude::*;

#[component]
pub fn Modal(
    /// The ids of the dialog's heading and of the text that explains it.
    labelledby: &'static str,
    describedby: &'static str,
    /// `alertdialog` for a question that must be answered.
    #[prop(default = "dialog")]
    role: &'static str,
    /// Whether the dialog is open, for Escape to close it.
    #[prop(optional)]
    open: Option<RwSignal<bool>>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move || {
        if let Some(dialog) = dialog.get() {
            zhicheng_browser::dom::show_modal(&dialog);
        }
    });
    view! {
        <dialog node_ref=dialog class="dialog" role=role aria-labelledby=labelledby aria-describedby=describedby
            on:cancel=move |ev: leptos::ev::Event| {
                ev.prevent_default();
                if let Some(open) = open {
                    open.set(false);
                }
            }>
            {children()}
        </dialog>
    }
}
