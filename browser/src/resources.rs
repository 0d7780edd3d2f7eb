//! What the session needs from the server the app came from: where packages go (`config.rs`),
//! the form's report templates (`report_source.rs`) and the holiday calendar, loaded at start-up
//! (`calendar_source.rs`).

use std::convert::identity;
use std::sync::Arc;

use zhicheng_engine::printable::ReportSet;
use zhicheng_engine::{FormSchema, HolidayCalendar};
use zhicheng_session::ports::resources::Resources;
use zhicheng_session::LocalFuture;

use crate::mount::Mount;
use crate::on_demand::{self, in_chunk};
use crate::{config, report_source};

/// The resources of this page; the calendar is the one loaded when the page's ports opened.
pub struct HttpResources {
    pub mount: Mount,
    pub calendar: Arc<HolidayCalendar>,
}

impl Resources for HttpResources {
    fn submit_endpoint(&self) -> LocalFuture<Result<String, String>> {
        let mount = self.mount.clone();
        Box::pin(async move { config::submit_endpoint(&mount).await })
    }

    fn reports(&self, schema: Arc<FormSchema>) -> LocalFuture<Result<ReportSet, String>> {
        let mount = self.mount.clone();
        Box::pin(on_demand::run_or(load_reports(mount, schema), identity))
    }

    fn holiday_calendar(&self) -> Arc<HolidayCalendar> {
        self.calendar.clone()
    }
}

in_chunk! {
    /// Report templates are read and checked by code in 报表打印's chunk (submitting, which puts
    /// the reports' fingerprints into the package, fetches it too).
    finishing: fn load_reports(mount: Mount, schema: Arc<FormSchema>) -> Result<ReportSet, String> {
        report_source::load(&mount, &schema).await
    }
}
