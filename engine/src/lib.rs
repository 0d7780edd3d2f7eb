//! Headless form engine for Guangdong 职称 declarations: schema, values, conditions, validation,
//! navigation, reports, and the formats drafts and packages are stored and sent in, with no
//! browser, UI, async or I/O code.
//!
//! # The front door
//!
//! Hosts (the browser app, a session layer, the reference receiver, tests) use the engine only
//! through the names re-exported at this crate's root and the public modules listed below. What
//! it offers them:
//!
//! - **A form to fill.** A [`FormSchema`] read from JSON (a bad schema yields [`Diagnostic`]s,
//!   never a panic) and a [`FormState`] that changes only through [`Command`]s. Each command
//!   returns an [`Outcome`], then derived answers and the validation [`Report`] (its
//!   [`Violation`]s with their [`Severity`]) are recomputed, so the report always matches the
//!   answers. The host asks, never decides: what is visible, required or offered
//!   ([`eval::Evaluator`]), each step's [`StepStatus`] ([`step_status`]), which materials apply
//!   ([`materials::checklist`]). Working days are counted with the [`HolidayCalendar`] the host
//!   loads and gives through [`Command::SetCalendar`] (without one, every year is estimated from
//!   the statutory holidays).
//! - **Drafts that restore exactly.** [`FormState::to_draft`] gives a [`DraftV1`] and
//!   [`FormState::from_draft`] restores it, carrying older schema versions over ([`migrate`];
//!   answers without a field are kept as [`SetAside`]). [`FormState::summary`] is what the
//!   草稿箱 entry [`DraftMetaV1`] shows. What the passphrase lock seals ([`LockV1`],
//!   [`SealedPayloadV1`]) and the export file ([`export`]: [`ExportManifestV1`],
//!   [`ExportedDraftV1`]) are decided here; the cryptography and the storage are the host's.
//! - **Attachments** kept as references ([`AttachedFile`]), judged by their content
//!   ([`attachments`]).
//! - **The 资格自查.** [`FormState::eligibility`] gives a [`Verdict`] per condition of the chosen
//!   declaration (学历资历, 资历年限, 初次职称考核认定, 转系列, 继续教育): its [`Standing`], the
//!   dates used ([`DateUsed`]), the earliest date it would be met and a suggestion, from the
//!   tables in the schema's `settings.eligibility` ([`eligibility`]).
//! - **Printable reports** built from templates and rendered as escaped HTML ([`printable`]).
//! - **Submission prepared, never sent.** Only a declaration without errors or missing materials
//!   gives a [`FinishedDeclaration`], the only input of a [`PackageManifestV1`]; an outbox entry
//!   ([`SubmissionV1`], [`Phase`]) records what was sent; [`retry`] says how to take each reply
//!   ([`ReplyKind`]); a [`PackageStatus`] is where a receiver says a package stands, with the
//!   moves each status allows (shared with the receiver). The host makes every request and supplies the clock and the randomness
//!   ([`PackageStamp`]).
//!
//! Every stored or sent format is a versioned type in [`stored`], each pinned by a snapshot test
//! (`engine/tests/stored_formats.rs`). Every error is an enum whose `Display` is the message for
//! the applicant, in Chinese ([`DraftFormatError`], [`RestoreError`], [`migrate::UpgradeError`],
//! [`export::ExportError`], [`printable::TemplateError`], [`attachments::FileRefusal`] …).
//!
//! Public modules, for their functions: [`schema`] (the form's vocabulary), [`eval`] (asking what
//! applies from a place in the form), [`materials`] (the attachment checklist), [`attachments`]
//! (file checks and the files of each material), [`eligibility`] (the 资格自查), [`rules`] (the validation rules, e.g. counting
//! characters as the portals do), [`migrate`], [`export`], [`printable`], [`package`] (building
//! and checking a package; package ids and times), [`retry`], [`hex`] (hex and SHA-256 spellings)
//! and [`stored`]. Everything else is private.

mod archive;
pub mod attachments;
mod by_shape;
pub mod catalog;
mod compute;
mod date;
mod decimal;
pub mod eligibility;
pub mod eval;
pub mod export;
pub mod hex;
pub mod materials;
pub mod matters;
pub mod migrate;
mod navigation;
pub mod package;
mod path;
pub mod printable;
mod report;
pub mod retry;
pub mod rules;
pub mod schema;
pub mod sorted_map;
pub mod sorted_set;
mod state;
mod status_progress;
pub mod stored;
mod submission;
mod suggest;
#[cfg(feature = "test-forms")]
pub mod test_forms;
pub mod training;
mod validate;
mod value;

// The front door: the types the app, the session and the receiver use, by name.
pub use compute::Computed;
pub use date::Date;
pub use eligibility::{DateUsed, Standing, Verdict};
pub use matters::{Matter, MatterTab, TimelineStep};
pub use navigation::{step_status, StepStatus};
pub use package::{FinishedDeclaration, PackageStamp};
pub use path::{FieldPath, RowId};
pub use report::{Report, Severity, Violation};
pub use retry::ReplyKind;
pub use rules::calendar::HolidayCalendar;
pub use schema::{Diagnostic, Field, FieldKind, FormSchema, Material, RowImport, Section};
pub use state::{Command, FormState, Outcome, Prefilled, RestoreError, HOST_LOCKED};
pub use status_progress::{StageProgress, StageState};
pub use stored::attached::{AttachedFile, Attachments};
pub use stored::draft::{DraftFormatError, DraftV1, Position, SetAside};
pub use stored::draft_meta::{DraftMetaV1, DraftSummary};
pub use stored::export::{ExportManifestV1, ExportedDraftV1, ExportedPackageV1};
pub use stored::lock::{LockV1, SealedPayloadV1};
pub use stored::package::{FieldProblem, PackageManifestV1, PackagedFile, PackagedReport};
pub use stored::package_stage::{PackageStage, StatusStage};
pub use stored::package_status::PackageStatus;
pub use stored::submission::{HistoryStep, Phase, StageReached, SubmissionV1};
pub use value::{Answers, Row, Value};
