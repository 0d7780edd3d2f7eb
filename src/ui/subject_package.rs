//! The declaration a decision is about, read-only beside the unit's own fields (on the step that
//! holds the decision's subject): read from the package file kept with the decision when the unit
//! opened it from a file, else fetched from the receiver with the unit's key; shown as 核对信息
//! shows a sent package — every answer the applicant submitted, section by section — and every
//! attached file, each opened with 查看. The unit cannot change any of it.

use std::sync::Arc;

use leptos::prelude::*;
use zhicheng_browser::json::BrowserJson;
use zhicheng_browser::schema_source::{HttpSchemaSource, SchemaSource};
use zhicheng_browser::{files, unit_key};
use zhicheng_engine::attachments::format_bytes;
use zhicheng_engine::{AttachedFile, FormSchema, PackageManifestV1, SubmissionV1};
use zhicheng_session::unit_desk::{self, from_file};
use zhicheng_session::OpenForm;

use crate::ui::mounted::use_mount;
use crate::ui::review::review_sections;
use crate::ui::session::use_session;
use crate::ui::store::Store;

/// The decided package's files, when they came with it in a file: each with its content.
type FileContents = Arc<Vec<(AttachedFile, Vec<u8>)>>;

/// The decided package and its form, once both are here, and its files if they came in a file.
type Subject = (Arc<FormSchema>, PackageManifestV1, Option<FileContents>);

#[component]
pub fn SubjectPackage(subject: String, store: Store) -> impl IntoView {
    let session = use_session();
    let (ports, source) = (session.workspace().ports().clone(), HttpSchemaSource(use_mount()));
    let decided = session.workspace().schema().settings.decides.as_ref().map(|d| d.form.clone()).unwrap_or_default();
    let loaded = RwSignal::new(None::<Result<Subject, String>>);
    let (id, attachments) = (subject.clone(), store.state.with_untracked(|s| s.attachments().clone()));
    session.spawn(async move {
        let found = async {
            let kept = match from_file::kept_subject(&ports, &attachments).await {
                Some(kept) => Some(kept?).filter(|kept| kept.sent.manifest.package_id == id),
                None => None,
            };
            if kept.is_none() && unit_key::current().is_none() {
                return Err(
                    "查看申报内容需要单位密钥：请回到「我的事项」输入单位密钥，或从申报包文件打开。".to_string()
                );
            }
            let schema = Arc::new(source.load(&decided).await.map_err(|e| e.join("；"))?);
            match kept {
                Some(kept) => Ok((schema, kept.sent.manifest, Some(Arc::new(kept.files)))),
                None => Ok((schema, unit_desk::package::<BrowserJson>(&ports, &id).await?.1, None)),
            }
        };
        loaded.try_set(Some(found.await));
    });
    view! {
        <section class="subject-package" aria-labelledby="subject-heading">
            <h3 id="subject-heading">"申报人提交的申报（只读）"</h3>
            {move || match loaded.get() {
                None => view! { <p class="loading" role="status">"正在读取申报内容…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="notice" role="alert">{e}</p> }.into_any(),
                Some(Ok((schema, manifest, contents))) => view! { <SubjectAnswers schema=schema manifest=manifest contents=contents/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn SubjectAnswers(
    schema: Arc<FormSchema>,
    manifest: PackageManifestV1,
    contents: Option<FileContents>,
) -> impl IntoView {
    let session = use_session();
    let ports = session.workspace().ports().clone();
    let entry = SubmissionV1::new(manifest.clone(), "", &manifest.applicant.name, "", 0);
    let open = match OpenForm::of_package(ports.clone(), schema, &entry) {
        Ok(open) => open,
        Err(e) => return view! { <p class="notice" role="alert">{e}</p> }.into_any(),
    };
    let store = Store::new(open);
    let sections = store.state.with_untracked(|s| review_sections(store, s, true).into_any());
    let said = RwSignal::new(None::<String>);
    let package_id = StoredValue::new(manifest.package_id.clone());
    let files = manifest.attachments.iter().map(|file| {
        let material = schema_material_name(&store, &file.material);
        let (sha, ports, contents) = (file.sha256.clone(), ports.clone(), contents.clone());
        let show = move |_| {
            // A file that came in the package file opens at once, while the click still counts.
            if let Some(contents) = &contents {
                let shown = contents.iter().find(|(f, _)| f.sha256 == sha).ok_or_else(|| "申报包中没有这个附件".to_string());
                let shown = shown.and_then(|(f, bytes)| files::show_in_new_tab(&files::blob_of(bytes, &f.media_type)?));
                said.set(shown.err());
                return;
            }
            let (sha, ports) = (sha.clone(), ports.clone());
            leptos::task::spawn_local(async move {
                let opened = async {
                    let url = unit_desk::file_url(&ports, &package_id.get_value(), &sha).await?;
                    unit_key::open_file(&url).await
                };
                if let Err(e) = opened.await {
                    said.set(Some(e));
                }
            });
        };
        view! {
            <li>{format!("{material}：{}（{}）", file.name, format_bytes(file.size))}" "
                <button type="button" class="link-button" aria-label=format!("查看附件「{}」", file.name) on:click=show>"查看"</button>
            </li>
        }
    }).collect_view();
    view! {
        {sections}
        <section class="review-section">
            <div class="review-header"><h3>"附件材料"</h3></div>
            <div role="status">{move || said.get().map(|m| view! { <p class="notice">{m}</p> })}</div>
            <ul class="materials">{files}</ul>
        </section>
    }
    .into_any()
}

/// A material's name in the decided form, or its id when the form does not list it.
fn schema_material_name(store: &Store, id: &str) -> String {
    store
        .state
        .with_untracked(|s| s.schema().materials.iter().find(|m| m.id == id).map_or(id.to_string(), |m| m.name.clone()))
}
