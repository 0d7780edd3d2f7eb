//! The `Link: rel=preload` header of the app's page: the data its first screen needs (the holiday
//! calendar, and the schema and shared parts of the form `?form=` names, or the catalog of the
//! start page), so that the browser fetches them alongside the wasm instead of one after another
//! once the wasm has started. The app's own requests then find them already downloaded.

use std::path::Path;

use axum::http::HeaderValue;
use zhicheng_engine::catalog::is_plain_id;

/// At most this many parts are announced (a schema naming more is refused by the app anyway).
const MAX_PARTS: usize = 32;

/// The header for the page asked for with `query`, when the app in `root` has what it names.
pub async fn for_page(root: &Path, query: Option<&str>) -> Option<HeaderValue> {
    let mut urls = vec!["/calendar/cn.json".to_string()];
    match requested_form(query) {
        Some(form) => {
            let schema = format!("forms/{form}.json");
            let text = tokio::fs::read(root.join(&schema)).await.ok()?;
            urls.push(format!("/{schema}"));
            urls.extend(parts_of(&text).into_iter().map(|part| format!("/forms/parts/{part}.json")));
        }
        None => urls.push("/catalog.json".to_string()),
    }
    let links: Vec<String> = urls.iter().map(|url| format!("<{url}>; rel=preload; as=fetch; crossorigin")).collect();
    HeaderValue::from_str(&links.join(", ")).ok()
}

/// The form id of `?form=…`, when it is a plain name of a file.
fn requested_form(query: Option<&str>) -> Option<String> {
    let value = query?.split('&').find_map(|pair| pair.strip_prefix("form="))?;
    is_plain_id(value).then(|| value.to_string())
}

/// The shared parts a schema names, plain ids only.
fn parts_of(schema: &[u8]) -> Vec<String> {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(schema) else { return Vec::new() };
    let Some(parts) = value.get("parts").and_then(|p| p.as_array()) else { return Vec::new() };
    parts.iter().filter_map(|p| p.as_str()).filter(|p| is_plain_id(p)).take(MAX_PARTS).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_plain_form_id_is_taken_from_the_query() {
        assert_eq!(requested_form(Some("form=sz-title-review")).as_deref(), Some("sz-title-review"));
        assert_eq!(requested_form(Some("draft=1&form=dg_a1")).as_deref(), Some("dg_a1"));
        for hostile in ["form=../secret", "form=a%2Fb", "form=", "form=a.json", "draft=x"] {
            assert_eq!(requested_form(Some(hostile)), None, "{hostile}");
        }
        assert_eq!(requested_form(None), None);
    }

    #[test]
    fn parts_are_plain_ids_from_the_schema_and_bounded() {
        assert_eq!(parts_of(br#"{"parts": ["person", "../x", 3, "career"]}"#), ["person", "career"]);
        assert!(parts_of(b"not json").is_empty());
        let many = format!(r#"{{"parts": [{}]}}"#, vec!["\"p\""; 100].join(","));
        assert_eq!(parts_of(many.as_bytes()).len(), MAX_PARTS);
    }
}
