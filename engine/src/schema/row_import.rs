//! Rows filled from another form's drafts: the unit's 公示名单 takes each applicant's name, series,
//! level … from the applicant's own declaration instead of retyping them. The mapping is data in
//! the schema, so another city's forms map their own fields.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::value::{Answers, Row, Value};

/// On a repeat group: which form's drafts can fill a row, and which of their top-level answers go
/// into which row field.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowImport {
    /// The id of the form whose drafts are offered (`sz-title-review`).
    pub form: String,
    /// Row field id → the source form's top-level field id.
    pub fields: BTreeMap<String, String>,
    /// The row field that names one person (the ID number): a draft whose answer is already in a
    /// row is not imported twice. With `rows_from`, the row field that names one record.
    #[serde(default)]
    pub key: Option<String>,
    /// Records instead of a person (GD 「选择入库信息」): every row of this repeat group of the
    /// source declaration becomes a row here, `fields` mapping row field → the source row's field.
    #[serde(default)]
    pub rows_from: Option<String>,
    /// With `rows_from`: how imported records are marked and locked (入库信息 cannot be changed or
    /// deleted, only left out of a declaration).
    #[serde(default)]
    pub lock: Option<RecordLock>,
}

/// Imported records carry `value` in the row field `field`; while they do, the row cannot be
/// changed or removed except for the fields listed in `editable` (选定).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordLock {
    pub field: String,
    pub value: String,
    #[serde(default)]
    pub editable: Vec<String>,
}

impl RowImport {
    /// The row values these answers give: every mapped answer that is a plain non-blank value. It
    /// reads every answer it is given, so give it what a declaration submits
    /// ([`crate::FormState::submission_answers`]), or use
    /// [`crate::FormState::row_import_values`] with the declaration.
    pub fn row_values(&self, source: &Answers) -> BTreeMap<String, Value> {
        self.fields
            .iter()
            .filter_map(|(to, from)| {
                source
                    .get(from)
                    .filter(|v| !v.is_blank() && !matches!(v, Value::Rows(_)))
                    .map(|v| (to.clone(), v.clone()))
            })
            .collect()
    }

    /// With `rows_from`: the rows these answers give, one per row of the source group, each with
    /// its mapped non-blank answers and the lock's mark; rows whose key answer is blank or already
    /// in `rows` are left out, so importing the same declaration twice adds nothing.
    pub fn record_rows(&self, source: &Answers, rows: &[Row]) -> Vec<BTreeMap<String, Value>> {
        let Some(group) = &self.rows_from else { return Vec::new() };
        let mut seen: Vec<String> = rows.iter().filter_map(|row| self.record_key(&row.values)).collect();
        let mut out = Vec::new();
        for source_row in source.get(group).map(Value::as_rows).unwrap_or(&[]) {
            let mut values: BTreeMap<String, Value> = self
                .fields
                .iter()
                .filter_map(|(to, from)| {
                    source_row.get(from).filter(|v| !v.is_blank()).map(|v| (to.clone(), v.clone()))
                })
                .collect();
            if self.key.is_some() {
                match self.record_key(&values) {
                    Some(key) if !seen.contains(&key) => seen.push(key),
                    _ => continue,
                }
            }
            if let Some(lock) = &self.lock {
                values.insert(lock.field.clone(), Value::text(lock.value.clone()));
            }
            out.push(values);
        }
        out
    }

    /// The trimmed key answer of a record's values, `None` without a key or an answer.
    fn record_key(&self, values: &BTreeMap<String, Value>) -> Option<String> {
        let text = values.get(self.key.as_ref()?)?.as_text()?.trim();
        (!text.is_empty()).then(|| text.to_string())
    }

    /// The key answer of a draft (its ID number), trimmed; `None` without a key or an answer.
    pub fn source_key<'a>(&self, source: &'a Answers) -> Option<&'a str> {
        let key = self.key.as_ref()?;
        let from = self.fields.get(key)?;
        source.get(from)?.as_text().map(str::trim).filter(|t| !t.is_empty())
    }

    /// The index of the row that already holds the person a draft is about (same key answer,
    /// ignoring case and outer spaces, so `…002x` matches `…002X`); `None` when there is none or
    /// the draft has no key answer.
    pub fn existing_row(&self, rows: &[Row], source: &Answers) -> Option<usize> {
        let wanted = self.source_key(source)?.to_uppercase();
        let key = self.key.as_ref()?;
        rows.iter()
            .position(|row| row.get(key).and_then(Value::as_text).is_some_and(|t| t.trim().to_uppercase() == wanted))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import() -> RowImport {
        serde_json::from_str(
            r#"{"form":"a","fields":{"name":"applicantName","idNumber":"id","works":"work"},"key":"idNumber"}"#,
        )
        .unwrap()
    }

    #[test]
    fn maps_plain_answers_and_skips_blank_ones_and_rows() {
        let mut source = Answers::new();
        source.insert("applicantName".into(), Value::text("张三"));
        source.insert("id".into(), Value::text(" 440301199001011234 "));
        source.insert("work".into(), Value::Rows(vec![]));
        source.insert("other".into(), Value::text("不映射"));
        let row = import().row_values(&source);
        assert_eq!(row.keys().collect::<Vec<_>>(), ["idNumber", "name"]);
        assert_eq!(row["name"], Value::text("张三"));
        assert_eq!(import().source_key(&source), Some("440301199001011234"));
        assert_eq!(import().source_key(&Answers::new()), None);
    }

    #[test]
    fn the_same_person_is_found_whatever_the_case_of_the_check_letter() {
        let row = |id: u32, number: &str| Row {
            id,
            values: [("idNumber".to_string(), Value::text(number))].into_iter().collect(),
        };
        let rows = [row(1, "440305199203040039"), row(2, " 11010519491231002X ")];
        let draft = |number: &str| -> Answers { [("id".to_string(), Value::text(number))].into_iter().collect() };
        assert_eq!(import().existing_row(&rows, &draft("11010519491231002x")), Some(1));
        assert_eq!(import().existing_row(&rows, &draft("440305199203040039")), Some(0));
        assert_eq!(import().existing_row(&rows, &draft("440305199203040047")), None);
        assert_eq!(import().existing_row(&rows, &Answers::new()), None, "no key answer: nothing to match");
    }
}
