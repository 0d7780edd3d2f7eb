//! 我的草稿 on the start page: every draft in this browser, of every system and business, with
//! where it belongs, when it was last saved and how far along it is; 打开 goes to its form.

use std::rc::Rc;

use leptos::prelude::*;
use zhicheng_browser::clock;
use zhicheng_engine::catalog::Catalog;
use zhicheng_engine::DraftMetaV1;
use zhicheng_session::DraftRepository;

use crate::ui::loaded::loaded;
use crate::ui::navigator::Navigator;

#[component]
pub fn AllDrafts(catalog: Catalog, drafts: Rc<dyn DraftRepository>) -> impl IntoView {
    let store = StoredValue::new_local(drafts);
    let listed = loaded(move || {
        let drafts = store.get_value();
        async move {
            let mut active: Vec<DraftMetaV1> =
                drafts.list().await.unwrap_or_default().into_iter().filter(|d| d.deleted_at.is_none()).collect();
            active.sort_unstable_by(|a, b| b.saved_at.cmp(&a.saved_at).then_with(|| a.id.cmp(&b.id)));
            active
        }
    });
    let catalog = StoredValue::new(catalog);
    view! {
        <section class="all-drafts" aria-labelledby="all-drafts-heading">
            <h2 id="all-drafts-heading">"我的草稿"</h2>
            {move || listed.get().map(|drafts| {
                if drafts.is_empty() {
                    return view! { <p class="empty">"本浏览器中还没有草稿。选择上面的申报系统和业务开始填写。"</p> }.into_any();
                }
                view! {
                    <div class="table-wrap"><table class="rows drafts-table">
                        <caption class="visually-hidden">"本浏览器中的全部草稿"</caption>
                        <thead><tr>
                            <th scope="col">"申报系统"</th><th scope="col">"业务"</th><th scope="col">"名称"</th>
                            <th scope="col">"最后保存"</th><th scope="col">"完成度"</th><th scope="col">"操作"</th>
                        </tr></thead>
                        <tbody>{drafts.into_iter().map(|d| catalog.with_value(|c| draft_row(c, d))).collect_view()}</tbody>
                    </table></div>
                }
                .into_any()
            })}
        </section>
    }
}

/// One draft: a locked one names nothing about the applicant.
fn draft_row(catalog: &Catalog, draft: DraftMetaV1) -> impl IntoView {
    let navigator = expect_context::<Navigator>();
    let naming = catalog.name_of(&draft.form_id, &draft.summary.kind);
    let system = naming.map_or_else(|| "其他".to_string(), |n| n.system.name.clone());
    let business = naming.map_or_else(|| draft.form_id.clone(), |n| n.business.name.clone());
    let name = if draft.lock.is_some() { "已加锁的草稿".to_string() } else { draft.display_name() };
    let label = format!("打开「{name}」");
    let (form, id) = (draft.form_id.clone(), draft.id.clone());
    view! {
        <tr>
            <td>{system}</td><td>{business}</td><td>{name}</td>
            <td>{clock::date_time(draft.saved_at)}</td><td>{format!("{}%", draft.summary.percent())}</td>
            <td><button type="button" class="button secondary" aria-label=label on:click=move |_| navigator.open(&form, Some(&id))>"打开"</button></td>
        </tr>
    }
}
