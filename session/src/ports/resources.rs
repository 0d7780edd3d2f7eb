//! What a package needs besides the answers, fetched by the host while online and kept for when
//! the network is gone: where packages go, and the form's report templates (their fingerprints
//! travel in the package).

use std::sync::Arc;

use zhicheng_engine::printable::ReportSet;
use zhicheng_engine::FormSchema;

use super::LocalFuture;

pub trait Resources {
    /// The receiver's base URL, ending in `/`.
    fn submit_endpoint(&self) -> LocalFuture<Result<String, String>>;
    /// The checked report templates of `schema`'s form.
    fn reports(&self, schema: Arc<FormSchema>) -> LocalFuture<Result<ReportSet, String>>;
}
