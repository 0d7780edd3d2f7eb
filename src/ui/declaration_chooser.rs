//! 新建申报 on the start page: the system, then the business it offers, then the choices the
//! business's form asks before a draft exists.

use leptos::prelude::*;
use zhicheng_engine::catalog::{Actor, Catalog};

use crate::ui::radio_cards::{Card, RadioCards};
use crate::ui::start_choices::StartChoices;

#[component]
pub fn DeclarationChooser(catalog: Catalog) -> impl IntoView {
    let catalog = StoredValue::new(catalog);
    let system = RwSignal::new(None::<String>);
    let business = RwSignal::new(None::<String>);
    // A business belongs to one system: choosing another system starts the choice again.
    Effect::new(move |previous: Option<Option<String>>| {
        let now = system.get();
        if previous.is_some_and(|p| p != now) {
            business.set(None);
        }
        now
    });
    let systems = catalog.with_value(|c| {
        c.systems.iter().map(|s| Card { id: s.id.clone(), title: s.name.clone(), detail: s.platform.clone() }).collect()
    });
    let businesses = move || {
        let id = system.get()?;
        let cards = catalog.with_value(|c| {
            let system = c.systems.iter().find(|s| s.id == id)?;
            Some(
                system
                    .businesses
                    .iter()
                    .map(|b| Card {
                        id: b.id.clone(),
                        title: business_title(b.name.as_str(), b.actor),
                        detail: b.note.clone().unwrap_or_default(),
                    })
                    .collect::<Vec<_>>(),
            )
        })?;
        Some(view! { <RadioCards name="business" legend="2. 选择业务" cards=cards selected=business/> })
    };
    let chosen = move || {
        let naming = catalog.with_value(|c| {
            c.business(&system.get()?, &business.get()?).map(|n| (n.business.form.clone(), n.business.preset.clone()))
        })?;
        let (form_id, preset) = naming;
        Some(view! { <StartChoices form_id=form_id preset=preset/> })
    };
    view! {
        <section class="chooser" aria-labelledby="new-declaration">
            <h2 id="new-declaration">"新建申报"</h2>
            <RadioCards name="system" legend="1. 选择申报系统" cards=systems selected=system/>
            {businesses}
            {chosen}
        </section>
    }
}

/// A unit's business says so, so an applicant does not start the unit's form by mistake.
fn business_title(name: &str, actor: Actor) -> String {
    match actor {
        Actor::Applicant => name.to_string(),
        Actor::Unit => format!("{name}（单位经办人）"),
    }
}
