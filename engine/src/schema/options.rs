//! Option lists of select fields: plain enumerations and cascades filtered by other answers.

use std::collections::BTreeMap;

use serde::de::{self, value::MapAccessDeserializer, value::SeqAccessDeserializer, MapAccess, SeqAccess};
use serde::{Deserialize, Deserializer};

use crate::by_shape::{self, ByShape};

/// One choice. In JSON either a plain string or `{ "value": …, "tags": { … } }`, where tags let a
/// cascade filter the list (a title carries its series and level).
#[derive(Clone, Debug, PartialEq)]
pub struct OptionItem {
    pub value: String,
    pub tags: BTreeMap<String, String>,
}

/// `{ "value": …, "tags": { … } }` of a tagged choice.
#[derive(Deserialize)]
struct TaggedJson {
    value: String,
    #[serde(default)]
    tags: BTreeMap<String, String>,
}

impl<'de> Deserialize<'de> for OptionItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<OptionItem, D::Error> {
        by_shape::deserialize(deserializer)
    }
}

impl ByShape for OptionItem {
    const EXPECTING: &'static str = "a choice: a text, or { value, tags }";

    fn text<E: de::Error>(value: String) -> Result<OptionItem, E> {
        Ok(OptionItem { value, tags: BTreeMap::new() })
    }

    fn object<'de, A: MapAccess<'de>>(object: A) -> Result<OptionItem, A::Error> {
        let TaggedJson { value, tags } = TaggedJson::deserialize(MapAccessDeserializer::new(object))?;
        Ok(OptionItem { value, tags })
    }
}

/// Where a select field gets its choices.
#[derive(Clone, Debug)]
pub enum OptionSource {
    /// The choices listed in place.
    Inline(Vec<OptionItem>),
    /// A named list of the schema's `options`.
    Named(String),
    /// A named list narrowed to items whose tag equals the answer of another field:
    /// `{ "set": "titles", "filter": { "series": "series", "level": "level" } }`.
    Filtered { set: String, filter: BTreeMap<String, String> },
}

/// `{ "set": …, "filter": … }` of a filtered source.
#[derive(Deserialize)]
struct FilteredJson {
    set: String,
    filter: BTreeMap<String, String>,
}

impl<'de> Deserialize<'de> for OptionSource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<OptionSource, D::Error> {
        by_shape::deserialize(deserializer)
    }
}

impl ByShape for OptionSource {
    const EXPECTING: &'static str = "choices: a list, the name of a list, or { set, filter }";

    fn text<E: de::Error>(name: String) -> Result<OptionSource, E> {
        Ok(OptionSource::Named(name))
    }

    fn list<'de, A: SeqAccess<'de>>(list: A) -> Result<OptionSource, A::Error> {
        Vec::<OptionItem>::deserialize(SeqAccessDeserializer::new(list)).map(OptionSource::Inline)
    }

    fn object<'de, A: MapAccess<'de>>(object: A) -> Result<OptionSource, A::Error> {
        let FilteredJson { set, filter } = FilteredJson::deserialize(MapAccessDeserializer::new(object))?;
        Ok(OptionSource::Filtered { set, filter })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_shape_picks_the_kind_of_source() {
        let inline: OptionSource =
            serde_json::from_str(r#"["甲", {"value": "乙", "tags": {"level": "副高"}}]"#).unwrap();
        let OptionSource::Inline(items) = inline else { panic!("a list is inline choices") };
        assert_eq!(items[0], OptionItem { value: "甲".into(), tags: BTreeMap::new() });
        assert_eq!(items[1].tags.get("level").map(String::as_str), Some("副高"));
        let named: OptionSource = serde_json::from_str(r#""titles""#).unwrap();
        assert!(matches!(named, OptionSource::Named(name) if name == "titles"));
        let filtered: OptionSource = serde_json::from_str(r#"{"set": "titles", "filter": {"series": "s"}}"#).unwrap();
        assert!(matches!(filtered, OptionSource::Filtered { set, filter } if set == "titles" && filter.len() == 1));
        for refused in ["3", "true", r#"{"set": "titles"}"#, r#"[{"tags": {}}]"#] {
            assert!(serde_json::from_str::<OptionSource>(refused).is_err(), "{refused}");
        }
    }
}
