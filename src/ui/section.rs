//! One section of a step: title, guidance, conditional notes and its fields; a section that asks
//! for a publicity period also says what its working days are counted by.

use leptos::prelude::*;
use zhicheng_engine::rules::publicity_period::counts_working_days;
use zhicheng_engine::{FieldPath, Section};

use crate::ui::calendar_note::CalendarNote;
use crate::ui::field::FieldView;
use crate::ui::keyed_list::keyed_list;
use crate::ui::memo::memo;
use crate::ui::store::Store;

#[component]
pub fn SectionView(step: usize, index: usize, section: Section) -> impl IntoView {
    let store = expect_context::<Store>();
    let visible = memo(move || store.state.with(|s| s.evaluator().section_visible(step, index)));
    let notes = section.notes.clone();
    let active_notes = memo(move || {
        store.state.with(|s| {
            let ev = s.evaluator();
            notes.iter().filter(|n| ev.holds(&n.when, None)).map(|n| n.text.clone()).collect::<Vec<_>>()
        })
    });
    move || visible.get().then(|| render_section(&section, active_notes))
}

fn render_section(section: &Section, active_notes: Memo<Vec<String>>) -> impl IntoView {
    let heading_id = format!("section-{}", section.id);
    let fields = section
        .fields
        .iter()
        .map(|field| view! { <FieldView path=FieldPath::top(&field.id) field=field.clone()/> })
        .collect_view();
    let help = (!section.help.is_empty()).then(|| {
        view! { <div class="section-help">{section.help.iter().map(|h| view! { <p>{h.clone()}</p> }).collect_view()}</div> }
    });
    let calendar = counts_working_days(section).then(|| view! { <CalendarNote/> });
    let labelled_by = heading_id.clone();
    view! {
        <section class="form-section" aria-labelledby=labelled_by>
            <h3 id=heading_id>{section.title.clone()}</h3>
            {help}
            {calendar}
            {keyed_list(move || active_notes.get(), |n| n.clone(), |note| view! { <p class="notice" role="note">{note}</p> })}
            <div class="field-grid">{fields}</div>
        </section>
    }
}
