//! Training mode (演示与培训, feature `training`, built into the widget's bundle; the training page
//! `public/training/index.html` mounts the widget with `mode="training"`). The personas, tips and
//! simulated receiver loaded once (`gate`), shared through context (`Training`), and the pieces
//! the rest of the UI shows only in training: the band, the start page, tips beside each step,
//! the score at 核对信息, the rehearsal's 「模拟下一环节」 and kiosk mode.

mod band;
mod gate;
mod kiosk;
mod rehearsal;
mod scenario;
mod score;
mod start;
mod tips;
mod tools;

use std::rc::Rc;

use leptos::prelude::*;
use zhicheng_engine::catalog::Catalog;
use zhicheng_engine::training::{Persona, Script, Tips};
use zhicheng_session::training::{persona_of, SimulatedReceiver};

pub use band::TrainingBand;
pub use gate::TrainingGate;
pub use rehearsal::AdvanceButton;
pub use score::TrainingScore;
pub use start::TrainingStart;
pub use tips::StepTips;

/// One persona ready to practise: its file, its form and its script on that form's path.
#[derive(Clone)]
pub struct PersonaEntry {
    pub persona: Persona,
    pub form_id: String,
    pub script: Script,
}

/// What training mode loaded for this copy of the app.
#[derive(Clone)]
pub struct Training {
    pub title: String,
    pub catalog: Catalog,
    pub personas: Vec<PersonaEntry>,
    pub tips: Vec<Tips>,
    pub receiver: Rc<SimulatedReceiver>,
    /// Problems met loading the data (a persona or tips file that did not pass its checks).
    pub problems: Vec<String>,
}

impl Training {
    /// The persona whose draft this is.
    pub fn persona_of_draft(&self, draft_id: &str) -> Option<&PersonaEntry> {
        let id = persona_of(draft_id)?;
        self.personas.iter().find(|p| p.persona.id == id)
    }

    pub fn tips_of(&self, form_id: &str) -> Option<&Tips> {
        self.tips.iter().find(|t| t.form == form_id)
    }
}

/// Training's data, when this copy of the app runs training mode.
pub fn use_training() -> Option<StoredValue<Training, LocalStorage>> {
    use_context::<StoredValue<Training, LocalStorage>>()
}
