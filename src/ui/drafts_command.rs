//! How the parts of 我的事项 run a 草稿箱 command and say how it went, shared through context.

use leptos::prelude::*;
use zhicheng_session::DraftsCommand;

/// Runs a 草稿箱 command and says how it went; shared by every part of the page.
#[derive(Clone, Copy)]
pub struct RunCommand {
    pub command: Callback<DraftsCommand>,
    pub message: RwSignal<Option<String>>,
}

impl RunCommand {
    pub fn run(&self, command: DraftsCommand) {
        self.command.run(command);
    }

    /// Shows a message of the page's own (a file that could not be read).
    pub fn say(&self, message: String) {
        self.message.set(Some(message));
    }
}
