//! Shows a report rendered by the engine (`printable::html`, which escapes every text it
//! writes) as the page's content; the browser parses it in one go. Print CSS in
//! `style/main.css` hides everything else on paper. Once shown, the copies of a per-applicant
//! report are measured and their page numbers rewritten, so each copy counts its own sheets.

use leptos::html::Div;
use leptos::prelude::*;
use zhicheng_engine::printable::html::{copy_page_numbers, page_area_mm};
use zhicheng_engine::printable::Paper;

use zhicheng_browser::print_layout;

#[component]
pub fn ReportView(html: String, paper: Paper) -> impl IntoView {
    let host = NodeRef::<Div>::new();
    Effect::new(move |_| {
        if let Some(host) = host.get() {
            let sheets = print_layout::sheets_per_copy(&host, page_area_mm(paper));
            print_layout::number_copies(&host, &sheets, &copy_page_numbers(&sheets));
        }
    });
    view! { <div class="report-host" node_ref=host inner_html=html></div> }
}
