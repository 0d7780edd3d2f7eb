//! Asks which version to keep when another tab or window saved the same draft first: this watches
//! the save status, and the choice itself (`conflict_choice.rs`) loads on demand.

use leptos::prelude::*;
use zhicheng_session::{SaveStatus, StatusLine};

use crate::ui::bridge::follow;
use crate::ui::deferred::deferred;
use crate::ui::memo::memo;
use crate::ui::on_demand::{self, fetch_conflict};
use crate::ui::store::{focus_after_render, use_store};

#[component]
pub fn ConflictDialog() -> impl IntoView {
    let store = use_store();
    let status = follow(store.form().status());
    let theirs = memo(move || {
        status.with(|s| match s {
            StatusLine::Save(SaveStatus::Conflict(theirs)) => Some((**theirs).clone()),
            _ => None,
        })
    });
    Effect::new(move || {
        if theirs.with(Option::is_some) {
            focus_after_render("conflict-keep-mine".to_string());
        }
    });
    move || theirs.get().map(|theirs| deferred(fetch_conflict, move || on_demand::conflict_choice(theirs.clone())))
}
