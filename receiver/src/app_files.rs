//! The built app served beside the API from one origin (`serve --app dist`): the precompressed
//! copy the browser accepts (`.br`, then `.gz`), the right media types, long immutable caching for
//! content-hashed files and revalidation for everything else, and the page's security headers.
//! Only plain relative paths of known file types are served; anything else is a 404.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;

use crate::page_preloads;

/// The largest file served (the wasm is about 1.5 MB).
const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Where the app is and the policy its pages run under.
pub struct AppFiles {
    root: PathBuf,
    content_security_policy: HeaderValue,
    frame_options: Option<HeaderValue>,
}

/// Which pages may frame the app and which other origins it may call.
#[derive(Clone, Debug, Default)]
pub struct PagePolicy {
    /// CSP `frame-ancestors` sources (a portal embedding the app); none when empty.
    pub frame_ancestors: Vec<String>,
    /// Origins beyond this one the app may call (a submission backend elsewhere).
    pub connect_to: Vec<String>,
}

impl PagePolicy {
    /// The Content-Security-Policy of the app's pages. Scripts and styles only from this origin,
    /// plus the compilation WebAssembly needs: no inline script or style (a printed report's own
    /// rules are adopted through the CSSOM, which the policy allows).
    pub fn content_security_policy(&self) -> String {
        let ancestors =
            if self.frame_ancestors.is_empty() { "'none'".to_string() } else { self.frame_ancestors.join(" ") };
        let connect: String = self.connect_to.iter().map(|o| format!(" {o}")).collect();
        format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
             img-src 'self' data: blob:; connect-src 'self'{connect}; worker-src 'self'; manifest-src 'self'; \
             object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors {ancestors}"
        )
    }
}

impl AppFiles {
    /// The app in `root`, or why it cannot be served from there.
    pub fn new(root: &Path, policy: &PagePolicy) -> Result<AppFiles, String> {
        let root =
            root.canonicalize().map_err(|e| format!("找不到应用目录 {}（{e}）：请先构建应用", root.display()))?;
        if !root.join("index.html").is_file() {
            return Err(format!("应用目录 {} 中没有 index.html：请先构建应用", root.display()));
        }
        let csp = HeaderValue::from_str(&policy.content_security_policy())
            .map_err(|_| "frame-ancestors 或 connect-src 中有不能放进 HTTP 头的字符".to_string())?;
        let frame_options = policy.frame_ancestors.is_empty().then(|| HeaderValue::from_static("DENY"));
        Ok(AppFiles { root, content_security_policy: csp, frame_options })
    }

    /// A router answering every request with a file of the app.
    pub fn router(self) -> Router {
        Router::new().fallback(serve_file).with_state(Arc::new(self))
    }
}

/// The file a request path names, if it is one the app may serve; a folder names its page
/// (`/embed/` is `embed/index.html`).
fn relative_path(path: &str) -> Option<String> {
    let path = path.strip_prefix('/')?;
    let path = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
    let path = path.as_str();
    let plain = path.len() <= 200
        && path.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'/'))
        && path.split('/').all(|segment| !segment.is_empty() && !segment.starts_with('.'));
    (plain && media_type(path).is_some()).then(|| path.to_string())
}

fn media_type(path: &str) -> Option<&'static str> {
    let extension = path.rsplit_once('.')?.1;
    Some(match extension {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        // The widget's TypeScript declarations (zhicheng-form.d.ts), for a portal's developers.
        "ts" => "text/plain; charset=utf-8",
        _ => return None,
    })
}

/// Whether the name carries the build's content hash (`zhicheng-0123456789abcdef.js`), so that
/// it never changes and may be kept for a year. Trunk writes the hash in hex without leading
/// zeros, so it may be shorter than 16 digits.
fn content_hashed(path: &str) -> bool {
    let stem = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| (10..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The encodings the client accepts with a non-zero weight.
fn accepts(headers: &HeaderMap, encoding: &str) -> bool {
    headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(
        |item| {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let zero = parts.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
            name.eq_ignore_ascii_case(encoding) && !zero
        },
    )
}

async fn serve_file(State(app): State<Arc<AppFiles>>, request: Request) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")], "只能读取应用文件。").into_response();
    }
    let Some(path) = relative_path(request.uri().path()) else { return not_found() };
    let headers = request.headers();
    let identity = app.root.join(&path);
    let chosen = [("br", ".br"), ("gzip", ".gz")]
        .into_iter()
        .filter(|(encoding, _)| accepts(headers, encoding))
        .map(|(encoding, suffix)| (Some(encoding), PathBuf::from(format!("{}{suffix}", identity.display()))))
        .chain(std::iter::once((None, identity.clone())))
        .find(|(_, file)| file.is_file());
    let Some((encoding, file)) = chosen else { return not_found() };
    let Ok(metadata) = tokio::fs::metadata(&file).await else { return not_found() };
    if metadata.len() > MAX_FILE_BYTES {
        return not_found();
    }
    let modified = metadata.modified().ok().and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok());
    let etag = format!("\"{}-{}-{}\"", metadata.len(), modified.map_or(0, |m| m.as_nanos()), encoding.unwrap_or("id"));
    let mut response = if headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag.as_str()) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        match tokio::fs::read(&file).await {
            Ok(bytes) => bytes.into_response(),
            Err(_) => return not_found(),
        }
    };
    let out = response.headers_mut();
    out.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type(&path).unwrap_or("application/octet-stream")));
    if let Some(encoding) = encoding {
        out.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    out.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    let caching = if content_hashed(&path) { "public, max-age=31536000, immutable" } else { "no-cache" };
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static(caching));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        out.insert(header::ETAG, value);
    }
    // Only a page the browser navigates to acts on the preloads: a copy fetched by the service
    // worker (or a script) must not keep one address's list for every later visit.
    let navigation = headers.get("sec-fetch-mode").is_none_or(|mode| mode.as_bytes() == b"navigate");
    if path == "index.html" && navigation {
        if let Some(links) = page_preloads::for_page(&app.root, request.uri().query()).await {
            out.insert(header::LINK, links);
        }
    }
    page_headers(out, &app);
    // A portal's page on another origin loads the widget (a module script, its wasm, the forms)
    // from here, in CORS mode; the app's files are public, so any origin may read them.
    if media_type(&path) != media_type("index.html") {
        out.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    }
    response
}

fn page_headers(out: &mut HeaderMap, app: &AppFiles) {
    out.insert(header::CONTENT_SECURITY_POLICY, app.content_security_policy.clone());
    out.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    out.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if let Some(value) = &app.frame_options {
        out.insert(header::X_FRAME_OPTIONS, value.clone());
    }
}

fn not_found() -> Response {
    let mut response = (StatusCode::NOT_FOUND, "找不到这个文件。").into_response();
    response.headers_mut().insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_of_known_types_are_served() {
        let cases = [
            ("/", Some("index.html")),
            ("/zhicheng-0123456789abcdef_bg.wasm", Some("zhicheng-0123456789abcdef_bg.wasm")),
            ("/forms/parts/person.json", Some("forms/parts/person.json")),
            ("/embed/", Some("embed/index.html")),
            ("/embed//", None),
            ("/../secret.json", None),
            ("/forms/../../etc/passwd.txt", None),
            ("/.git/config.json", None),
            ("/forms//x.json", None),
            ("/a%2e%2e/x.json", None),
            ("/forms/x.exe", None),
            ("/forms\\x.json", None),
            ("index.html", None),
        ];
        for (path, expected) in cases {
            assert_eq!(relative_path(path).as_deref(), expected, "{path}");
        }
    }

    #[test]
    fn content_hashed_names_are_told_apart() {
        assert!(content_hashed("zhicheng-0123456789abcdef.js"));
        assert!(content_hashed("zhicheng-0123456789abcdef_bg.wasm"));
        assert!(content_hashed("main-305a978a7d00db79.css"));
        // Trunk drops the hash's leading zeros.
        assert!(content_hashed("zhicheng-ec689261560494b_bg.wasm"));
        assert!(!content_hashed("index.html"));
        assert!(!content_hashed("forms/sz-title-review.json"));
        assert!(!content_hashed("calendar/cn.json"));
    }

    #[test]
    fn encodings_with_zero_weight_are_refused() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip, deflate, br;q=0"));
        assert!(accepts(&headers, "gzip"));
        assert!(!accepts(&headers, "br"));
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("BR;q=0.5"));
        assert!(accepts(&headers, "br"));
    }
}
