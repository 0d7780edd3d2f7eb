//! Each persona's draft in the training shelf, under a fixed id (`persona-<id>`), put there the
//! first time training opens (and again after 「重置培训」 emptied the shelf). A persona draft the
//! trainee has worked on is never written over.

use zhicheng_engine::FormState;

use crate::open_form::new_entry;
use crate::ports::Ports;
use crate::{EntryChange, StoreError};

/// The draft id of a persona.
pub fn persona_draft_id(persona_id: &str) -> String {
    format!("persona-{persona_id}")
}

/// The persona a draft id belongs to, if it is one.
pub fn persona_of(draft_id: &str) -> Option<&str> {
    draft_id.strip_prefix("persona-")
}

/// Stores `state` (a persona's fresh draft, already opened to check it) as persona
/// `persona_id`'s draft named `name`, unless that draft exists. Says whether it stored it.
pub async fn seed(ports: &Ports, persona_id: &str, name: &str, state: &FormState) -> Result<bool, StoreError> {
    let id = persona_draft_id(persona_id);
    match ports.drafts.load(&id).await {
        Err(StoreError::NotFound) => {}
        Ok(_) | Err(StoreError::Locked(_)) => return Ok(false),
        Err(e) => return Err(e),
    }
    ports.drafts.save(new_entry(ports, &id, state), state.to_draft()).await?;
    // The 草稿箱 keeps names apart from what saves write.
    ports.drafts.change_entry(&id, EntryChange::Rename(Some(name.to_string()))).await?;
    Ok(true)
}
