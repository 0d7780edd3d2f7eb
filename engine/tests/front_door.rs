//! The engine's front door as its hosts use it: every name the app, the session layer and the
//! receiver import from the crate root. Removing or renaming one breaks them, and this file with
//! them: it fails to compile.

use std::any::type_name;

use zhicheng_engine::{
    step_status, Answers, AttachedFile, Attachments, Command, Computed, Date, Diagnostic, DraftFormatError,
    DraftMetaV1, DraftSummary, DraftV1, ExportManifestV1, ExportedDraftV1, Field, FieldKind, FieldPath, FieldProblem,
    FinishedDeclaration, FormSchema, FormState, LockV1, Material, Outcome, PackageManifestV1, PackageStamp,
    PackageStatus, PackagedFile, PackagedReport, Phase, Position, ReplyKind, Report, RestoreError, Row, RowId,
    RowImport, SealedPayloadV1, Section, SetAside, Severity, StepStatus, SubmissionV1, Value, Violation,
};

#[test]
fn every_root_name_is_the_engine_type_it_names() {
    let engine_types = [
        type_name::<FormState>(),
        type_name::<Command>(),
        type_name::<Outcome>(),
        type_name::<Computed>(),
        type_name::<RestoreError>(),
        type_name::<Position>(),
        type_name::<DraftV1>(),
        type_name::<DraftFormatError>(),
        type_name::<SetAside>(),
        type_name::<DraftMetaV1>(),
        type_name::<DraftSummary>(),
        type_name::<LockV1>(),
        type_name::<SealedPayloadV1>(),
        type_name::<ExportedDraftV1>(),
        type_name::<ExportManifestV1>(),
        type_name::<AttachedFile>(),
        type_name::<SubmissionV1>(),
        type_name::<Phase>(),
        type_name::<PackageStatus>(),
        type_name::<PackageManifestV1>(),
        type_name::<PackagedFile>(),
        type_name::<PackagedReport>(),
        type_name::<PackageStamp>(),
        type_name::<FinishedDeclaration<'static>>(),
        type_name::<FieldProblem>(),
        type_name::<ReplyKind>(),
        type_name::<FormSchema>(),
        type_name::<Field>(),
        type_name::<FieldKind>(),
        type_name::<Material>(),
        type_name::<RowImport>(),
        type_name::<Section>(),
        type_name::<Diagnostic>(),
        type_name::<Value>(),
        type_name::<Row>(),
        type_name::<FieldPath>(),
        type_name::<Date>(),
        type_name::<Report>(),
        type_name::<Severity>(),
        type_name::<Violation>(),
        type_name::<StepStatus>(),
    ];
    let strangers: Vec<&&str> = engine_types.iter().filter(|t| !t.starts_with("zhicheng_engine::")).collect();
    assert!(strangers.is_empty(), "root names that are not the engine's own types: {strangers:?}");
    // Aliases and functions, named by what they are.
    let _: Option<Attachments> = None::<std::collections::BTreeMap<String, Vec<AttachedFile>>>;
    let _: Option<Answers> = None::<std::collections::BTreeMap<String, Value>>;
    let _: RowId = 0u32;
    let _: fn(&FormState, usize) -> StepStatus = step_status;
}
