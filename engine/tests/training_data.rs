//! The training data of `public/training/` against the real forms: every persona the index lists
//! reads, fits its form and catalog business, and opens with each of its planted mistakes reported
//! by the engine; every tips file fits its form. A trainer who edits a file runs this test.

use std::sync::Arc;

use serde_json::Value as Json;
use zhicheng_engine::catalog::Catalog;
use zhicheng_engine::training::{Persona, Tips};
use zhicheng_engine::{test_forms, Command, Date, FormState, HolidayCalendar};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/");

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn index() -> Json {
    zhicheng_engine::training::TrainingIndex::from_json(&read("training/index.json")).expect("the index is checked");
    serde_json::from_str(&read("training/index.json")).expect("training/index.json is JSON")
}

fn persona_ids() -> Vec<String> {
    let ids: Vec<String> =
        index()["personas"].as_array().expect("personas").iter().map(|p| p.as_str().unwrap().to_string()).collect();
    assert!(ids.len() >= 5, "the issue asks for five personas at least");
    ids
}

/// The persona's fresh draft, opened as the app opens it.
fn opened(persona: &Persona, catalog: &Catalog) -> FormState {
    let (form_id, preset) = persona.form(catalog).unwrap_or_else(|d| panic!("{d:?}"));
    let schema = Arc::new(test_forms::form(form_id));
    let prepared = persona.prepare(&schema, preset).unwrap_or_else(|d| panic!("{}: {d:#?}", persona.id));
    let mut state = FormState::from_draft(schema, prepared.draft, Date::new(2026, 12, 1).unwrap()).unwrap();
    let calendar = HolidayCalendar::from_json(&read("calendar/cn.json")).unwrap();
    state.apply(Command::SetCalendar(Arc::new(calendar)));
    state
}

#[test]
fn every_persona_opens_with_each_planted_mistake_reported() {
    let catalog = Catalog::from_json(&read("catalog.json")).unwrap();
    for id in persona_ids() {
        let persona = Persona::from_json(&read(&format!("training/personas/{id}.json")))
            .unwrap_or_else(|d| panic!("{id}: {d:#?}"));
        assert_eq!(persona.id, id, "a persona's id is its file's name");
        assert!(persona.planted.len() >= 3, "{id}: a persona plants a few mistakes");
        let state = opened(&persona, &catalog);
        let unreported: Vec<&str> = persona.unreported(&state).iter().map(|p| p.id.as_str()).collect();
        assert!(unreported.is_empty(), "{id}: the engine does not report {unreported:?}");
    }
}

#[test]
fn the_personas_cover_the_mistakes_the_issue_names() {
    let all: Vec<Persona> = persona_ids()
        .iter()
        .map(|id| Persona::from_json(&read(&format!("training/personas/{id}.json"))).unwrap())
        .collect();
    let fields: Vec<String> = all
        .iter()
        .flat_map(|p| p.planted.iter())
        .map(|p| format!("{:?}/{:?}/{:?}", p.group, p.field, p.material))
        .collect();
    assert!(all.iter().flat_map(|p| &p.planted).any(|p| p.material.is_some()), "a missing material: {fields:?}");
    assert!(all.iter().any(|p| p.role == zhicheng_engine::catalog::Actor::Unit), "a unit HR officer");
}

#[test]
fn every_tips_file_fits_its_form() {
    let index = index();
    let tips = index["tips"].as_object().expect("tips");
    assert!(!tips.is_empty());
    for (form_id, path) in tips {
        let schema = test_forms::form(form_id);
        let tips = Tips::from_json(&read(&format!("training/{}", path.as_str().unwrap())), &schema)
            .unwrap_or_else(|d| panic!("{form_id}: {d:#?}"));
        for step in &schema.steps {
            assert!(tips.of_step(&step.id).next().is_some(), "{form_id}: no tip for step {}", step.id);
        }
    }
}
