//! What this receiver accepts, announced by the preflight (`GET /v1/capabilities`) and enforced
//! on every upload and package.

use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_package_bytes: u64,
    pub max_files: usize,
    pub accepted_media_types: Vec<String>,
}

impl Default for Limits {
    /// The app's own limits: PDF, JPEG and PNG files of at most 10 MB, 200 MB and 200 files a package.
    fn default() -> Limits {
        Limits {
            max_file_bytes: 10 * 1024 * 1024,
            max_package_bytes: 200 * 1024 * 1024,
            max_files: 200,
            accepted_media_types: ["application/pdf", "image/jpeg", "image/png"].map(String::from).to_vec(),
        }
    }
}

impl Limits {
    pub fn accepts(&self, media_type: &str) -> bool {
        self.accepted_media_types.iter().any(|t| t == media_type)
    }
}
