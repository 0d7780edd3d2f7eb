//! A small preview of a stored file: the image itself for photos and scans (from the file store,
//! through an object URL released when the preview goes), a PDF mark otherwise.

use leptos::prelude::*;
use zhicheng_engine::AttachedFile;

use crate::browser::file_store::draft_files::DraftFiles;

#[component]
pub fn FilePreview(file: AttachedFile, files: DraftFiles) -> impl IntoView {
    if !file.media_type.starts_with("image/") {
        return view! { <span class="file-thumb pdf" aria-hidden="true">"PDF"</span> }.into_any();
    }
    let url = RwSignal::new(None::<String>);
    leptos::task::spawn_local({
        let file = file.clone();
        async move {
            if let Ok(blob) = files.blob(&file).await {
                if let Ok(made) = web_sys::Url::create_object_url_with_blob(&blob) {
                    // The preview may be gone already (a quick 移除): release at once then.
                    if url.try_set(Some(made.clone())).is_some() {
                        let _ = web_sys::Url::revoke_object_url(&made);
                    }
                }
            }
        }
    });
    on_cleanup(move || {
        if let Some(made) = url.try_get_untracked().flatten() {
            let _ = web_sys::Url::revoke_object_url(&made);
        }
    });
    view! {
        <span class="file-thumb">
            {move || url.get().map(|src| view! { <img src=src alt="" loading="lazy"/> })}
        </span>
    }
    .into_any()
}
