//! 「我的资料库」: files already stored in this browser (for any draft) that suit a material, to
//! attach again without storing them twice.

use leptos::prelude::*;
use zhicheng_engine::attachments::{accepts_media_type, format_bytes};
use zhicheng_engine::AttachedFile;

use crate::ui::choice_row::choice_row;
use crate::ui::session::use_session;

#[component]
pub fn LibraryPicker(
    accept: Vec<String>,
    attached: Vec<AttachedFile>,
    on_pick: impl Fn(AttachedFile) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let session = use_session();
    let listed = RwSignal::new(None::<Result<Vec<AttachedFile>, String>>);
    let files = session.workspace().ports().files.clone();
    session.spawn(async move {
        let result = files.list().await.map_err(|e| e.message()).map(|mut all| {
            all.sort_unstable_by(|a, b| b.stored_at.cmp(&a.stored_at).then_with(|| a.file.sha256.cmp(&b.file.sha256)));
            all.into_iter()
                .map(|stored| stored.file)
                .filter(|f| {
                    accepts_media_type(&accept, &f.media_type) && !attached.iter().any(|a| a.sha256 == f.sha256)
                })
                .collect()
        });
        listed.try_set(Some(result));
    });
    view! {
        <div class="library" role="region" aria-label="我的资料库">
            <h4>"我的资料库"</h4>
            {move || match listed.get() {
                None => view! { <p class="hint">"正在读取…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="message error">{format!("无法读取资料库：{e}")}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="hint">"资料库中没有适合此项的其他文件。上传过的文件会出现在这里，供其他草稿选用。"</p> }.into_any(),
                Some(Ok(list)) => {
                    let on_pick = on_pick.clone();
                    view! {
                        <ul class="file-list">
                            {list.into_iter().map(|file| {
                                let on_pick = on_pick.clone();
                                let details = format!("{} · {}", format_bytes(file.size), file.pages.map(|p| format!("共 {p} 页")).unwrap_or_else(|| "图片".into()));
                                choice_row(file.name.clone(), details, "选用", move || on_pick(file.clone()))
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </div>
    }
}
