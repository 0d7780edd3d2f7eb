//! Where finished packages are sent (protocol/README.md §4): the host's choice (a widget's
//! `endpoint`, the standalone page's `?submit=` or `<body data-submit-endpoint>`), else
//! `config.json`'s `submit_endpoint`. The default configuration points to the reference receiver.

use serde::Deserialize;

use crate::mount::Mount;
use crate::{json, schema_source};

#[derive(Deserialize)]
struct Config {
    submit_endpoint: String,
}

/// The receiver's base URL, ending in `/`.
pub async fn submit_endpoint(mount: &Mount) -> Result<String, String> {
    // Training never sends: its packages go to the simulated receiver in the page.
    if mount.is_training() {
        return Ok(zhicheng_session::training::TRAINING_ENDPOINT.to_string());
    }
    let chosen = match mount.settings().endpoint.clone() {
        Some(url) => url,
        None => {
            let value = schema_source::fetch_json(&mount.file_url("config.json"), "配置文件").await?;
            json::from_js::<Config>(value)
                .map_err(|e| format!("配置文件 config.json 的格式不正确：{e}"))?
                .submit_endpoint
        }
    };
    let url = chosen.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(format!("提交地址「{url}」不是 http(s) 地址，请检查配置。"));
    }
    Ok(if url.ends_with('/') { url.to_string() } else { format!("{url}/") })
}
