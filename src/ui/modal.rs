//! A modal dialog: the browser's own `<dialog>` opened with `showModal()`, so it sits above the
//! whole page (even inside a widget's shadow root and container), keeps keyboard focus inside,
//! and makes the rest of the page inert. Escape asks `on_cancel`; without one it is ignored.

use leptos::html::Dialog;
use leptos::prelude::*;

#[component]
pub fn Modal(
    /// The id of the dialog's heading.
    labelledby: &'static str,
    #[prop(optional)] describedby: Option<&'static str>,
    /// `alertdialog` for a question that must be answered.
    #[prop(default = "dialog")]
    role: &'static str,
    #[prop(optional, into)] on_cancel: Option<Callback<()>>,
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
                if let Some(cancel) = on_cancel {
                    cancel.run(());
                }
            }>
            {children()}
        </dialog>
    }
}
