//! What packages need from the server the app came from: where they go (`config.rs`) and the
//! form's report templates (`report_source.rs`).

use std::sync::Arc;

use zhicheng_engine::printable::ReportSet;
use zhicheng_engine::FormSchema;
use zhicheng_session::ports::resources::Resources;
use zhicheng_session::LocalFuture;

use crate::{config, report_source};

pub struct HttpResources;

impl Resources for HttpResources {
    fn submit_endpoint(&self) -> LocalFuture<Result<String, String>> {
        Box::pin(config::submit_endpoint())
    }

    fn reports(&self, schema: Arc<FormSchema>) -> LocalFuture<Result<ReportSet, String>> {
        Box::pin(async move { report_source::load(&schema).await })
    }
}
