//! Training mode's data, checked at load like the schemas: personas (a partly filled draft with
//! planted mistakes, and the script the simulated receiver follows for it), the tips shown beside
//! a form, and the score (which planted mistakes a trainee has found). The files live under
//! `public/training/`; a trainer edits them without a rebuild.

mod answers;
mod index;
mod persona;
mod planted;
mod script;
mod tips;

pub use index::{TrainingIndex, INDEX_FORMAT};
pub use persona::{Persona, Prepared, MAX_PERSONA_BYTES, PERSONA_FORMAT};
pub use planted::{score, Planted, Score};
pub use script::{Script, ScriptStep, Stage};
pub use tips::{Tip, Tips, MAX_TIPS_BYTES, TIPS_FORMAT};

use crate::schema::Diagnostic;

/// A text field of a data file: present, at most `max` characters.
fn bounded(text: &str, name: &str, max: usize, place: &str, out: &mut Vec<Diagnostic>) {
    let count = text.chars().count();
    if text.trim().is_empty() || count > max {
        out.push(Diagnostic::new(place, format!("{name} 须填写，最多 {max} 个字符（现有 {count} 个）")));
    }
}

#[cfg(test)]
mod tests;
