//! Option lists of select fields: plain enumerations and cascades filtered by other answers.

use std::collections::BTreeMap;

use serde::Deserialize;

/// One choice. In JSON either a plain string or `{ "value": …, "tags": { … } }`, where tags let a
/// cascade filter the list (a title carries its series and level).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "OptionItemJson")]
pub struct OptionItem {
    pub value: String,
    pub tags: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OptionItemJson {
    Plain(String),
    Tagged {
        value: String,
        #[serde(default)]
        tags: BTreeMap<String, String>,
    },
}

impl From<OptionItemJson> for OptionItem {
    fn from(json: OptionItemJson) -> OptionItem {
        match json {
            OptionItemJson::Plain(value) => OptionItem { value, tags: BTreeMap::new() },
            OptionItemJson::Tagged { value, tags } => OptionItem { value, tags },
        }
    }
}

/// Where a select field gets its choices.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum OptionSource {
    /// The choices listed in place.
    Inline(Vec<OptionItem>),
    /// A named list of the schema's `options`.
    Named(String),
    /// A named list narrowed to items whose tag equals the answer of another field:
    /// `{ "set": "titles", "filter": { "series": "series", "level": "level" } }`.
    Filtered { set: String, filter: BTreeMap<String, String> },
}
