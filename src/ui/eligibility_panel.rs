//! 资格自查: the engine's verdicts on the current answers (学历资历, 资历年限, 考核认定, 转系列,
//! 继续教育), each with its outcome in an icon and words, the explanation, the dates used, the
//! earliest qualifying date, a suggestion and the source of the table; updated as the answers change.

use leptos::prelude::*;
use zhicheng_engine::{Standing, Verdict};

use crate::ui::memo::memo;
use crate::ui::store::use_store;

/// The mark and the class of an outcome; the words come with it, so colour is never alone.
fn mark(standing: Standing) -> (&'static str, &'static str) {
    match standing {
        Standing::Meets => ("✓", "verdict meets"),
        Standing::FallsShort => ("✗", "verdict falls-short"),
        Standing::NeedsAnswers => ("?", "verdict needs-answers"),
    }
}

/// The panel; `on_close` adds a 收起 button (the panel opened from the top bar).
#[component]
pub fn EligibilityPanel(#[prop(optional)] on_close: Option<Callback<()>>) -> impl IntoView {
    let store = use_store();
    let verdicts = memo(move || store.state.with(|s| s.eligibility()));
    let counts = move || {
        let list = verdicts.get();
        let count = |s: Standing| list.iter().filter(|v| v.standing == s).count();
        format!(
            "共 {} 项：符合 {}，不符合 {}，信息不足 {}。",
            list.len(),
            count(Standing::Meets),
            count(Standing::FallsShort),
            count(Standing::NeedsAnswers)
        )
    };
    view! {
        <section class="eligibility" id="eligibility" aria-labelledby="eligibility-title">
            <div class="eligibility-header">
                <h2 id="eligibility-title" tabindex="-1">"资格自查"</h2>
                {on_close.map(|close| view! {
                    <button type="button" class="link-button" on:click=move |_| close.run(())>"收起"<span class="visually-hidden">"资格自查"</span></button>
                })}
            </div>
            <p class="eligibility-lead">"按已填写的信息，对照申报条件逐项自查。结果仅供参考，以评委会审核为准。"</p>
            <div aria-live="polite">
                <p class="eligibility-counts">{counts}</p>
                <ul class="verdicts">
                    {move || verdicts.get().into_iter().map(|v| view! { <VerdictItem verdict=v/> }).collect_view()}
                </ul>
            </div>
        </section>
    }
}

/// One verdict: outcome, rule, explanation, dates, earliest date, suggestion, source.
#[component]
fn VerdictItem(verdict: Verdict) -> impl IntoView {
    let (icon, class) = mark(verdict.standing);
    let dates = (!verdict.dates.is_empty()).then(|| {
        let list: Vec<String> = verdict.dates.iter().map(|d| format!("{} {}", d.what, d.date.iso())).collect();
        view! { <p class="verdict-dates">"所用日期："{list.join("，")}</p> }
    });
    view! {
        <li class=class>
            <p class="verdict-head">
                <span class="verdict-mark" aria-hidden="true">{icon}</span>
                <strong class="verdict-standing">{verdict.standing.label()}</strong>
                <span class="verdict-rule">{format!("{}（{}）", verdict.rule, verdict.code)}</span>
            </p>
            <p class="verdict-text">{verdict.explanation}</p>
            {dates}
            {verdict.earliest.map(|d| view! { <p class="verdict-earliest">{format!("最早符合日期：{}", d.iso())}</p> })}
            {verdict.suggestion.map(|s| view! { <p class="verdict-suggestion">{format!("建议：{s}")}</p> })}
            {verdict.basis.map(|b| view! { <p class="verdict-basis">{format!("依据：{b}")}</p> })}
        </li>
    }
}
