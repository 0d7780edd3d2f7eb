//! A small preview of a stored file: the image itself for photos and scans (through an object URL
//! released when the preview goes), a PDF mark otherwise.

use leptos::prelude::*;
use zhicheng_browser::files::{object_url, release_url};
use zhicheng_engine::AttachedFile;

use crate::ui::session::use_session;
use crate::ui::store::use_store;

#[component]
pub fn FilePreview(file: AttachedFile) -> impl IntoView {
    if !file.media_type.starts_with("image/") {
        return view! { <span class="file-thumb pdf" aria-hidden="true">"PDF"</span> }.into_any();
    }
    let (store, session) = (use_store(), use_session());
    let url = RwSignal::new(None::<String>);
    let draft_files = store.form().files();
    session.spawn(async move {
        let Ok(blob) = session.files().blob_for(&draft_files, &file).await else { return };
        if let Some(made) = object_url(&blob) {
            // The preview may be gone already (a quick 移除): release at once then.
            if url.try_set(Some(made.clone())).is_some() {
                release_url(&made);
            }
        }
    });
    on_cleanup(move || {
        if let Some(made) = url.try_get_untracked().flatten() {
            release_url(&made);
        }
    });
    view! {
        <span class="file-thumb">
            {move || url.get().map(|src| view! { <img src=src alt="" loading="lazy"/> })}
        </span>
    }
    .into_any()
}
