//! Kiosk mode (a training laptop left on a stand): after the trainer's chosen minutes without
//! input, training resets for the next person, with a warning a minute before that any key,
//! click or touch dismisses.

use std::time::Duration;

use leptos::prelude::*;
use zhicheng_browser::drafts::now_ms;
use zhicheng_browser::training;

use crate::ui::modal::Modal;

/// How long before the reset the warning shows.
const WARNING_MS: u64 = 60_000;

#[component]
pub fn Kiosk() -> impl IntoView {
    let last_input = StoredValue::new(now_ms());
    let warning = RwSignal::new(false);
    let touched = move || {
        last_input.set_value(now_ms());
        warning.set(false);
    };
    let listeners = [
        window_event_listener(leptos::ev::keydown, move |_| touched()),
        window_event_listener(leptos::ev::pointerdown, move |_| touched()),
        window_event_listener(leptos::ev::input, move |_| touched()),
    ];
    let check = move || {
        let minutes = u64::from(training::kiosk_minutes());
        if minutes == 0 {
            return;
        }
        let idle = now_ms().saturating_sub(last_input.get_value());
        if idle >= minutes * 60_000 {
            leptos::task::spawn_local(async {
                let _ = training::reset_everything().await;
            });
        } else if idle + WARNING_MS >= minutes * 60_000 {
            warning.set(true);
        }
    };
    let ticking = set_interval_with_handle(check, Duration::from_secs(5)).ok();
    on_cleanup(move || {
        listeners.into_iter().for_each(|l| l.remove());
        if let Some(ticking) = ticking {
            ticking.clear();
        }
    });
    move || {
        warning.get().then(|| {
            view! {
                <Modal labelledby="kiosk-heading" describedby="kiosk-text" role="alertdialog">
                    <h2 id="kiosk-heading">"即将重置培训"</h2>
                    <p id="kiosk-text">"已有一段时间没有操作。1 分钟后培训区将重置，供下一位学员使用。"</p>
                    <button type="button" class="button primary" on:click=move |_| touched()>"继续练习"</button>
                </Modal>
            }
        })
    }
}
