//! The only code that touches browser APIs: IndexedDB, fetch and XMLHttpRequest, WebCrypto,
//! `localStorage`, the clock, focus, files and printing. Each service implements one of the
//! session's ports (`zhicheng_session::ports`), whose in-memory doubles serve native tests and
//! the private-window fallback; `open_ports` puts them together for a page.

pub mod calendar_source;
pub mod clock;
pub mod config;
pub mod dom;
pub mod drafts;
mod fallback;
pub mod file_store;
pub mod files;
pub mod host;
pub mod idb;
pub mod intake;
pub mod json;
pub mod lock;
pub mod mount;
pub mod on_demand;
pub mod print;
pub mod print_layout;
#[cfg(feature = "widget")]
mod print_scope;
pub mod report_source;
pub mod report_styles;
pub mod resources;
pub mod schema_source;
pub mod storage_health;
pub mod submit;
pub mod timing;
#[cfg(feature = "training")]
pub mod training;
pub mod unit_key;
#[cfg(feature = "widget")]
pub mod widget;
mod widget_host;

use std::rc::Rc;

use zhicheng_session::Ports;

use file_store::BrowserFiles;

// The default wasm allocator (dlmalloc) is larger and slower; tests share the same allocator.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Panics print their message to the console (in builds that keep messages).
pub fn install_panic_hook() {
    console_error_panic_hook::set_once();
}

/// This page's ports with the browser's files as Blobs too, and, when the browser refused
/// IndexedDB, why (drafts then live in this page's memory only).
#[derive(Clone)]
pub struct PagePorts {
    pub ports: Ports,
    pub files: BrowserFiles,
    pub refused: Option<String>,
    /// Training mode's receiver in the page (its trainer moves packages along their scripts).
    #[cfg(feature = "training")]
    pub training: Option<Rc<zhicheng_session::training::SimulatedReceiver>>,
}

/// Opens this browser profile's storage (IndexedDB, or memory when the browser refuses it), loads
/// the holiday calendar and puts the page's ports together. A calendar that cannot be loaded is
/// reported on the console; the form then estimates every year and says so.
pub async fn open_ports(mount: &mount::Mount) -> PagePorts {
    let calendar = calendar_source::load(mount).await.unwrap_or_else(|problem| {
        web_sys::console::warn_1(&format!("放假安排未能载入，工作日按法定节假日估算：{problem}").into());
        Default::default()
    });
    let shelf = mount.shelf();
    let (drafts, files, outbox, refused): (
        Rc<dyn zhicheng_session::DraftRepository>,
        _,
        Rc<dyn zhicheng_session::ports::outbox::Outbox>,
        _,
    ) = match idb::database(shelf).await {
        Ok(_) => (
            Rc::new(drafts::indexed_db::IndexedDbDrafts(shelf)),
            BrowserFiles::IndexedDb(file_store::indexed_db::IndexedDbFiles(shelf)),
            Rc::new(submit::outbox::IndexedDbOutbox(shelf)),
            None,
        ),
        Err(e) => match fallback::memory_stores().await {
            Ok(making) => {
                let stores = making.await;
                (stores.drafts, BrowserFiles::Memory(stores.files), stores.outbox, Some(e.message()))
            }
            // The memory stores' chunk cannot be fetched either (no network, no service worker's
            // copy): the page goes on with stores that refuse, and says why.
            Err(on_demand::Unavailable) => (
                Rc::new(drafts::indexed_db::IndexedDbDrafts(shelf)),
                BrowserFiles::IndexedDb(file_store::indexed_db::IndexedDbFiles(shelf)),
                Rc::new(submit::outbox::IndexedDbOutbox(shelf)),
                Some(format!("{}；{}", e.message(), on_demand::Unavailable::MESSAGE)),
            ),
        },
    };
    let http: Rc<dyn zhicheng_session::Transport> =
        Rc::new(submit::HttpTransport { files: files.clone(), mount: mount.clone() });
    #[cfg(feature = "training")]
    let training = mount.is_training().then(training::simulated_receiver);
    #[cfg(feature = "training")]
    let transport = training.clone().map_or(http, |simulated| simulated as Rc<dyn zhicheng_session::Transport>);
    #[cfg(not(feature = "training"))]
    let transport = http;
    let ports = Ports {
        host: Rc::new(host::BrowserHost),
        drafts,
        files: Rc::new(files.clone()),
        outbox,
        transport,
        sending: Rc::new(submit::SendingInChunk),
        keyring: Rc::new(lock::WebCryptoKeyring),
        rescues: Rc::new(drafts::rescue::LocalStorageSlots(shelf)),
        archive: Rc::new(json::BrowserArchive),
        resources: Rc::new(resources::HttpResources { mount: mount.clone(), calendar: std::sync::Arc::new(calendar) }),
        persistent: refused.is_none(),
    };
    PagePorts {
        ports,
        files,
        refused,
        #[cfg(feature = "training")]
        training,
    }
}
