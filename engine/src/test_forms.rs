//! The forms of `public/forms/` and their shared parts, compiled in for the tests of every crate
//! (feature `test-forms`; the app fetches them instead). `tests/test_forms_listed.rs` keeps the
//! lists complete.

use crate::schema::{Diagnostic, FormSchema};

/// Each form file by id, as served from `public/forms/`.
const FORMS: &[(&str, &str)] = &[
    ("dg-title-review", include_str!("../../public/forms/dg-title-review.json")),
    ("dg-ai-recognition", include_str!("../../public/forms/dg-ai-recognition.json")),
    ("dg-assessment", include_str!("../../public/forms/dg-assessment.json")),
    ("dg-unit-review", include_str!("../../public/forms/dg-unit-review.json")),
    ("sz-title-review", include_str!("../../public/forms/sz-title-review.json")),
    ("sz-unit-publicity", include_str!("../../public/forms/sz-unit-publicity.json")),
    ("sz-unit-review", include_str!("../../public/forms/sz-unit-review.json")),
    ("gd-title-review", include_str!("../../public/forms/gd-title-review.json")),
    ("gd-initial-recognition", include_str!("../../public/forms/gd-initial-recognition.json")),
    ("gd-unit-review", include_str!("../../public/forms/gd-unit-review.json")),
];

/// Each shared part by id, as served from `public/forms/parts/`.
const PARTS: &[(&str, &str)] = &[
    ("person", include_str!("../../public/forms/parts/person.json")),
    ("education", include_str!("../../public/forms/parts/education.json")),
    ("career", include_str!("../../public/forms/parts/career.json")),
    ("qualification", include_str!("../../public/forms/parts/qualification.json")),
    ("achievements", include_str!("../../public/forms/parts/achievements.json")),
    ("integrity", include_str!("../../public/forms/parts/integrity.json")),
    ("eligibility", include_str!("../../public/forms/parts/eligibility.json")),
    ("dongguan", include_str!("../../public/forms/parts/dongguan.json")),
    ("gd-system", include_str!("../../public/forms/parts/gd-system.json")),
];

/// The JSON text of the form `id`.
pub fn form_text(id: &str) -> Option<&'static str> {
    FORMS.iter().find(|(form, _)| *form == id).map(|(_, text)| *text)
}

/// The JSON text of the shared part `id`.
pub fn part_text(id: &str) -> Option<&'static str> {
    PARTS.iter().find(|(part, _)| *part == id).map(|(_, text)| *text)
}

/// Every form id.
pub fn form_ids() -> impl Iterator<Item = &'static str> {
    FORMS.iter().map(|(id, _)| *id)
}

/// The form `id` with its parts, checked, or its problems.
pub fn try_form(id: &str) -> Result<FormSchema, Vec<Diagnostic>> {
    let text = form_text(id).ok_or_else(|| vec![Diagnostic::new(id, "没有这张表单")])?;
    FormSchema::from_json_with_parts(text, |part| part_text(part).map(str::to_string))
}

/// The form `id` with its parts; a form that does not load fails the test with its problems.
pub fn form(id: &str) -> FormSchema {
    try_form(id).unwrap_or_else(|problems| panic!("form {id}: {problems:#?}"))
}

/// A form's text with its parts as a closure, for tests that edit the text before loading it.
pub fn with_parts(text: &str) -> Result<FormSchema, Vec<Diagnostic>> {
    FormSchema::from_json_with_parts(text, |part| part_text(part).map(str::to_string))
}

/// Every part id.
pub fn part_ids() -> impl Iterator<Item = &'static str> {
    PARTS.iter().map(|(id, _)| *id)
}
