//! Autosave: the state machine (`machine.rs`) that decides when the open draft is written, and
//! its transitions as tables (`transitions.rs`). `OpenForm` drives it.

pub mod machine;

#[cfg(test)]
mod transitions;
