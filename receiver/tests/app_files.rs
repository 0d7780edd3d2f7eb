//! `serve --app`: the built app from the same origin as the API, as a browser fetches it — the
//! precompressed copy it accepts, caching by kind of file, the page's security headers — while
//! `/v1/` stays the API with its own headers, and nothing outside the app folder is reachable.

mod support;

use std::path::{Path, PathBuf};

use support::process::Server;
use support::*;

const WASM: &str = "zhicheng-0123456789abcdef_bg.wasm";

/// A small built app: a page, a hashed wasm with its brotli and gzip copies, a form file.
fn app_folder(name: &str) -> PathBuf {
    let dir = data_folder(&format!("app-{name}")).with_extension("app");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("forms")).unwrap();
    let write = |path: &str, bytes: &[u8]| std::fs::write(dir.join(path), bytes).unwrap();
    write("index.html", b"<!doctype html><title>app</title>");
    write("index.html.br", b"brotli page");
    write(WASM, b"\0asm identity");
    write(&format!("{WASM}.br"), b"brotli wasm");
    write(&format!("{WASM}.gz"), b"gzip wasm");
    write("forms/t.json", b"{\"id\":\"t\"}");
    std::fs::create_dir_all(dir.join("embed")).unwrap();
    write("embed/index.html", b"<!doctype html><title>portal</title>");
    write("forms/with-parts.json", b"{\"id\":\"with-parts\",\"parts\":[\"person\",\"../../outside\",\"career\"]}");
    std::fs::write(dir.parent().unwrap().join("outside.json"), b"{\"secret\":1}").unwrap();
    dir
}

fn start(name: &str, extra: &[&str]) -> Server {
    let app = app_folder(name);
    let mut options = vec!["--app", app.to_str().unwrap()];
    options.extend_from_slice(extra);
    Server::start(&data_folder(&format!("app-data-{name}")), &options)
}

fn get(server: &Server, path: &str, encodings: &str) -> support::process::Reply {
    let headers: Vec<(&str, &str)> = if encodings.is_empty() { vec![] } else { vec![("Accept-Encoding", encodings)] };
    server.send("GET", path, &headers, b"")
}

#[test]
fn the_copy_the_browser_accepts_is_sent_with_its_type_and_caching() {
    let server = start("encodings", &[]);
    let cases = [
        // path, Accept-Encoding, body, Content-Encoding, Content-Type, Cache-Control
        (format!("/{WASM}"), "gzip, deflate, br", "brotli wasm", Some("br"), "application/wasm", "immutable"),
        (format!("/{WASM}"), "gzip, br;q=0", "gzip wasm", Some("gzip"), "application/wasm", "immutable"),
        (format!("/{WASM}"), "", "\0asm identity", None, "application/wasm", "immutable"),
        ("/".to_string(), "br", "brotli page", Some("br"), "text/html; charset=utf-8", "no-cache"),
        ("/forms/t.json".to_string(), "br, gzip", "{\"id\":\"t\"}", None, "application/json", "no-cache"),
        (
            "/embed/".to_string(),
            "",
            "<!doctype html><title>portal</title>",
            None,
            "text/html; charset=utf-8",
            "no-cache",
        ),
    ];
    for (path, accept, body, encoding, media_type, caching) in cases {
        let reply = get(&server, &path, accept);
        assert_eq!(reply.status, 200, "{path} {accept}");
        assert_eq!(String::from_utf8_lossy(&reply.body), body, "{path} {accept}");
        assert_eq!(reply.header("content-encoding"), encoding, "{path} {accept}");
        assert_eq!(reply.header("content-type"), Some(media_type), "{path}");
        assert!(
            reply.header("cache-control").unwrap_or("").contains(caching),
            "{path}: {:?}",
            reply.header("cache-control")
        );
        assert_eq!(reply.header("vary"), Some("Accept-Encoding"), "{path}");
    }
}

#[test]
fn pages_run_under_a_strict_policy_and_the_api_keeps_its_own() {
    let server = start("policy", &[]);
    let page = get(&server, "/", "");
    let csp = page.header("content-security-policy").unwrap_or("");
    for rule in
        ["script-src 'self' 'wasm-unsafe-eval'", "default-src 'self'", "frame-ancestors 'none'", "object-src 'none'"]
    {
        assert!(csp.contains(rule), "{rule} missing from {csp}");
    }
    assert!(!csp.contains("unsafe-inline"), "no inline script or style: {csp}");
    assert_eq!(page.header("x-frame-options"), Some("DENY"));
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert!(page.header("referrer-policy").is_some());

    let api = get(&server, "/v1/capabilities", "br");
    assert_eq!(api.status, 200);
    assert_eq!(api.json()["protocol"], "zhicheng-submission/1");
    assert_eq!(api.header("content-security-policy"), Some("default-src 'none'; frame-ancestors 'none'"));
    assert_eq!(api.header("cache-control"), Some("no-store"));
    let unknown = get(&server, "/v1/nothing-here", "");
    assert_eq!((unknown.status, unknown.code()), (404, "not_found".to_string()));
}

#[test]
fn the_page_announces_the_data_its_first_screen_fetches() {
    let server = start("preloads", &[]);
    let links = |path: &str| get(&server, path, "").header("link").unwrap_or("").to_string();
    let form = links("/?form=with-parts");
    let announced: Vec<&str> =
        form.split(", ").map(|link| link.split(';').next().unwrap_or("").trim_matches(['<', '>'])).collect();
    assert_eq!(
        announced,
        ["/calendar/cn.json", "/forms/with-parts.json", "/forms/parts/person.json", "/forms/parts/career.json"],
        "{form}"
    );
    assert!(form.split(", ").all(|link| link.ends_with("; rel=preload; as=fetch; crossorigin")), "{form}");
    assert!(links("/").contains("</catalog.json>"), "the start page's catalog");
    // A form that is not there, or a name reaching outside the forms folder, announces no schema.
    for path in ["/?form=missing", "/?form=..%2F..%2Foutside"] {
        assert!(!links(path).contains("/forms/"), "{path}: {}", links(path));
    }
    assert_eq!(get(&server, "/forms/t.json", "").header("link"), None, "only the page carries them");
    // The service worker's copy of the page serves every later visit: it names none.
    let cached = server.send("GET", "/index.html", &[("Sec-Fetch-Mode", "same-origin")], b"");
    assert_eq!(cached.header("link"), None);
    let visited = server.send("GET", "/?form=with-parts", &[("Sec-Fetch-Mode", "navigate")], b"");
    assert!(visited.header("link").is_some_and(|l| l.contains("/forms/parts/career.json")));
}

#[test]
fn a_portal_may_frame_the_app_when_named() {
    let server =
        start("frames", &["--frame-ancestors", "https://portal.example", "--connect-src", "https://api.example"]);
    let page = get(&server, "/", "");
    let csp = page.header("content-security-policy").unwrap_or("");
    assert!(csp.contains("frame-ancestors https://portal.example"), "{csp}");
    assert!(csp.contains("connect-src 'self' https://api.example"), "{csp}");
    assert_eq!(
        page.header("x-frame-options"),
        None,
        "X-Frame-Options: DENY would override frame-ancestors in old browsers"
    );
}

#[test]
fn a_portal_on_another_origin_may_load_the_widgets_files_but_not_read_the_pages() {
    let server = start("widget-files", &[]);
    for path in [format!("/{WASM}"), "/forms/t.json".to_string()] {
        let reply = server.send("GET", &path, &[("Origin", "https://portal.example")], b"");
        assert_eq!(reply.header("access-control-allow-origin"), Some("*"), "{path}");
    }
    let page = server.send("GET", "/", &[("Origin", "https://portal.example")], b"");
    assert_eq!(page.header("access-control-allow-origin"), None, "pages are not for other origins to read");
}

#[test]
fn nothing_outside_the_app_folder_nor_of_an_unknown_kind_is_served() {
    let server = start("paths", &[]);
    for path in [
        "/../outside.json",
        "/forms/../../outside.json",
        "/%2e%2e/outside.json",
        "/.hidden.json",
        "/forms",
        "/x.exe",
        "/missing.json",
    ] {
        let reply = get(&server, path, "");
        assert_eq!(reply.status, 404, "{path}: {}", String::from_utf8_lossy(&reply.body));
        assert!(!String::from_utf8_lossy(&reply.body).contains("secret"), "{path}");
    }
    let post = server.send("POST", "/index.html", &[], b"");
    assert_eq!(post.status, 405);
}

#[test]
fn a_file_the_browser_already_has_is_not_sent_again() {
    let server = start("revalidate", &[]);
    let first = get(&server, "/forms/t.json", "");
    let etag = first.header("etag").expect("an ETag").to_string();
    let again = server.send("GET", "/forms/t.json", &[("If-None-Match", &etag)], b"");
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let changed = server.send("GET", "/forms/t.json", &[("If-None-Match", "\"other\"")], b"");
    assert_eq!(changed.status, 200);
}

#[test]
fn a_folder_without_a_built_app_is_refused_at_start() {
    let empty = data_folder("app-empty").with_extension("app");
    std::fs::create_dir_all(&empty).unwrap();
    let out = std::process::Command::new(support::process::binary())
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(data_folder("app-empty-data"))
        .arg("--forms")
        .arg(forms_folder())
        .arg("--app")
        .arg(Path::new(&empty))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("index.html"), "{}", String::from_utf8_lossy(&out.stderr));
}
