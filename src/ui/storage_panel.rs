//! How much room this site has on the device, and whether the browser keeps its data when space
//! runs low, shown in 我的事项 so full disks are no surprise.

use leptos::prelude::*;
use zhicheng_browser::storage_health::StorageHealth;
use zhicheng_engine::attachments::format_bytes;

#[component]
pub fn StoragePanel(health: ReadSignal<Option<StorageHealth>, LocalStorage>) -> impl IntoView {
    move || {
        health.get().map(|h| {
            let usage = match (h.usage, h.quota) {
                (Some(used), Some(quota)) => {
                    format!(
                        "本网站在本机已用 {}，可用上限约 {}。",
                        format_bytes(used as u64),
                        format_bytes(quota as u64)
                    )
                }
                _ => "浏览器未提供存储用量信息。".to_string(),
            };
            let persisted = if h.persisted {
                "浏览器已同意长期保存这些数据，磁盘紧张时也不会自动清除。"
            } else {
                "浏览器未同意长期保存：磁盘空间紧张时可能清除本地数据，请定期导出草稿备份。"
            };
            view! {
                <section class="storage-panel" aria-labelledby="storage-heading">
                    <h2 id="storage-heading">"本机存储"</h2>
                    <p>{usage}</p>
                    <p>{persisted}</p>
                </section>
            }
        })
    }
}
