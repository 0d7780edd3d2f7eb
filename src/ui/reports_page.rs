//! 报表打印: the reports this declaration has (as in the portal: 报表名称, 所属环节, 打印状态,
//! 最后打印时间), a preview of each, and 打印 (the browser's print dialog, where 「另存为 PDF」
//! makes the PDF).

use std::sync::Arc;

use leptos::prelude::*;
use zhicheng_engine::printable::html::{render, stylesheet};
use zhicheng_engine::printable::{applicable, build, fingerprint, ReportSet};
use zhicheng_engine::Command;

use zhicheng_browser::{clock, drafts::now_ms, print, report_source, timing};

/// The User Timing name of building a report from the answers and rendering it to HTML.
pub const REPORT_MEASURE: &str = "zhicheng:report-build";
use crate::ui::loaded::loaded;
use crate::ui::mounted::use_mount;
use crate::ui::report_view::ReportView;
use crate::ui::store::{focus_after_render, Store};
use crate::ui::training_hooks;

#[component]
pub fn ReportsPage(on_close: Callback<()>) -> impl IntoView {
    let store = expect_context::<Store>();
    let schema = store.state.with_untracked(|s| s.schema().clone());
    let mount = use_mount();
    let loaded = loaded(move || {
        let (schema, mount) = (schema.clone(), mount.clone());
        async move { report_source::load(&mount, &schema).await.map(Arc::new) }
    });
    let previewing = RwSignal::new(None::<String>);
    view! {
        {move || match (loaded.get(), previewing.get()) {
            (None, _) => view! { <p class="loading no-print" role="status">"正在加载报表…"</p> }.into_any(),
            (Some(Err(e)), _) => view! { <p class="notice no-print" role="alert">{format!("报表无法加载：{e}")}</p> }.into_any(),
            (Some(Ok(set)), None) => view! { <ReportList set=set previewing=previewing on_close=on_close/> }.into_any(),
            (Some(Ok(set)), Some(id)) => view! { <Preview set=set id=id previewing=previewing/> }.into_any(),
        }}
    }
}

#[component]
fn ReportList(set: Arc<ReportSet>, previewing: RwSignal<Option<String>>, on_close: Callback<()>) -> impl IntoView {
    let store = expect_context::<Store>();
    let rows = move || {
        store.state.with(|s| {
            set.reports
                .iter()
                .filter(|r| applicable(r, s))
                .map(|r| {
                    let id = r.id.clone();
                    let printed = s.last_printed(&r.id);
                    let label = format!("预览「{}」", r.list_name);
                    view! {
                        <tr>
                            <td data-label="报表名称">{r.list_name.clone()}</td>
                            <td data-label="所属环节">{r.stage.clone()}</td>
                            <td data-label="打印状态">{if printed.is_some() { "已打印" } else { "未打印（已开放打印）" }}</td>
                            <td data-label="最后打印时间">{printed.map(clock::date_time).unwrap_or_default()}</td>
                            <td data-label="操作">
                                <button type="button" class="link-button" aria-label=label on:click=move |_| {
                                    previewing.set(Some(id.clone()));
                                    focus_after_render("page-heading".into());
                                }>"预览"</button>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="reports-page">
            <h2 id="page-heading" tabindex="-1">"报表打印"</h2>
            <p class="lead">"以下报表根据您填写的信息自动生成。预览后点击「打印」，可直接打印，或在打印对话框中选择「另存为 PDF」。"
                {training_hooks::report_mark_note()}</p>
            <div class="table-wrap">
                <table class="rows drafts-table">
                    <thead><tr><th scope="col">"报表名称"</th><th scope="col">"所属环节"</th><th scope="col">"打印状态"</th><th scope="col">"最后打印时间"</th><th scope="col">"操作"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="step-actions" part="actions">
                <button type="button" class="button secondary" on:click=move |_| on_close.run(())>"返回填写"</button>
            </div>
        </div>
    }
}

#[component]
fn Preview(set: Arc<ReportSet>, id: String, previewing: RwSignal<Option<String>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let Some(template) = set.reports.iter().find(|r| r.id == id).cloned() else {
        return view! { <p class="notice">"没有这份报表。"</p> }.into_any();
    };
    // Built and rendered to HTML by the engine; the benchmark reads this measure.
    timing::start(REPORT_MEASURE);
    let (html, css, title) = store.state.with_untracked(|s| {
        let document = build(&template, s);
        let print = fingerprint(s);
        let stamp = training_hooks::stamp(&print, s.is_finished());
        (render(&document, stamp), stylesheet(&document, stamp), document.title)
    });
    timing::end(REPORT_MEASURE);
    // The printed title (answers filled in) also names the PDF the browser saves.
    let print_id = id.clone();
    let print_now = move |_| {
        store.dispatch(Command::RecordPrint { report: print_id.clone(), at_ms: now_ms() });
        if let Err(e) = print::print_as(&title) {
            zhicheng_browser::dom::alert(&e);
        }
    };
    view! {
        <div class="report-preview">
            <div class="report-toolbar no-print">
                <h2 id="page-heading" tabindex="-1">{template.list_name.clone()}</h2>
                <button type="button" class="button primary" on:click=print_now>"打印"</button>
                <button type="button" class="button secondary" on:click=move |_| previewing.set(None)>"返回报表列表"</button>
            </div>
            <ReportView html=html css=css/>
        </div>
    }
    .into_any()
}
