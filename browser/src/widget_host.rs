//! The host page's side of a widget: its callbacks (events out, request headers in) and what the
//! JavaScript API reaches through the open form: prefill, the draft, validity, moving to a page
//! and submitting. The decisions are the session's (`zhicheng_session::host_api`); this glue
//! only follows the open form and hands plain data across. The standalone bundle (without the
//! `widget` feature) has no host: it tells nobody and adds no headers.

#[cfg(feature = "widget")]
pub(crate) use hosted::{HostHooks, OpenSlot};

#[cfg(not(feature = "widget"))]
mod standalone {
    use zhicheng_session::host_api::HostEvent;
    use zhicheng_session::{OpenForm, Submissions};

    use crate::mount::Mount;

    impl Mount {
        pub fn emit(&self, _event: &HostEvent) {}

        pub fn form_opened(&self, _open: OpenForm, _submissions: Submissions) {}

        pub fn form_closed(&self) {}

        pub fn workspace_started(&self, _workspace: zhicheng_session::Workspace) {}

        pub async fn host_headers(&self) -> Result<Vec<(String, String)>, String> {
            Ok(Vec::new())
        }
    }
}

#[cfg(feature = "widget")]
mod hosted {

    use std::cell::RefCell;
    use std::rc::Rc;

    use serde::Serialize;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use zhicheng_engine::{Answers, Command, Outcome};
    use zhicheng_session::host_api::{
        position_named, prefill_command, DraftView, HostEvent, HostEventWatch, ValidityView,
    };
    use zhicheng_session::{OpenForm, SaveStatus, StatusLine, Submissions, Subscription, Workspace};

    use crate::mount::Mount;

    /// At most this many headers from the host's `headers()` callback.
    const MAX_HEADERS: usize = 16;
    /// No header name or value from the host is longer than this.
    const MAX_HEADER_CHARS: usize = 8192;

    /// What the host page handed the widget (nothing, for a standalone page in the widget's bundle).
    pub(crate) struct HostHooks {
        /// Called with each event's name and detail; the element dispatches them as `CustomEvent`s.
        pub emit: Option<js_sys::Function>,
        /// Returns (or promises) the headers for each request to the submission backend.
        pub headers: Option<js_sys::Function>,
    }

    impl HostHooks {
        pub fn none() -> HostHooks {
            HostHooks { emit: None, headers: None }
        }
    }

    /// The form open in a widget, and prefills waiting for it; the session's workspace once it
    /// started, and what waits for it (a package file handed over before).
    #[derive(Default)]
    pub(crate) struct OpenSlot {
        form: Option<Followed>,
        waiting: Vec<(Answers, bool)>,
        workspace: Option<Workspace>,
        /// Each resolves a promise that a `reviewPackage` call waits on.
        awaiting_workspace: Vec<js_sys::Function>,
    }

    struct Followed {
        open: OpenForm,
        submissions: Submissions,
        _subscriptions: Vec<Subscription>,
    }

    impl Mount {
        /// Tells the host `event`, if there is a host.
        pub fn emit(&self, event: &HostEvent) {
            let Some(emit) = &self.hooks().emit else { return };
            let detail = event.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL);
            let _ = emit.call2(&JsValue::NULL, &JsValue::from_str(event.name()), &detail);
        }

        /// The headers the host wants on a request to its backend: none without a host or callback.
        pub async fn host_headers(&self) -> Result<Vec<(String, String)>, String> {
            let Some(callback) = self.hooks().headers.clone() else { return Ok(Vec::new()) };
            let mut given = callback.call0(&JsValue::NULL).map_err(|_| "门户提供请求头时出错".to_string())?;
            if let Some(promise) = given.dyn_ref::<js_sys::Promise>() {
                given = JsFuture::from(promise.clone()).await.map_err(|_| "门户未能提供登录凭据".to_string())?;
            }
            if given.is_null() || given.is_undefined() {
                return Ok(Vec::new());
            }
            let entries = js_sys::Object::entries(given.dyn_ref().ok_or("门户提供的请求头不是对象")?);
            if entries.length() as usize > MAX_HEADERS {
                return Err(format!("门户提供的请求头超过 {MAX_HEADERS} 个"));
            }
            entries
                .iter()
                .map(|pair| {
                    let pair = js_sys::Array::from(&pair);
                    let (name, value) = (pair.get(0).as_string().unwrap_or_default(), pair.get(1).as_string());
                    let value = value.ok_or_else(|| format!("门户提供的请求头 {name} 不是文字"))?;
                    let token =
                        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b));
                    if !token || name.len() > MAX_HEADER_CHARS || value.len() > MAX_HEADER_CHARS {
                        return Err(format!("门户提供的请求头 {name} 不合规"));
                    }
                    Ok((name, value))
                })
                .collect()
        }

        /// A form is open in this copy of the app: prefills waiting for it are applied, the host
        /// hears `zc-ready`, and from now on every change the host should hear about.
        pub fn form_opened(&self, open: OpenForm, submissions: Submissions) {
            if self.hooks().emit.is_none() {
                return;
            }
            let waiting = std::mem::take(&mut self.open_slot().waiting);
            for (answers, locked) in waiting {
                if let Err(problem) = apply_prefill(&open, answers, locked) {
                    self.emit(&HostEvent::Error { message: problem });
                }
            }
            let (watch, events) = open.with_state(|state| HostEventWatch::opened(&open.id(), state));
            let watch = Rc::new(RefCell::new(watch));
            submissions.entries().with(|entries| watch.borrow_mut().outbox_changed(entries));
            let tell = {
                let mount = self.clone();
                move |events: Vec<HostEvent>| events.iter().for_each(|e| mount.emit(e))
            };
            tell(events);
            let subscriptions = vec![
                open.changes().subscribe({
                    let (open, watch, tell) = (open.clone(), watch.clone(), tell.clone());
                    move |_| tell(open.with_state(|state| watch.borrow_mut().state_changed(state)))
                }),
                open.status().subscribe({
                    let (watch, tell) = (watch.clone(), tell.clone());
                    move |status| {
                        if let StatusLine::Save(SaveStatus::Saved { at_ms, .. }) = status {
                            tell(watch.borrow_mut().saved(*at_ms));
                        }
                    }
                }),
                submissions.entries().subscribe(move |entries| tell(watch.borrow_mut().outbox_changed(entries))),
            ];
            self.open_slot().form = Some(Followed { open, submissions, _subscriptions: subscriptions });
        }

        /// The open form was closed (another draft, the 草稿箱, the widget removed): what is not
        /// yet saved is saved now, since a removed widget has no later pause in typing.
        pub fn form_closed(&self) {
            let closed = self.open_slot().form.take();
            if let Some(followed) = closed {
                followed.open.flush();
            }
        }

        /// The session's workspace started in this copy of the app (the form is loaded): a package
        /// file handed over before is opened now.
        pub fn workspace_started(&self, workspace: Workspace) {
            let waiting = {
                let mut slot = self.open_slot();
                slot.workspace = Some(workspace);
                std::mem::take(&mut slot.awaiting_workspace)
            };
            for resolve in waiting {
                let _ = resolve.call0(&JsValue::NULL);
            }
        }

        /// Opens the unit's decision on the declaration in a package file the host handed over
        /// (`reviewPackage`, e.g. from the portal's own records): the same as 从文件打开申报.
        pub async fn review_package(&self, bytes: Vec<u8>) -> Result<(), String> {
            let started = self.open_slot().workspace.clone();
            let workspace = match started {
                Some(workspace) => workspace,
                None => {
                    let mut resolve = None;
                    let started = js_sys::Promise::new(&mut |done, _| resolve = Some(done));
                    self.open_slot().awaiting_workspace.extend(resolve);
                    let _ = JsFuture::from(started).await;
                    self.open_slot().workspace.clone().ok_or("职称申报组件已移除")?
                }
            };
            zhicheng_session::unit_desk::from_file::open_from_file(&workspace, bytes, None).await
        }

        /// Prefills answers from the host's records (`setAnswers`): at once when a form is open,
        /// else as soon as one opens.
        pub fn prefill(&self, answers: Answers, locked: bool) -> Result<(), String> {
            let open = self.open_form();
            match open {
                Some(open) => apply_prefill(&open, answers, locked),
                None => {
                    // Checked now, so a host hears at once about answers that could never apply.
                    prefill_command(answers.clone(), locked)?;
                    self.open_slot().waiting.push((answers, locked));
                    Ok(())
                }
            }
        }

        /// The open draft, as the host reads it (`getDraft()`).
        pub fn draft_view(&self) -> Result<DraftView, String> {
            let open = self.open_form().ok_or(NOT_OPEN)?;
            Ok(open.with_state(|state| DraftView::of(&open.id(), state)))
        }

        /// Every problem of the open draft (`validate()`), shown to the applicant or not yet.
        pub fn validity(&self) -> Result<ValidityView, String> {
            let open = self.open_form().ok_or(NOT_OPEN)?;
            Ok(open.with_state(ValidityView::of))
        }

        /// Moves to the page the host names (`goTo(step)`): a step's id, `materials` or `review`.
        pub fn go_to(&self, page: &str) -> Result<(), String> {
            let open = self.open_form().ok_or(NOT_OPEN)?;
            let position = open
                .with_state(|s| position_named(s.schema(), page))
                .ok_or_else(|| format!("表单中没有「{page}」这一页"))?;
            match open.dispatch(Command::GoTo(position)) {
                Outcome::Refused(reason) => Err(reason),
                // A gate (the pledge) before the page holds: the applicant is shown what it needs.
                Outcome::Blocked { .. } => Err(format!("请先完成「{}」这一步", open.with_state(gate_title))),
                _ => Ok(()),
            }
        }

        /// Finishes the open draft if it can be and submits it (`submit()`); the package's id, or
        /// why not. The receipt comes later, with `zc-submitted`.
        pub async fn submit(&self) -> Result<String, String> {
            let (open, submissions) = {
                let slot = self.open_slot();
                let followed = slot.form.as_ref().ok_or(NOT_OPEN)?;
                (followed.open.clone(), followed.submissions.clone())
            };
            if !open.with_state(|s| s.is_finished()) {
                if let Outcome::Blocked { errors } = open.dispatch(Command::Finish) {
                    return Err(format!("还有 {errors} 处需要修改，请先完成填写"));
                }
            }
            // The applicant sees where the package is, on 核对信息.
            open.dispatch(Command::GoTo(zhicheng_engine::Position::Review));
            submissions.submit(&open, None).await?;
            submissions.latest_for(&open.id()).map(|entry| entry.package_id).ok_or_else(|| "申报包未能保存".to_string())
        }

        fn open_form(&self) -> Option<OpenForm> {
            self.open_slot().form.as_ref().map(|f| f.open.clone())
        }
    }

    /// What the host is told while no form is open yet.
    const NOT_OPEN: &str = "表单尚未打开，请在 zc-ready 事件之后调用";

    /// The title of the step the applicant was sent back to (a gate such as 承诺).
    fn gate_title(state: &zhicheng_engine::FormState) -> String {
        match state.position() {
            zhicheng_engine::Position::Step(index) => state.schema().steps.get(index).map(|s| s.title.clone()),
            _ => None,
        }
        .unwrap_or_default()
    }

    fn apply_prefill(open: &OpenForm, answers: Answers, locked: bool) -> Result<(), String> {
        match open.dispatch(prefill_command(answers, locked)?) {
            Outcome::Refused(reason) => Err(reason),
            _ => Ok(()),
        }
    }
}
