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

    pub fn band(training: bool) -> impl IntoView {
        training.then(|| view! { <training::TrainingBand/> })
    }

    pub fn start_page(page: PagePorts) -> AnyView {
        view! { <training::TrainingStart page=page/> }.into_any()
    }

    pub fn gate<V: IntoView + 'static>(
        training: bool,
        page: PagePorts,
        then: impl Fn(PagePorts) -> V + Send + Sync + 'static,
    ) -> impl IntoView {
        match training {
            true => view! { <training::TrainingGate page=page then=then/> }.into_any(),
            false => then(page).into_any(),
        }
    }

    pub fn step_tips(step: usize) -> impl IntoView {
        view! { <training::StepTips step=step/> }
    }

    pub fn score(read_only: bool) -> impl IntoView {
        (!read_only).then(|| view! { <training::TrainingScore/> })
    }

    pub fn advance_button(entry: &SubmissionV1, ask: Callback<(String, zhicheng_session::Act)>) -> impl IntoView {
        view! { <training::AdvanceButton entry=entry.clone() ask=ask/> }
    }

    pub fn is_training() -> bool {
        training::use_training().is_some()
    }
}

/// Without training mode: nothing, at no cost (the app shell's routes are passed straight on).
#[cfg(not(feature = "training"))]
mod on {
    use super::*;

    pub fn band(_training: bool) -> impl IntoView {}

    pub fn start_page(page: PagePorts) -> AnyView {
        view! { <crate::ui::start_page::StartPage page=page/> }.into_any()
    }

    pub fn gate<V: IntoView + 'static>(
        _training: bool,
        page: PagePorts,
        then: impl Fn(PagePorts) -> V + Send + Sync + 'static,
    ) -> impl IntoView {
        then(page)
    }

    pub fn step_tips(_step: usize) -> impl IntoView {}

    pub fn score(_read_only: bool) -> impl IntoView {}

    pub fn advance_button(_entry: &SubmissionV1, _ask: Callback<(String, zhicheng_session::Act)>) -> impl IntoView {}

    pub fn is_training() -> bool {
        false
    }
}

pub use on::{advance_button, band, gate, score, start_page, step_tips};

/// The 报表打印 page's word on the stamp its reports carry.
pub fn report_mark_note() -> &'static str {
    match on::is_training() {
        true => "培训中打印的报表每页都带有「样表」字样，不能作为申报材料。",
        false => "完成填写前打印的报表带有「草稿」水印。",
    }
}

/// What a printed report carries: training's 「样表」 instead of any fingerprint, else the
/// declaration's fingerprint, with 「草稿」 until it is finished.
pub fn stamp(fingerprint: &str, finished: bool) -> Stamp<'_> {
    match (on::is_training(), finished) {
        (true, _) => Stamp::Sample,
        (false, true) => Stamp::Final { fingerprint },
        (false, false) => Stamp::Draft { fingerprint },
    }
}
