//! What a host page (a portal embedding the widget) may ask of an open form and hear about it,
//! in plain data a JavaScript API can hand over: prefilled answers in (`answers`), the draft and
//! its validity out (`views`), and the events the host listens to (`events`).

pub mod answers;
pub mod events;
pub mod views;

pub use answers::{prefill_command, MAX_PREFILLED};
pub use events::{HostEvent, HostEventWatch};
pub use views::{position_named, DraftView, ValidityView};
