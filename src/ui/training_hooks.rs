//! Where training mode (feature `training`) shows itself inside the shared screens: tips beside a
//! step, the score at 核对信息, 「模拟下一环节」 in 我的事项, the stamp of a printed report, and on
//! the app shell its band, start page and data. Built without the feature, each is nothing (or
//! the applicant's own), so the standalone app carries none of training's code.

use leptos::prelude::*;
use zhicheng_browser::PagePorts;
use zhicheng_engine::printable::html::Stamp;
use zhicheng_engine::SubmissionV1;

#[cfg(feature = "training")]
mod on {
    use super::*;
    use crate::ui::training;

    pub fn band() -> AnyView {
        view! { <training::TrainingBand/> }.into_any()
    }

    pub fn start_page(page: PagePorts) -> AnyView {
        view! { <training::TrainingStart page=page/> }.into_any()
    }

    pub fn gate<V: IntoView + 'static>(
        page: PagePorts,
        then: impl Fn(PagePorts) -> V + Send + Sync + 'static,
    ) -> AnyView {
        view! { <training::TrainingGate page=page then=then/> }.into_any()
    }

    pub fn step_tips(step: usize) -> AnyView {
        view! { <training::StepTips step=step/> }.into_any()
    }

    pub fn score() -> AnyView {
        view! { <training::TrainingScore/> }.into_any()
    }

    pub fn advance_button(entry: SubmissionV1, ask: Callback<(String, bool)>) -> AnyView {
        view! { <training::AdvanceButton entry=entry ask=ask/> }.into_any()
    }

    pub fn is_training() -> bool {
        training::use_training().is_some()
    }
}

#[cfg(not(feature = "training"))]
mod on {
    use super::*;

    pub fn band() -> AnyView {
        ().into_any()
    }

    pub fn start_page(page: PagePorts) -> AnyView {
        view! { <crate::ui::start_page::StartPage page=page/> }.into_any()
    }

    pub fn gate<V: IntoView + 'static>(
        page: PagePorts,
        then: impl Fn(PagePorts) -> V + Send + Sync + 'static,
    ) -> AnyView {
        then(page).into_any()
    }

    pub fn step_tips(_step: usize) -> AnyView {
        ().into_any()
    }

    pub fn score() -> AnyView {
        ().into_any()
    }

    pub fn advance_button(_entry: SubmissionV1, _ask: Callback<(String, bool)>) -> AnyView {
        ().into_any()
    }

    pub fn is_training() -> bool {
        false
    }
}

pub use on::{advance_button, band, gate, score, start_page, step_tips};

/// What a printed report carries: training's 「样表」 instead of any fingerprint, else the
/// declaration's fingerprint, with 「草稿」 until it is finished.
pub fn stamp(fingerprint: &str, finished: bool) -> Stamp<'_> {
    match (on::is_training(), finished) {
        (true, _) => Stamp::Sample,
        (false, true) => Stamp::Final { fingerprint },
        (false, false) => Stamp::Draft { fingerprint },
    }
}
