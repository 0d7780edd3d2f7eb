//! The attachment checklist computed from the answers: which materials apply and which of them
//! are required for this declaration (domain.md §3.1 and §3.5).

use crate::eval::Evaluator;
use crate::schema::Material;
use crate::stored::attached::Attachments;

/// One material as it applies to the current answers.
#[derive(Clone, Debug)]
pub struct MaterialStatus<'a> {
    pub material: &'a Material,
    pub required: bool,
}

/// The materials shown for these answers, each marked required or optional.
pub fn checklist<'a>(ev: &Evaluator<'a>) -> Vec<MaterialStatus<'a>> {
    ev.schema
        .materials
        .iter()
        .filter(|m| m.visible_if.as_ref().is_none_or(|c| ev.holds(c, None)))
        .map(|material| MaterialStatus {
            material,
            required: material.required || material.required_if.as_ref().is_some_and(|c| ev.holds(c, None)),
        })
        .collect()
}

/// The files that go with these answers: those attached to materials that apply. A file kept for
/// a material that no longer applies stays in the draft (it comes back if the answers do) but is
/// never sent, listed or fingerprinted.
pub fn submitted_files(ev: &Evaluator<'_>, attachments: &Attachments) -> Attachments {
    // Inserted one by one: collecting into a map would link a sort for it.
    let mut submitted = Attachments::new();
    for item in checklist(ev) {
        if let Some(files) = attachments.get(&item.material.id) {
            submitted.insert(item.material.id.clone(), files.clone());
        }
    }
    submitted
}
