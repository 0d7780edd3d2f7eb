//! One material of the checklist: its files, a file picker that checks each file by content
//! before storing it once, and 「我的资料库」 to reuse a file already stored for another draft.

use leptos::prelude::*;
use zhicheng_browser::{files, intake};
use zhicheng_engine::attachments::{accepted_description, input_accept, mismatched_names};
use zhicheng_engine::{AttachedFile, Command, Material, Outcome};

use crate::ui::file_row::FileRow;
use crate::ui::keyed_list::keyed_list;
use crate::ui::library_picker::LibraryPicker;
use crate::ui::memo::memo;
use crate::ui::session::{use_session, Session};
use crate::ui::store::{use_store, Store};

#[component]
pub fn MaterialCard(material: Material, required: bool) -> impl IntoView {
    let (store, session) = (use_store(), use_session());
    let id = StoredValue::new(material.id.clone());
    let attached =
        memo(move || store.state.with(|s| s.attachments().get(&id.get_value()).cloned().unwrap_or_default()));
    // Refusals and store errors of the last files chosen, and what is being done now.
    let problems = RwSignal::new(Vec::<String>::new());
    let working = RwSignal::new(None::<String>);
    let show_library = RwSignal::new(false);
    let accept = StoredValue::new(material.accept.clone());
    let upload = move |event: leptos::ev::Event| {
        let chosen = files::chosen_files(&event);
        problems.set(Vec::new());
        session.spawn(async move {
            let count = chosen.len();
            for (index, file) in chosen.into_iter().enumerate() {
                working.set(Some(format!("正在检查并保存「{}」（{}/{count}）…", file.name(), index + 1)));
                if let Err(problem) = take_in(store, session, &id.get_value(), &accept.get_value(), file).await {
                    problems.update(|p| p.push(problem));
                }
            }
            working.set(None);
        });
    };
    let attach_stored = move |file: AttachedFile| {
        show_library.set(false);
        let draft_files = store.form().files();
        session.spawn(async move {
            // A locked draft keeps its own sealed copy of the file.
            let outcome = match draft_files.adopt(&file).await {
                Err(e) => Outcome::Refused(format!("「{}」未能保存：{}。", file.name, e.message())),
                Ok(()) => store.dispatch(Command::Attach { material: id.get_value(), file }),
            };
            if let Outcome::Refused(reason) = outcome {
                problems.set(vec![reason]);
            }
        });
    };
    let input_id = format!("upload-{}", material.id);
    view! {
        <section class="material-card" aria-labelledby=format!("material-{}", material.id)>
            <div class="material-head">
                <h3 id=format!("material-{}", material.id)>{material.name.clone()}</h3>
                <span class=if required { "badge error" } else { "badge" }>{if required { "必传" } else { "选传" }}</span>
                {move || (!attached.get().is_empty()).then(|| view! { <span class="badge ok">{format!("已上传 {} 个", attached.get().len())}</span> })}
            </div>
            <p class="hint">
                {format!("接受{}，单个不超过 10 MB。", accepted_description(&material.accept))}
                {material.note.clone().map(|n| format!(" {n}"))}
            </p>
            <MaterialGuidance material=material.clone()/>
            <ul class="file-list">
                {keyed_list(
                    move || {
                        let list = attached.get();
                        let count = list.len();
                        list.into_iter().enumerate().map(move |(index, file)| (index, count, file)).collect()
                    },
                    |(index, count, f)| (*index, *count, f.sha256.clone()),
                    move |(index, count, file)| view! { <FileRow material=id.get_value() index=index last=index + 1 == count file=file/> },
                )}
            </ul>
            <div class="upload-actions">
                <input id=input_id.clone() type="file" multiple class="file-input" accept=input_accept(&material.accept) on:change=upload/>
                <label class="button secondary file-button" for=input_id>"选择文件上传"</label>
                <button type="button" class="link-button" aria-expanded=move || show_library.get().to_string() on:click=move |_| show_library.update(|s| *s = !*s)>
                    "从我的资料库选择"
                </button>
            </div>
            <p class="working" role="status" aria-live="polite">{move || working.get()}</p>
            <UploadProblems problems=problems/>
            <NameWarnings material=id.get_value()/>
            {move || show_library.get().then(|| view! {
                <LibraryPicker accept=accept.get_value() attached=attached.get() on_pick=attach_stored/>
            })}
        </section>
    }
}

/// 查看要求 (the material's requirements, folded until asked for) and 范本 (a sample document).
#[component]
fn MaterialGuidance(material: Material) -> impl IntoView {
    let mount = crate::ui::mounted::use_mount();
    let sample = material.sample.as_ref().map(|path| mount.file_url(path));
    let requirements = material.requirements.clone();
    (!requirements.is_empty() || sample.is_some()).then(|| view! {
        <div class="material-guidance">
            {(!requirements.is_empty()).then(|| view! {
                <details class="requirements">
                    <summary>"查看要求"</summary>
                    <ul>{requirements.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                </details>
            })}
            {sample.map(|href| view! {
                <a class="sample-link" href=href target="_blank" rel="noopener">"范本"<span class="visually-hidden">{format!("：{}", material.name)}</span></a>
            })}
        </div>
    })
}

/// Files whose names match none of the records they stand for (seed 003: such files fail review).
#[component]
fn NameWarnings(material: String) -> impl IntoView {
    let store = use_store();
    let warnings = memo(move || {
        store.state.with(|s| {
            mismatched_names(s).into_iter().filter(|m| m.material == material).map(|m| m.message).collect::<Vec<_>>()
        })
    });
    move || {
        (!warnings.with(Vec::is_empty)).then(|| {
            view! {
                <ul class="name-warnings" role="status">
                    {warnings.get().into_iter().map(|w| view! { <li class="message warning">{w}</li> }).collect_view()}
                </ul>
            }
        })
    }
}

/// Refusals and store errors of the last files chosen, each naming its file.
#[component]
fn UploadProblems(problems: RwSignal<Vec<String>>) -> impl IntoView {
    move || {
        (!problems.with(Vec::is_empty)).then(|| {
            view! {
                <ul class="upload-problems" role="alert">
                    {problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ul>
            }
        })
    }
}

/// Checks one chosen file, stores it (once, by content) and attaches it; the error names the
/// file and says what to do.
async fn take_in(
    store: Store,
    session: Session,
    material: &str,
    accept: &[String],
    file: intake::ChosenFile,
) -> Result<(), String> {
    let name = file.name();
    let taken = intake::take(file, accept).await?;
    let draft_files = store.form().files();
    session
        .files()
        .put_for(&draft_files, &taken.file, taken.blob)
        .await
        .map_err(|e| format!("「{name}」未能保存：{}。", e.message()))?;
    match store.dispatch(Command::Attach { material: material.to_string(), file: taken.file }) {
        Outcome::Refused(reason) => Err(reason),
        _ => Ok(()),
    }
}
