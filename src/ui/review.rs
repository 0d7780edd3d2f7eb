//! 核对信息: every section with its answers and 修改 links, all remaining errors, the 资格自查, the
//! attachment checklist, and the final 确认 that refuses while any error exists.

use leptos::prelude::*;
use zhicheng_engine::materials::checklist;
use zhicheng_engine::{Command, Field, FieldKind, FormState, Outcome, Position, Value};

use crate::ui::eligibility_panel::EligibilityPanel;
use crate::ui::error_summary::{SummaryBox, SummaryItem};
use crate::ui::memo::memo;
use crate::ui::set_aside::SetAsideList;
use crate::ui::store::{describe_path, focus_after_render, Store};
use crate::ui::submit_panel::SubmitPanel;
use crate::ui::training_hooks;

fn all_errors(s: &FormState) -> Vec<SummaryItem> {
    s.report()
        .errors()
        .map(|v| {
            let step = s.step_of(&v.path).map(|i| s.schema().steps[i].title.clone()).unwrap_or_default();
            SummaryItem {
                path: v.path.clone(),
                text: format!("【{step}】{}：{}", describe_path(s, &v.path), v.message),
            }
        })
        .collect()
}

/// 核对信息; `read_only` shows a submitted declaration as it was sent (no 修改, no 完成).
#[component]
pub fn ReviewPage(#[prop(optional)] read_only: bool) -> impl IntoView {
    let store = expect_context::<Store>();
    let errors = memo(move || store.state.with(all_errors));
    let warnings = memo(move || store.state.with(|s| s.report().warnings().count()));
    let finished = memo(move || store.state.with(|s| s.is_finished()));
    let missing = memo(move || store.state.with(|s| s.missing_materials()));
    let finish = move |_| {
        if let Outcome::Blocked { .. } = store.dispatch(Command::Finish) {
            let target = if errors.get_untracked().is_empty() { "missing-materials" } else { "error-summary" };
            focus_after_render(target.to_string());
        }
    };
    let sections = move || store.state.with(|s| review_sections(store, s, read_only));
    let has_materials = store.state.with_untracked(|s| s.has_materials());
    let has_eligibility = store.state.with_untracked(|s| s.has_eligibility());
    view! {
        <div class="review-page">
            <h2 id="page-heading" tabindex="-1">"核对信息"</h2>
            <p class="lead">{if read_only {
                "这份申报已提交，以下是提交时的内容（只读）。"
            } else {
                "请逐项核对以下信息。需要修改时，点击该部分的「修改」。"
            }}</p>
            // A submitted declaration shows where its package is before its contents.
            {read_only.then(|| view! { <SubmitPanel/> })}
            {move || (!read_only).then(|| {
                let list = errors.get();
                let absent = missing.get();
                if list.is_empty() && absent.is_empty() {
                    view! {
                        <div class="all-clear" role="status">
                            <h3>"所有必填信息已完成，未发现错误"</h3>
                            {move || (warnings.get() > 0).then(|| view! {
                                <p>{format!("另有 {} 条提示，请核对后再确认（提示不影响提交）。", warnings.get())}</p>
                            })}
                        </div>
                    }.into_any()
                } else {
                    view! {
                        {(!list.is_empty()).then(|| view! { <SummaryBox items=list/> })}
                        {(!absent.is_empty()).then(|| view! { <MissingMaterials names=absent/> })}
                    }.into_any()
                }
            })}
            {training_hooks::score(read_only)}
            {has_eligibility.then(|| view! { <EligibilityPanel/> })}
            {sections}
            <SetAsideList/>
            {has_materials.then(|| view! { <MaterialsList read_only=read_only/> })}
            {(!read_only).then(|| view! {
                <div class="step-actions" part="actions">
                    <button type="button" class="button secondary" on:click=move |_| { store.dispatch(Command::Previous); }>"上一步"</button>
                    <button type="button" class="button primary" on:click=finish>"确认无误，完成填写"</button>
                </div>
            })}
            {move || (finished.get() && !read_only).then(|| view! {
                <div class="all-clear done" role="status">
                    <h3>"填写完成"</h3>
                    <p>{if has_materials {
                        "申报信息已通过全部校验，必传材料已齐全。下一步请打印报表。"
                    } else {
                        "填写内容已通过全部校验。下一步请打印报表。"
                    }}</p>
                </div>
            })}
            {(!read_only).then(|| view! { <SubmitPanel/> })}
        </div>
    }
}

pub fn review_sections(store: Store, s: &FormState, read_only: bool) -> impl IntoView {
    let ev = s.evaluator();
    s.visible_steps()
        .into_iter()
        .map(|step| {
            let def = &s.schema().steps[step];
            let rows = def
                .sections
                .iter()
                .enumerate()
                .filter(|(i, _)| ev.section_visible(step, *i))
                .flat_map(|(_, section)| section.fields.iter())
                .filter(|f| ev.is_visible(&f.id))
                .map(|f| review_field(s, f))
                .collect_view();
            let title = def.title.clone();
            view! {
                <section class="review-section">
                    <div class="review-header">
                        <h3>{title.clone()}</h3>
                        {(!read_only).then(|| view! {
                            <button type="button" class="link-button" aria-label=format!("修改{title}")
                                on:click=move |_| { store.dispatch(Command::GoTo(Position::Step(step))); }>"修改"</button>
                        })}
                    </div>
                    <dl class="review-list">{rows}</dl>
                </section>
            }
        })
        .collect_view()
}

fn review_field(s: &FormState, field: &Field) -> impl IntoView {
    let value = s.answers().get(&field.id);
    let content = if field.is_group() {
        let rows = value.map(Value::as_rows).unwrap_or(&[]);
        if rows.is_empty() {
            view! { <span class="blank">"未填写"</span> }.into_any()
        } else {
            let header = field
                .columns
                .iter()
                .filter_map(|c| field.child(c))
                .map(|c| view! { <th scope="col">{c.label.clone()}</th> })
                .collect_view();
            let body = rows
                .iter()
                .map(|row| {
                    let cells = field
                        .columns
                        .iter()
                        .map(|c| view! { <td>{row.get(c).map(Value::display).unwrap_or_default()}</td> })
                        .collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view();
            view! { <div class="table-wrap"><table class="rows compact"><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table></div> }
                .into_any()
        }
    } else {
        match value.filter(|v| !v.is_blank()) {
            Some(v) => view! { <span>{v.display()}</span> }.into_any(),
            None => view! { <span class="blank">"未填写"</span> }.into_any(),
        }
    };
    // A table, or a long text the form lays out wide, takes the whole width with its label above.
    let wide = field.is_group() || (field.wide && field.kind == FieldKind::Textarea);
    view! {
        <div class="review-item" class:wide=wide>
            <dt>{field.label.clone()}</dt>
            <dd>{content}</dd>
        </div>
    }
}

/// The required materials with no file yet: they block 完成填写 (and submission).
#[component]
fn MissingMaterials(names: Vec<String>) -> impl IntoView {
    let store = expect_context::<Store>();
    view! {
        <div class="error-summary" id="missing-materials" tabindex="-1" role="alert" aria-labelledby="missing-materials-title">
            <h2 id="missing-materials-title">{format!("有 {} 项必传材料未上传", names.len())}</h2>
            <ul>
                {names.into_iter().map(|name| view! {
                    <li>
                        <a href="#main" on:click=move |ev| {
                            ev.prevent_default();
                            store.dispatch(Command::GoTo(Position::Materials));
                        }>{format!("{name}：暂未上传，请到「附件材料」上传")}</a>
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
}

/// The attachment checklist as the answers make it, with what is uploaded; required materials
/// still missing block 完成填写 and are linked to the 附件材料 page.
#[component]
fn MaterialsList(read_only: bool) -> impl IntoView {
    let store = expect_context::<Store>();
    let items = memo(move || {
        store.state.with(|s| {
            checklist(&s.evaluator())
                .into_iter()
                .map(|m| (m.material.name.clone(), m.required, s.attachments().get(&m.material.id).map_or(0, Vec::len)))
                .collect::<Vec<_>>()
        })
    });
    let to_materials = move |_| {
        store.dispatch(Command::GoTo(Position::Materials));
    };
    view! {
        <section class="review-section" id="review-materials">
            <div class="review-header">
                <h3>"附件材料"</h3>
                {(!read_only).then(|| view! {
                    <button type="button" class="link-button" on:click=to_materials>"修改"<span class="visually-hidden">"附件材料"</span></button>
                })}
            </div>
            <ul class="materials">
                {move || items.get().into_iter().map(|(name, required, count)| {
                    let (class, status) = match (count, required) {
                        (0, true) => ("badge error", "必传，未上传".to_string()),
                        (0, false) => ("badge", "选传，未上传".to_string()),
                        (n, _) => ("badge ok", format!("已上传 {n} 个")),
                    };
                    view! { <li><span class=class>{status}</span>" "{name}</li> }
                }).collect_view()}
            </ul>
        </section>
    }
}
