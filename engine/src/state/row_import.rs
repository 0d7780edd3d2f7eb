//! A declaration as the source of another form's row (the unit's 公示名单 filled from each
//! applicant's declaration): only what the declaration submits is read, so an answer it hides is
//! never copied into someone else's form.

use std::collections::BTreeMap;

use super::FormState;
use crate::schema::RowImport;
use crate::value::{Row, Value};

impl FormState {
    /// The row values this declaration gives through `import`: every mapped answer it submits. An
    /// answer the declaration hides (a field whose condition is false under its own answers) is
    /// never copied into the unit's form.
    pub fn row_import_values(&self, import: &RowImport) -> BTreeMap<String, Value> {
        import.row_values(&self.submission_answers())
    }

    /// The records this declaration gives through an import with `rows_from` (GD 入库信息): the
    /// rows of its group as it submits them (a record it left unchosen or an answer it hides is
    /// never copied), those already in `rows` left out.
    pub fn record_import_rows(&self, import: &RowImport, rows: &[Row]) -> Vec<BTreeMap<String, Value>> {
        import.record_rows(&self.submission_answers(), rows)
    }

    /// The index of the row of `rows` that already holds the person this declaration is about,
    /// judged by the answers it submits (see [`RowImport::existing_row`]).
    pub fn existing_import_row(&self, import: &RowImport, rows: &[Row]) -> Option<usize> {
        import.existing_row(rows, &self.submission_answers())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::date::Date;
    use crate::path::FieldPath;
    use crate::schema::FormSchema;
    use crate::state::Command;

    fn import() -> RowImport {
        serde_json::from_str(
            r#"{"form":"a","fields":{"name":"applicantName","idNumber":"id","works":"work"},"key":"idNumber"}"#,
        )
        .unwrap()
    }

    #[test]
    fn a_declarations_hidden_answers_are_never_imported() {
        let source = r#"{"id": "a", "version": 1, "title": "申报", "steps": [{"id": "s", "title": "s", "sections": [
            {"id": "x", "title": "x", "fields": [
                {"id": "applicantName", "label": "姓名", "kind": "text"},
                {"id": "kind", "label": "申报类型", "kind": "text"},
                {"id": "work", "label": "破格类型", "kind": "text",
                 "visible_if": {"equals": {"field": "kind", "value": "破格申报"}}}]}]}]}"#;
        let schema = Arc::new(FormSchema::from_json(source).expect("a source form"));
        let mut declaration = FormState::new(schema, Date::new(2026, 11, 23).expect("a date"));
        for (field, text) in
            [("applicantName", "张三"), ("kind", "破格申报"), ("work", "其他破格情形"), ("kind", "普通申报")]
        {
            declaration.apply(Command::SetValue { path: FieldPath::top(field), value: Value::text(text) });
        }
        assert_eq!(declaration.answers()["work"], Value::text("其他破格情形"), "the draft keeps the hidden answer");
        assert!(import().row_values(declaration.answers()).contains_key("works"), "raw answers would carry it");
        let row = declaration.row_import_values(&import());
        assert_eq!(row.keys().collect::<Vec<_>>(), ["name"], "only the visible answer is imported: {row:?}");
    }
}
