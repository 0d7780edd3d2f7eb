//! The session as the UI sees it, shared through context: the workspace, the browser's files
//! (for Blobs: uploads, previews), and the outbox as a signal.

use leptos::prelude::*;
use zhicheng_browser::file_store::BrowserFiles;
use zhicheng_engine::SubmissionV1;
use zhicheng_session::Workspace;

use crate::ui::bridge::{follow, Followed};

#[derive(Clone, Copy)]
pub struct Session {
    workspace: StoredValue<Workspace, LocalStorage>,
    files: StoredValue<BrowserFiles, LocalStorage>,
    /// Every submitted package, newest first.
    pub submissions: Followed<Vec<SubmissionV1>>,
}

impl Session {
    /// The session of `workspace`, its signals following it while the calling component lives.
    pub fn new(workspace: Workspace, files: BrowserFiles) -> Session {
        let submissions = follow(workspace.submissions().entries());
        Session { workspace: StoredValue::new_local(workspace), files: StoredValue::new_local(files), submissions }
    }

    pub fn workspace(&self) -> Workspace {
        self.workspace.get_value()
    }

    pub fn files(&self) -> BrowserFiles {
        self.files.get_value()
    }

    pub fn is_persistent(&self) -> bool {
        self.workspace.with_value(Workspace::is_persistent)
    }

    /// The newest package of a draft, tracked.
    pub fn latest_for(&self, draft_id: &str) -> Option<SubmissionV1> {
        self.submissions.with(|all| all.iter().find(|e| e.draft_id == draft_id).cloned())
    }

    /// Whether a draft is held by its submission (read-only, not to be deleted or locked), tracked.
    pub fn holds(&self, draft_id: &str) -> bool {
        self.latest_for(draft_id).is_some_and(|e| !e.releases_draft())
    }

    /// Runs session work in the background.
    pub fn spawn(&self, work: impl std::future::Future<Output = ()> + 'static) {
        leptos::task::spawn_local(work);
    }
}

/// The session, from context.
pub fn use_session() -> Session {
    expect_context::<Session>()
}
