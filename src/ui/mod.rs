//! Thin Leptos components over the engine: every signal is derived from the engine's form
//! state, and every change goes through an engine `Command`.

pub mod app;
pub mod autosave;
pub mod choice_row;
pub mod drafts_page;
pub mod error_summary;
pub mod field;
pub mod fields;
pub mod file_preview;
pub mod form_app;
pub mod group_editor;
pub mod library_picker;
pub mod lock_dialog;
pub mod material_card;
pub mod materials_page;
pub mod report_view;
pub mod reports_page;
pub mod review;
pub mod row_import_picker;
pub mod section;
pub mod set_aside;
pub mod step_page;
pub mod stepper;
pub mod store;
pub mod submissions;
pub mod submit_panel;
pub mod submitted_list;
pub mod unlock_page;
pub mod workspace;
