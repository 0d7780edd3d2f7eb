//! Resources fixed by the test: an endpoint, the report templates (none unless given) and the
//! holiday calendar (the statutory estimate unless given).

use std::cell::RefCell;
use std::sync::Arc;

use zhicheng_engine::printable::ReportSet;
use zhicheng_engine::{FormSchema, HolidayCalendar};

use crate::ports::resources::Resources;
use crate::ports::LocalFuture;

pub struct FixedResources {
    pub endpoint: RefCell<Result<String, String>>,
    pub reports: RefCell<Option<ReportSet>>,
    pub calendar: RefCell<Arc<HolidayCalendar>>,
}

impl Default for FixedResources {
    fn default() -> FixedResources {
        FixedResources {
            endpoint: RefCell::new(Ok(super::receiver::ENDPOINT.to_string())),
            reports: RefCell::default(),
            calendar: RefCell::default(),
        }
    }
}

impl Resources for FixedResources {
    fn submit_endpoint(&self) -> LocalFuture<Result<String, String>> {
        Box::pin(std::future::ready(self.endpoint.borrow().clone()))
    }

    fn reports(&self, schema: Arc<FormSchema>) -> LocalFuture<Result<ReportSet, String>> {
        let reports =
            self.reports.borrow().clone().unwrap_or(ReportSet { form_id: schema.id.clone(), reports: Vec::new() });
        Box::pin(std::future::ready(Ok(reports)))
    }

    fn holiday_calendar(&self) -> Arc<HolidayCalendar> {
        self.calendar.borrow().clone()
    }
}
