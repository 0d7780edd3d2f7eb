//! Headless form engine for Guangdong 职称 declarations: schema, values, conditions, validation
//! and navigation, with no browser, UI, async or I/O code.
//!
//! The UI holds a [`state::FormState`] and changes it only through [`state::Command`]s; after
//! each command the state recomputes derived values and its validation [`report::Report`].

pub mod archive;
pub mod attachments;
pub mod compute;
pub mod date;
pub mod decimal;
pub mod eval;
pub mod export;
pub mod hex;
pub mod materials;
pub mod migrate;
pub mod navigation;
pub mod package;
pub mod path;
pub mod printable;
pub mod report;
pub mod retry;
pub mod rules;
pub mod schema;
pub mod state;
pub mod stored;
pub mod submission;
pub mod validate;
pub mod value;

// The engine's front door: the types the app, the session and the receiver use, by name. Modules
// stay public for their functions (`attachments::format_bytes`, `printable::build` …).
pub use date::Date;
pub use navigation::{step_status, StepStatus};
pub use package::{FinishedDeclaration, PackageStamp};
pub use path::{FieldPath, RowId};
pub use report::{Report, Severity, Violation};
pub use retry::ReplyKind;
pub use schema::{Diagnostic, Field, FieldKind, FormSchema, Material, RowImport, Section};
pub use state::{Command, FormState, Outcome};
pub use stored::attached::{AttachedFile, Attachments};
pub use stored::draft::{DraftV1, Position, SetAside};
pub use stored::draft_meta::{DraftMetaV1, DraftSummary};
pub use stored::export::{ExportManifestV1, ExportedDraftV1};
pub use stored::lock::{LockV1, SealedPayloadV1};
pub use stored::package::{FieldProblem, PackageManifestV1, PackagedFile, PackagedReport};
pub use stored::submission::{Phase, SubmissionV1};
pub use value::{Answers, Row, Value};
