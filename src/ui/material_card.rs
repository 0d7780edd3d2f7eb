//! One material of the checklist: its files (thumbnail or page count, 上移 / 下移 / 移除), a file
//! picker that checks each file by content before storing it once, and 「我的资料库」 to reuse a
//! file already stored for another draft.

use leptos::prelude::*;
use zhicheng_engine::attachments::{accepted_description, format_bytes, input_accept};
use zhicheng_engine::{AttachedFile, Command, Material, Outcome};

use crate::browser::file_store::draft_files::DraftFiles;
use crate::browser::{files, intake};
use crate::ui::file_preview::FilePreview;
use crate::ui::library_picker::LibraryPicker;
use crate::ui::store::Store;

#[component]
pub fn MaterialCard(material: Material, required: bool, files: DraftFiles) -> impl IntoView {
    let store = expect_context::<Store>();
    let id = material.id.clone();
    let attached = {
        let id = id.clone();
        Memo::new(move |_| store.state.with(|s| s.attachments().get(&id).cloned().unwrap_or_default()))
    };
    // Refusals and store errors of the last files chosen, and what is being done now.
    let problems = RwSignal::new(Vec::<String>::new());
    let working = RwSignal::new(None::<String>);
    let show_library = RwSignal::new(false);
    let accept = material.accept.clone();
    let input_id = format!("upload-{id}");

    let upload = {
        let (id, accept, files) = (id.clone(), accept.clone(), files.clone());
        move |event: web_sys::Event| {
            let chosen = files::chosen_files(&event);
            let (id, accept, files) = (id.clone(), accept.clone(), files.clone());
            problems.set(Vec::new());
            leptos::task::spawn_local(async move {
                let count = chosen.len();
                for (index, file) in chosen.into_iter().enumerate() {
                    let name = file.name();
                    working.set(Some(format!("正在检查并保存「{name}」（{}/{count}）…", index + 1)));
                    if let Err(problem) = take_in(store, &files, &id, &accept, file).await {
                        problems.update(|p| p.push(problem));
                    }
                }
                working.set(None);
            });
        }
    };
    let attach_stored = {
        let (id, files) = (id.clone(), files.clone());
        move |file: AttachedFile| {
            let (id, files) = (id.clone(), files.clone());
            show_library.set(false);
            leptos::task::spawn_local(async move {
                // A locked draft keeps its own sealed copy of the file.
                let outcome = match files.adopt(&file).await {
                    Err(e) => Outcome::Refused(format!("「{}」未能保存：{}。", file.name, e.message())),
                    Ok(()) => store.dispatch(Command::Attach { material: id, file }),
                };
                if let Outcome::Refused(reason) = outcome {
                    problems.set(vec![reason]);
                }
            });
        }
    };

    let heading_id = format!("material-{id}");
    view! {
        <section class="material-card" aria-labelledby=heading_id.clone()>
            <div class="material-head">
                <h3 id=format!("material-{id}")>{material.name.clone()}</h3>
                <span class=if required { "badge error" } else { "badge" }>{if required { "必传" } else { "选传" }}</span>
                {move || (!attached.get().is_empty()).then(|| view! { <span class="badge ok">{format!("已上传 {} 个", attached.get().len())}</span> })}
            </div>
            <p class="hint">
                {format!("接受{}，单个不超过 10 MB。", accepted_description(&accept))}
                {material.note.clone().map(|n| format!(" {n}"))}
            </p>
            <ul class="file-list">
                <For
                    each=move || {
                        let list = attached.get();
                        let count = list.len();
                        list.into_iter().enumerate().map(move |(index, file)| (index, count, file))
                    }
                    key=|(index, count, f)| (*index, *count, f.sha256.clone())
                    children={
                        let (id, files) = (id.clone(), files.clone());
                        move |(index, count, file)| view! { <FileRow material=id.clone() index=index last=index + 1 == count file=file files=files.clone()/> }
                    }
                />
            </ul>
            <div class="upload-actions">
                <input id=input_id.clone() type="file" multiple class="file-input" accept=input_accept(&accept) on:change=upload/>
                <label class="button secondary file-button" for=input_id>"选择文件上传"</label>
                <button type="button" class="link-button" aria-expanded=move || show_library.get().to_string() on:click=move |_| show_library.update(|s| *s = !*s)>
                    "从我的资料库选择"
                </button>
            </div>
            <p class="working" role="status" aria-live="polite">{move || working.get()}</p>
            {move || {
                let list = problems.get();
                (!list.is_empty()).then(|| view! {
                    <ul class="upload-problems" role="alert">
                        {list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                    </ul>
                })
            }}
            {move || show_library.get().then(|| view! {
                <LibraryPicker accept=accept.clone() attached=attached.get() files=files.clone() on_pick=attach_stored.clone()/>
            })}
        </section>
    }
}

/// Checks one chosen file, stores it (once, by content) and attaches it; the error names the
/// file and says what to do.
async fn take_in(
    store: Store,
    files: &DraftFiles,
    material: &str,
    accept: &[String],
    file: web_sys::File,
) -> Result<(), String> {
    let name = file.name();
    let taken = intake::take(file, accept).await?;
    files.put(&taken.file, taken.blob).await.map_err(|e| format!("「{name}」未能保存：{}。", e.message()))?;
    match store.dispatch(Command::Attach { material: material.to_string(), file: taken.file }) {
        Outcome::Refused(reason) => Err(reason),
        _ => Ok(()),
    }
}

/// One attached file: preview, name, size, pages and its buttons.
#[component]
pub fn FileRow(material: String, index: usize, last: bool, file: AttachedFile, files: DraftFiles) -> impl IntoView {
    let store = expect_context::<Store>();
    let sha = file.sha256.clone();
    let act = move |command: Command| {
        store.dispatch(command);
    };
    let (m1, m2, m3) = (material.clone(), material.clone(), material);
    let (s1, s2, s3) = (sha.clone(), sha.clone(), sha);
    let details = match file.pages {
        Some(pages) => format!("{} · 共 {pages} 页", format_bytes(file.size)),
        None => format_bytes(file.size),
    };
    let name = file.name.clone();
    view! {
        <li class="file-row">
            <FilePreview file=file.clone() files=files/>
            <div class="file-text">
                <span class="file-name">{file.name.clone()}</span>
                <span class="hint">{details}</span>
            </div>
            <div class="file-actions">
                <button type="button" class="link-button" disabled=index == 0 aria-label=format!("上移「{name}」")
                    on:click=move |_| act(Command::MoveAttachment { material: m1.clone(), sha256: s1.clone(), offset: -1 })>"上移"</button>
                <button type="button" class="link-button" disabled=last aria-label=format!("下移「{name}」")
                    on:click=move |_| act(Command::MoveAttachment { material: m2.clone(), sha256: s2.clone(), offset: 1 })>"下移"</button>
                <button type="button" class="link-button danger" aria-label=format!("移除「{name}」")
                    on:click=move |_| act(Command::Detach { material: m3.clone(), sha256: s3.clone() })>"移除"</button>
            </div>
        </li>
    }
}
