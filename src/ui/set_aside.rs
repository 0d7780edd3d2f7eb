//! Answers carried from an older version of the form that the current one has no field for.
//! They are never dropped: 核对信息 lists them so the applicant can copy them where they belong.

use leptos::prelude::*;

use crate::ui::store::Store;

/// The list of set-aside answers; nothing when there are none.
#[component]
pub fn SetAsideList() -> impl IntoView {
    let store = expect_context::<Store>();
    move || {
        store.state.with(|s| {
            let items: Vec<(String, String)> = s
                .set_aside()
                .iter()
                .map(|kept| {
                    let place = match (&kept.group, kept.row) {
                        (Some(group), Some(row)) => {
                            let label = s.schema().field(group).map(|g| g.label.clone()).unwrap_or_else(|| group.clone());
                            let index = s.rows(group).iter().position(|r| r.id == row).map(|i| i + 1);
                            match index {
                                Some(i) => format!("{label} 第 {i} 条 · {}", kept.field),
                                None => format!("{label} · {}", kept.field),
                            }
                        }
                        _ => kept.field.clone(),
                    };
                    (place, kept.value.display())
                })
                .collect();
            (!items.is_empty()).then(|| {
                view! {
                    <section class="review-section set-aside" aria-labelledby="set-aside-heading">
                        <h3 id="set-aside-heading">"旧版申报表中的其他内容"</h3>
                        <p class="hint">
                            "申报表已更新，以下内容在新版中没有对应的栏目。系统已原样保留，请核对后把需要的内容填写到合适的位置。"
                        </p>
                        <dl class="review-list">
                            {items.into_iter().map(|(place, value)| view! {
                                <div class="review-item"><dt>{place}</dt><dd>{value}</dd></div>
                            }).collect_view()}
                        </dl>
                    </section>
                }
            })
        })
    }
}
