//! The complete declarations the end-to-end tests plant (tests/e2e/fixtures/*.json: Dongguan's
//! three and the provincial system's two), as stored drafts written from the native builders: `UPDATE_FIXTURES=1` rewrites them, otherwise a
//! fixture that differs from what its builder gives fails here, so the fixtures never go stale.

#[path = "support/dongguan.rs"]
mod dongguan;
#[path = "support/provincial.rs"]
mod provincial;

use std::path::PathBuf;

use zhicheng_engine::{DraftV1, FormState};

fn fixture_path(form: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../tests/e2e/fixtures/{form}.json"))
}

/// The stored draft of a complete declaration, as the app keeps it, in pretty JSON.
fn draft_text(state: &FormState) -> String {
    let draft = state.to_draft();
    assert!(draft.attachments.is_empty(), "materials are uploaded on screen, not planted");
    format!("{}\n", serde_json::to_string_pretty(&draft).expect("a draft serialises"))
}

fn builders() -> [(&'static str, FormState); 5] {
    [
        ("dg-title-review", dongguan::title_review()),
        ("dg-ai-recognition", dongguan::ai_recognition()),
        ("dg-assessment", dongguan::assessment()),
        ("gd-title-review", provincial::title_review()),
        ("gd-initial-recognition", provincial::initial_recognition()),
    ]
}

#[test]
fn each_fixture_is_the_complete_declaration_its_builder_gives() {
    let update = std::env::var("UPDATE_FIXTURES").is_ok_and(|v| v == "1");
    let mut stale = Vec::new();
    for (form, state) in builders() {
        assert_eq!(dongguan::errors(&state), Vec::<String>::new(), "{form}: the builder's declaration is complete");
        let expected = draft_text(&state);
        let path = fixture_path(form);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &expected).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(expected.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "fixtures missing or stale: {stale:?}; rewrite them with \
         `UPDATE_FIXTURES=1 cargo test -p zhicheng_engine --test e2e_fixtures` and commit them"
    );
}

#[test]
fn each_fixture_reads_back_as_a_draft_of_its_form() {
    for (form, state) in builders() {
        let draft = DraftV1::from_json(&draft_text(&state)).expect("the fixture is a readable draft");
        assert_eq!(draft.form_id, form);
        let restored = FormState::from_draft(dongguan::schema(form), draft, state.today()).expect("restores");
        assert_eq!(restored.to_draft(), state.to_draft(), "{form}: restores exactly");
    }
}
