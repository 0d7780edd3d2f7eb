//! The validation rules of domain.md §5, one file per rule. Each is a pure function from raw
//! answer text (and, for cross-field rules, the few values it needs) to findings.

pub mod continuing_education;
pub mod credit_code;
pub mod degree_level;
pub mod diploma;
pub mod email;
pub mod holiday_calendar;
pub mod identity_cross_check;
pub mod issn;
pub mod patent;
pub mod phone;
pub mod postcode;
pub mod resident_id;
pub mod seniority;
pub mod text_length;

mod full_width;

#[cfg(test)]
mod robustness;
#[cfg(test)]
mod vectors;
