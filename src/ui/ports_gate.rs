//! Opens this browser's storage once for the page (IndexedDB, or memory when the browser refuses
//! it) and shows what needs it; says so when another tab on an older version holds it up.

use leptos::prelude::*;
use zhicheng_browser::{idb, PagePorts};

use crate::ui::bridge::after_unless_cleaned_up;
use crate::ui::mounted::use_mount;

#[component]
pub fn PortsGate<F, V>(then: F) -> impl IntoView
where
    F: Fn(PagePorts) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let opened = RwSignal::new_local(None::<PagePorts>);
    let mount = use_mount();
    leptos::task::spawn_local(async move {
        opened.try_set(Some(zhicheng_browser::open_ports(&mount).await));
    });
    // Another tab on an older version of the app can hold the database open and hold up this
    // page's upgrade of it: say so instead of waiting silently.
    let waiting = RwSignal::new(false);
    after_unless_cleaned_up(std::time::Duration::from_millis(1500), move || {
        waiting.set(opened.with_untracked(Option::is_none) && idb::open_is_blocked())
    });
    move || match opened.get() {
        Some(page) => then(page).into_any(),
        None if waiting.get() => view! {
            <p class="notice" role="alert">
                "本应用已更新，但另一个标签页或窗口仍在使用旧版本，本页暂时无法打开草稿。"
                "请关闭（或刷新）本应用的其他标签页，本页会自动继续，已保存的草稿不受影响。"
            </p>
        }
        .into_any(),
        None => view! { <p class="loading" role="status">"正在打开草稿…"</p> }.into_any(),
    }
}
