//! Shows a report rendered by the engine (`printable::html`, which escapes every text it
//! writes) as the page's content; the browser parses it in one go. Its style sheet is adopted
//! through the CSSOM while it is shown; print CSS in `style/main.css` hides everything else on
//! paper. Once shown, the copies of a per-applicant report are measured and their page numbers
//! written, so each copy counts its own sheets.

use leptos::html::Div;
use leptos::prelude::*;
use zhicheng_browser::print_layout;
use zhicheng_browser::report_styles::ReportStyles;
use zhicheng_engine::printable::html::copy_page_numbers;

use crate::ui::mounted::use_mount_handle;

#[component]
pub fn ReportView(html: String, css: String) -> impl IntoView {
    let host = NodeRef::<Div>::new();
    let mount = use_mount_handle();
    let styles = StoredValue::new_local(ReportStyles::adopt(&mount.get_value(), &css));
    on_cleanup(move || {
        mount.try_with_value(ReportStyles::remove);
    });
    Effect::new(move |_| {
        if let Some(host) = host.get() {
            let sheets = print_layout::sheets_per_copy(&host);
            if !sheets.is_empty() {
                styles.with_value(|styles| {
                    if let Some(styles) = styles {
                        styles.number_copies(&copy_page_numbers(&sheets));
                    }
                });
                print_layout::record_sheets(&host, &sheets);
            }
        }
    });
    view! { <div class="report-host" node_ref=host inner_html=html></div> }
}
