//! Shows a report rendered by the engine (`printable::html`, which escapes every text it
//! writes) as the page's content; the browser parses it in one go. Print CSS in
//! `style/main.css` hides everything else on paper.

use leptos::prelude::*;

#[component]
pub fn ReportView(html: String) -> impl IntoView {
    view! { <div class="report-host" inner_html=html></div> }
}
