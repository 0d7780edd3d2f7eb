//! A group of radio buttons, each with a title and a line of details, in a fieldset with its
//! legend: the start page's choice of system and of business.

use leptos::prelude::*;

/// One choice: its id, its title and the line under it.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub id: String,
    pub title: String,
    pub detail: String,
}

#[component]
pub fn RadioCards(
    name: &'static str,
    legend: &'static str,
    cards: Vec<Card>,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        <fieldset class="radio-cards">
            <legend>{legend}</legend>
            {cards
                .into_iter()
                .map(|card| {
                    let dom_id = format!("{name}-{}", card.id);
                    let detail_id = format!("{dom_id}-detail");
                    let id = card.id.clone();
                    let checked = card.id.clone();
                    view! {
                        <div class="radio-card">
                            <input
                                type="radio"
                                id=dom_id.clone()
                                name=name
                                value=card.id.clone()
                                aria-describedby=detail_id.clone()
                                prop:checked=move || selected.with(|s| s.as_deref() == Some(checked.as_str()))
                                on:change=move |_| selected.set(Some(id.clone()))
                            />
                            <label for=dom_id>
                                <span class="radio-card-title">{card.title}</span>
                                <span class="hint" id=detail_id>{card.detail}</span>
                            </label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
