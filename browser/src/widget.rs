//! The widget's JavaScript entry points (`public/zhicheng-form.js` calls them): mount the app in
//! a shadow root with the host's settings and callbacks, and the handle's methods. The app itself
//! registers how it mounts (`register`), so this crate needs no UI.

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::mount::{Mount, Settings};
use crate::widget_host::HostHooks;

/// Mounts the app into an element and returns what unmounts it.
pub type Mounter = fn(web_sys::HtmlElement, Mount) -> Box<dyn FnOnce()>;

thread_local! {
    static MOUNTER: Cell<Option<Mounter>> = const { Cell::new(None) };
}

/// How the app mounts a copy of itself; called once at start-up.
pub fn register(mounter: Mounter) {
    MOUNTER.with(|m| m.set(Some(mounter)));
}

/// One mounted widget, as `zhicheng-form.js` holds it.
#[wasm_bindgen]
pub struct WidgetHandle {
    mount: Mount,
    unmount: RefCell<Option<Box<dyn FnOnce()>>>,
}

/// Mounts the app into `container` (inside `shadow`) with the host's `options` (see
/// `mount::Settings`), calling `emit(name, detail)` for each event and `headers()` before each
/// request to the submission backend.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(
    shadow: web_sys::ShadowRoot,
    container: web_sys::HtmlElement,
    options: JsValue,
    emit: js_sys::Function,
    headers: Option<js_sys::Function>,
) -> Result<WidgetHandle, JsError> {
    let settings: Settings =
        serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&format!("挂载参数不正确：{e}")))?;
    let mounter = MOUNTER.with(Cell::get).ok_or_else(|| JsError::new("职称申报应用尚未启动"))?;
    let mount = Mount::widget(shadow, container.clone(), settings, HostHooks { emit: Some(emit), headers });
    let unmount = mounter(container, mount.clone());
    Ok(WidgetHandle { mount, unmount: RefCell::new(Some(unmount)) })
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Removes the app from its element; every listener, timer and subscription goes with it.
    pub fn destroy(&self) {
        self.mount.form_closed();
        if let Some(unmount) = self.unmount.borrow_mut().take() {
            unmount();
        }
    }

    #[wasm_bindgen(js_name = getDraft)]
    pub fn get_draft(&self) -> Result<JsValue, JsError> {
        to_js(&self.mount.draft_view().map_err(|e| JsError::new(&e))?)
    }

    #[wasm_bindgen(js_name = setAnswers)]
    pub fn set_answers(&self, answers: JsValue, locked: bool) -> Result<(), JsError> {
        let answers: zhicheng_engine::Answers = serde_wasm_bindgen::from_value(answers)
            .map_err(|_| JsError::new("预填内容应是「字段编号 → 答案」的对象，答案为文字、true/false 或文字列表"))?;
        self.mount.prefill(answers, locked).map_err(|e| JsError::new(&e))
    }

    pub fn validate(&self) -> Result<JsValue, JsError> {
        to_js(&self.mount.validity().map_err(|e| JsError::new(&e))?)
    }

    #[wasm_bindgen(js_name = goTo)]
    pub fn go_to(&self, page: String) -> Result<(), JsError> {
        self.mount.go_to(&page).map_err(|e| JsError::new(&e))
    }

    /// Opens the unit's decision on the declaration in a package file (the applicant's
    /// 导出申报包: a `Blob`/`File`, `ArrayBuffer` or `Uint8Array`); resolves once it is open.
    #[wasm_bindgen(js_name = reviewPackage)]
    pub fn review_package(&self, file: JsValue) -> js_sys::Promise {
        let mount = self.mount.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let bytes = package_bytes(file).await.map_err(|e| JsError::new(&e))?;
            mount.review_package(bytes).await.map_err(|e| JsError::new(&format!("无法打开申报包：{e}")))?;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// Resolves with the package's id once it is stored and sending has started.
    pub fn submit(&self) -> js_sys::Promise {
        let mount = self.mount.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            match mount.submit().await {
                Ok(package_id) => Ok(JsValue::from_str(&package_id)),
                Err(reason) => {
                    mount.emit(&zhicheng_session::host_api::HostEvent::SubmitFailed {
                        package_id: String::new(),
                        reason: reason.clone(),
                    });
                    Err(JsError::new(&reason).into())
                }
            }
        })
    }
}

/// The bytes of what the host handed over as a package file, refused when too large to be one.
async fn package_bytes(file: JsValue) -> Result<Vec<u8>, String> {
    use zhicheng_session::unit_desk::from_file::MAX_PACKAGE_FILE_BYTES;
    let too_large = || format!("申报包文件超过 {} MB", MAX_PACKAGE_FILE_BYTES >> 20);
    if let Some(blob) = file.dyn_ref::<web_sys::Blob>() {
        if blob.size() > MAX_PACKAGE_FILE_BYTES as f64 {
            return Err(too_large());
        }
        return crate::files::read_blob(blob).await;
    }
    let array = if let Some(buffer) = file.dyn_ref::<js_sys::ArrayBuffer>() {
        js_sys::Uint8Array::new(buffer)
    } else {
        file.dyn_into::<js_sys::Uint8Array>()
            .map_err(|_| "申报包应是文件（Blob）、ArrayBuffer 或 Uint8Array".to_string())?
    };
    if array.length() as usize > MAX_PACKAGE_FILE_BYTES {
        return Err(too_large());
    }
    Ok(array.to_vec())
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}
