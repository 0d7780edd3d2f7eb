//! 「从申报草稿导入」: fills rows of a repeat group from another form's drafts (the unit's list of
//! applicants from the declarations in this browser, or from a backup file an applicant sent), so
//! nothing is typed twice. Which answers go where is the schema's `import` mapping; only what a
//! declaration submits is read (the session's `row_import`).

use std::sync::Arc;

use leptos::prelude::*;
use zhicheng_browser::files;
use zhicheng_browser::schema_source::{HttpSchemaSource, SchemaSource};
use zhicheng_engine::{DraftMetaV1, FormSchema, RowImport};
use zhicheng_session::row_import::{self, person};
use zhicheng_session::StoredDraft;

use crate::ui::choice_row::choice_row;
use crate::ui::mounted::use_mount;
use crate::ui::session::use_session;
use crate::ui::store::{use_store, Store};

/// Imports one stored declaration into the group, once its schema is here.
#[derive(Clone, Copy)]
struct Importer {
    store: Store,
    group: StoredValue<String>,
    import: StoredValue<RowImport>,
    schema: StoredValue<Option<Arc<FormSchema>>>,
    message: RwSignal<Option<(bool, String)>>,
}

impl Importer {
    fn add(&self, stored: StoredDraft) {
        let Some(schema) = self.schema.get_value() else {
            return self.message.set(Some((false, "申报表定义尚未加载，请稍后再试。".into())));
        };
        let outcome = self.import.with_value(|import| {
            row_import::add_row(&self.store.form(), &self.group.get_value(), import, schema, stored)
        });
        self.message.set(Some(outcome));
    }
}

#[component]
pub fn RowImportPicker(group: String, noun: String, import: RowImport) -> impl IntoView {
    let session = use_session();
    let form = import.form.clone();
    let importer = Importer {
        store: use_store(),
        group: StoredValue::new(group.clone()),
        import: StoredValue::new(import),
        schema: StoredValue::new(None),
        message: RwSignal::new(None),
    };
    let listed = RwSignal::new(None::<Result<(Vec<DraftMetaV1>, usize), String>>);
    let ports = session.workspace().ports().clone();
    let source = HttpSchemaSource(use_mount());
    session.spawn(async move {
        let found = async {
            // The declarations' own schema, to read them as they would be submitted.
            let schema = source.load(&form).await.map_err(|e| e.join("；"))?;
            importer.schema.set_value(Some(Arc::new(schema)));
            row_import::candidates(&ports, &form).await
        };
        listed.try_set(Some(found.await));
    });
    let message = importer.message;
    let region = format!("import-{group}");
    // 入库信息: the records of an earlier declaration of the applicant's own.
    let heading = if importer.import.with_value(|i| i.rows_from.is_some()) {
        format!("从之前的申报导入入库信息（{noun}）")
    } else {
        format!("从申报草稿导入{noun}")
    };
    view! {
        <div class="row-import" id=region role="region" aria-label=format!("导入{noun}")>
            <h5>{heading}</h5>
            <p class="message-line" role="status" aria-live="polite">
                {move || message.get().map(|(ok, text)| view! { <span class=if ok { "message ok" } else { "message error" }>{text}</span> })}
            </p>
            {move || match listed.get() {
                None => view! { <p class="hint">"正在读取本机草稿…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="message error">{format!("无法读取本机草稿：{e}")}</p> }.into_any(),
                Some(Ok((list, locked))) => view! { <Candidates list=list locked=locked importer=importer/> }.into_any(),
            }}
            <FromBackupFile group=group importer=importer/>
        </div>
    }
}

/// The declarations in this browser, each with 导入, and how many locked ones are not listed.
#[component]
fn Candidates(list: Vec<DraftMetaV1>, locked: usize, importer: Importer) -> impl IntoView {
    let session = use_session();
    let from_draft = move |meta: DraftMetaV1| {
        let drafts = session.workspace().ports().drafts.clone();
        session.spawn(async move {
            match drafts.load(&meta.id).await {
                Ok(stored) => importer.add(stored),
                Err(e) => {
                    importer.message.set(Some((false, format!("无法读取「{}」：{}", person(&meta), e.message()))))
                }
            }
        });
    };
    let locked_note = (locked > 0).then(|| view! {
        <p class="hint">{format!("另有 {locked} 份已加锁的申报草稿未列出：请申报人先解除口令保护，或导出备份后从文件导入。")}</p>
    });
    if list.is_empty() {
        let none = if locked > 0 {
            "本机浏览器中没有可直接导入的草稿。"
        } else {
            "本机浏览器中没有可导入的草稿。"
        };
        return view! { <p class="hint">{none}"可以从对方发来的备份文件（.zip）导入。"</p>{locked_note} }.into_any();
    }
    let rows = list
        .into_iter()
        .map(|meta| {
            let s = &meta.summary;
            let details = [s.kind.clone(), format!("{}/{} 步", s.steps_done, s.steps_total)]
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            let name = person(&meta);
            choice_row(name, details, "导入", move || from_draft(meta.clone()))
        })
        .collect_view();
    view! { <ul class="file-list">{rows}</ul>{locked_note} }.into_any()
}

/// 从备份文件导入…: a declaration's export file an applicant sent.
#[component]
fn FromBackupFile(group: String, importer: Importer) -> impl IntoView {
    let session = use_session();
    let form = importer.import.with_value(|i| i.form.clone());
    let from_file = move |event: leptos::ev::Event| {
        let Some(file) = files::chosen_file(&event) else { return };
        let (form, archive) = (form.clone(), session.workspace().ports().archive.clone());
        session.spawn(async move {
            let read = async {
                let imported = archive.unpack(files::read_blob(&file).await?).await?;
                if imported.stored.meta.form_id != form {
                    return Err("这不是申报人的申报草稿备份".to_string());
                }
                Ok(imported.stored)
            };
            match read.await {
                Ok(stored) => importer.add(stored),
                Err(e) => importer
                    .message
                    .set(Some((false, format!("无法从文件「{}」导入：{}。", file.name(), e.trim_end_matches('。'))))),
            }
        });
    };
    let file_input_id = format!("import-{group}-file");
    view! {
        <input type="file" class="visually-hidden file-input" id=file_input_id.clone() accept=".zip,application/zip" on:change=from_file/>
        <label class="button secondary file-button" for=file_input_id>"从备份文件导入…"</label>
    }
}
