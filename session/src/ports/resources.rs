//! What the host fetches from where the app came from and keeps for when the network is gone:
//! where packages go, the form's report templates (their fingerprints travel in the package) and
//! the holiday calendar working days are counted with.

use std::sync::Arc;

use zhicheng_engine::printable::ReportSet;
use zhicheng_engine::{FormSchema, HolidayCalendar};

use super::LocalFuture;

pub trait Resources {
    /// The receiver's base URL, ending in `/`.
    fn submit_endpoint(&self) -> LocalFuture<Result<String, String>>;
    /// The checked report templates of `schema`'s form.
    fn reports(&self, schema: Arc<FormSchema>) -> LocalFuture<Result<ReportSet, String>>;
    /// The State Council holiday calendar, loaded before the workspace starts; without one (it
    /// could not be loaded) the default, which estimates every year from the statutory holidays.
    fn holiday_calendar(&self) -> Arc<HolidayCalendar>;
}
