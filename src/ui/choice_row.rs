//! One line of a list to choose from (a file of 我的资料库, a draft to import): its name, a line
//! of details, and a button whose accessible name says what choosing it does.

use leptos::prelude::*;

/// `verb` is the button's word (「选用」); screen readers hear 「选用「name」」.
pub fn choice_row(name: String, details: String, verb: &'static str, on_choose: impl Fn() + 'static) -> impl IntoView {
    let label = format!("{verb}「{name}」");
    view! {
        <li class="file-row">
            <div class="file-text"><span class="file-name">{name}</span><span class="hint">{details}</span></div>
            <button type="button" class="button secondary" aria-label=label on:click=move |_| on_choose()>{verb}</button>
        </li>
    }
}
