//! The forms compiled in for tests (`zhicheng_engine::test_forms`) are every form and part of
//! `public/forms/`, and each form loads with its parts.

use zhicheng_engine::test_forms::{form, form_ids, part_ids};

fn json_files(folder: &str) -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(folder);
    let mut ids: Vec<String> = std::fs::read_dir(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.strip_suffix(".json").map(str::to_string))
        .collect();
    ids.sort();
    ids
}

fn sorted(ids: impl Iterator<Item = &'static str>) -> Vec<String> {
    let mut ids: Vec<String> = ids.map(str::to_string).collect();
    ids.sort();
    ids
}

#[test]
fn every_form_and_part_of_the_folder_is_listed() {
    assert_eq!(sorted(form_ids()), json_files("public/forms"), "add the form to test_forms::FORMS");
    assert_eq!(sorted(part_ids()), json_files("public/forms/parts"), "add the part to test_forms::PARTS");
}

#[test]
fn every_form_loads_with_its_parts() {
    for id in form_ids() {
        form(id);
    }
}

#[test]
fn every_business_of_the_catalog_has_its_form() {
    let catalog = zhicheng_engine::catalog::Catalog::from_json(include_str!("../../public/catalog.json"))
        .unwrap_or_else(|p| panic!("{p:?}"));
    let forms = sorted(form_ids());
    let missing: Vec<String> = catalog
        .systems
        .iter()
        .flat_map(|s| s.businesses.iter().map(|b| b.form.clone()))
        .filter(|f| !forms.contains(f))
        .collect();
    assert!(missing.is_empty(), "the catalog offers forms that do not exist: {missing:?}");
}
