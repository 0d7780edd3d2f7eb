//! The browser as the session's host: its event loop runs background work, `setTimeout` waits,
//! `Date` and `crypto` give time and ids, `navigator.onLine` says whether the network may be
//! there, and User Timing records the autosave budget.

use zhicheng_engine::Date;
use zhicheng_session::ports::host::Host;
use zhicheng_session::LocalFuture;

use crate::{clock, drafts, timing};

pub struct BrowserHost;

impl Host for BrowserHost {
    fn spawn(&self, work: LocalFuture<()>) {
        wasm_bindgen_futures::spawn_local(work);
    }

    fn sleep(&self, ms: u64) -> LocalFuture<()> {
        Box::pin(clock::sleep(ms))
    }

    fn now_ms(&self) -> u64 {
        drafts::now_ms()
    }

    fn today(&self) -> Date {
        clock::today()
    }

    fn new_id(&self) -> String {
        drafts::new_id()
    }

    fn random_bytes(&self, n: usize) -> Result<Vec<u8>, String> {
        let mut bytes = vec![0u8; n];
        web_sys::window()
            .ok_or("没有浏览器窗口")?
            .crypto()
            .and_then(|c| c.get_random_values_with_u8_array(&mut bytes))
            .map_err(|_| "浏览器无法生成随机编号")?;
        Ok(bytes)
    }

    fn random_unit(&self) -> f64 {
        js_sys::Math::random()
    }

    fn online(&self) -> bool {
        clock::online()
    }

    fn page_id(&self) -> String {
        drafts::page_id()
    }

    fn start_measure(&self, name: &str) {
        timing::start(name);
    }

    fn end_measure(&self, name: &str) {
        timing::end(name);
    }
}
