//! Thin Leptos components over the session and the engine: every signal is derived from the
//! session's observable state (`bridge.rs`) or the open form's state (`store.rs`), and every
//! change is an engine `Command` or a session call. No component names a browser API: those are
//! the `zhicheng_browser` crate's.

pub mod all_drafts;
pub mod app;
pub mod bridge;
pub mod calendar_note;
pub mod choice_row;
pub mod conflict_dialog;
pub mod declaration_chooser;
pub mod deleted_list;
pub mod draft_row;
pub mod drafts_command;
pub mod drafts_page;
pub mod eligibility_panel;
pub mod error_summary;
pub mod field;
pub mod field_ctx;
pub mod fields;
pub mod file_preview;
pub mod file_row;
pub mod form_app;
pub mod group_editor;
pub mod group_rows;
pub mod journey;
pub mod library_picker;
pub mod lock_dialog;
pub mod material_card;
pub mod materials_page;
pub mod navigator;
pub mod ports_gate;
pub mod radio_cards;
pub mod report_view;
pub mod reports_page;
pub mod review;
pub mod row_editor;
pub mod row_import_picker;
pub mod save_status;
pub mod section;
pub mod session;
pub mod set_aside;
pub mod start_choices;
pub mod start_field;
pub mod start_page;
pub mod status_path;
pub mod step_page;
pub mod stepper;
pub mod storage_panel;
pub mod store;
pub mod submit_panel;
pub mod submitted_list;
pub mod top_bar;
pub mod undo_toast;
pub mod unlock_page;
pub mod workspace_view;
