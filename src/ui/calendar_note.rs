//! What the working days of a publicity period are counted by, shown where the period is asked:
//! the years of the State Council arrangements the app loaded, the estimate for other years, and
//! the notices they come from.

use leptos::prelude::*;

use crate::ui::store::use_store;

/// One line on the calendar, with its source and notices folded away. The calendar is the one
/// the open form was given when it opened, so it is read once.
#[component]
pub fn CalendarNote() -> impl IntoView {
    let calendar = use_store().state.with_untracked(|s| s.calendar().clone());
    let sources = (!calendar.notices().is_empty()).then(|| {
        let links = calendar
            .notices()
            .iter()
            .map(|n| view! { <li><a href=n.clone() target="_blank" rel="noopener noreferrer">{n.clone()}</a></li> })
            .collect_view();
        view! {
            <details class="calendar-sources">
                <summary>"放假安排来源"</summary>
                <p>{calendar.source().to_string()}</p>
                <ul>{links}</ul>
            </details>
        }
    });
    view! {
        <div class="section-help calendar-note">
            <p>{calendar.describe()}</p>
            {sources}
        </div>
    }
}
