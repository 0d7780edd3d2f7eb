//! 「从申报草稿导入」: fills rows of a repeat group from another form's drafts (the unit's list of
//! applicants from the declarations in this browser, or from a backup file an applicant sent),
//! so nothing is typed twice. Which answers go where is the schema's `import` mapping.

use leptos::prelude::*;
use zhicheng_engine::{Answers, Command, DraftMetaV1, Outcome, RowImport};

use crate::browser::drafts::portable;
use crate::browser::files;
use crate::ui::choice_row::choice_row;
use crate::ui::store::Store;
use crate::ui::workspace::Workspace;

/// A draft that can be imported, as listed.
#[derive(Clone)]
struct Candidate {
    id: String,
    name: String,
    kind: String,
    progress: String,
}

impl Candidate {
    fn of(meta: &DraftMetaV1) -> Candidate {
        let s = &meta.summary;
        Candidate {
            id: meta.id.clone(),
            name: person(meta),
            kind: s.kind.clone(),
            progress: format!("{}/{} 步", s.steps_done, s.steps_total),
        }
    }
}

/// Who a draft is about: the applicant's name, else the draft's own name.
fn person(meta: &DraftMetaV1) -> String {
    let applicant = meta.summary.applicant.trim();
    if applicant.is_empty() {
        meta.display_name()
    } else {
        applicant.to_string()
    }
}

#[component]
pub fn RowImportPicker(group: String, noun: String, import: RowImport, workspace: Workspace) -> impl IntoView {
    let store = expect_context::<Store>();
    let listed = RwSignal::new(None::<Result<(Vec<Candidate>, usize), String>>);
    let message = RwSignal::new(None::<(bool, String)>);
    {
        let (repo, form) = (workspace.repo.clone(), import.form.clone());
        leptos::task::spawn_local(async move {
            let result = repo.list().await.map_err(|e| e.message()).map(|all| {
                let of_form: Vec<&DraftMetaV1> =
                    all.iter().filter(|d| d.form_id == form && d.deleted_at.is_none()).collect();
                // A locked draft's answers are sealed: it is counted, not offered.
                let locked = of_form.iter().filter(|d| d.lock.is_some()).count();
                (of_form.into_iter().filter(|d| d.lock.is_none()).map(Candidate::of).collect(), locked)
            });
            listed.try_set(Some(result));
        });
    }
    let add = {
        let (group, import) = (group.clone(), import.clone());
        move |answers: Answers, name: String| {
            let taken = store.state.with_untracked(|s| import.existing_row(s.rows(&group), &answers));
            let result = match taken {
                Some(index) => (false, format!("「{name}」已在名单中（第 {} 条），没有重复导入。", index + 1)),
                None => match store
                    .dispatch(Command::AddRowWith { group: group.clone(), values: import.row_values(&answers) })
                {
                    Outcome::RowAdded(_) => (true, format!("已导入「{name}」，请核对并补全这一条的其余内容。")),
                    Outcome::Refused(reason) => (false, format!("未能导入「{name}」：{reason}")),
                    _ => (false, format!("未能导入「{name}」。")),
                },
            };
            message.set(Some(result));
        }
    };
    let from_draft = {
        let (repo, add) = (workspace.repo.clone(), add.clone());
        move |candidate: Candidate| {
            let (repo, add) = (repo.clone(), add.clone());
            leptos::task::spawn_local(async move {
                match repo.load(&candidate.id).await {
                    Ok(stored) => add(stored.draft.answers, candidate.name),
                    Err(e) => message.set(Some((false, format!("无法读取「{}」：{}", candidate.name, e.message())))),
                }
            });
        }
    };
    let from_file = {
        let (form, add) = (import.form.clone(), add.clone());
        move |event: web_sys::Event| {
            let Some(file) = files::chosen_file(&event) else { return };
            let (form, add) = (form.clone(), add.clone());
            leptos::task::spawn_local(async move {
                let read = async {
                    let bytes = files::read_blob(&file).await?;
                    let imported = portable::import(&bytes)?;
                    if imported.stored.meta.form_id != form {
                        return Err("这不是申报人的申报草稿备份".to_string());
                    }
                    Ok(imported.stored)
                };
                match read.await {
                    Ok(stored) => add(stored.draft.answers, person(&stored.meta)),
                    Err(e) => message.set(Some((
                        false,
                        format!("无法从文件「{}」导入：{}。", file.name(), e.trim_end_matches('。')),
                    ))),
                }
            });
        }
    };
    let file_input_id = format!("import-{group}-file");
    view! {
        <div class="row-import" id=format!("import-{group}") role="region" aria-label=format!("导入{noun}")>
            <h5>{format!("从申报草稿导入{noun}")}</h5>
            <p class="message-line" role="status" aria-live="polite">
                {move || message.get().map(|(ok, text)| view! { <span class=if ok { "message ok" } else { "message error" }>{text}</span> })}
            </p>
            {move || match listed.get() {
                None => view! { <p class="hint">"正在读取本机草稿…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="message error">{format!("无法读取本机草稿：{e}")}</p> }.into_any(),
                Some(Ok((list, locked))) => {
                    let locked_note = (locked > 0).then(|| view! {
                        <p class="hint">{format!("另有 {locked} 份已加锁的申报草稿未列出：请申报人先解除口令保护，或导出备份后从文件导入。")}</p>
                    });
                    let body = if list.is_empty() {
                        let none = if locked > 0 { "本机浏览器中没有可直接导入的草稿。" } else { "本机浏览器中没有可导入的草稿。" };
                        view! { <p class="hint">{none}"可以从对方发来的备份文件（.zip）导入。"</p> }.into_any()
                    } else {
                        let from_draft = from_draft.clone();
                        view! {
                            <ul class="file-list">
                                {list.into_iter().map(|candidate| {
                                    let from_draft = from_draft.clone();
                                    let details = [candidate.kind.clone(), candidate.progress.clone()].into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" · ");
                                    choice_row(candidate.name.clone(), details, "导入", move || from_draft(candidate.clone()))
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    };
                    view! { {body}{locked_note} }.into_any()
                }
            }}
            <input type="file" class="visually-hidden file-input" id=file_input_id.clone() accept=".zip,application/zip" on:change=from_file/>
            <label class="button secondary file-button" for=file_input_id>"从备份文件导入…"</label>
        </div>
    }
}
