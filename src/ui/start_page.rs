//! The start page: choose a system and a business (and the series, level, specialty … the form
//! asks first), or go back to any draft of any system in this browser.

use leptos::prelude::*;
use zhicheng_browser::mount::Mount;
use zhicheng_browser::schema_source::load_catalog;
use zhicheng_browser::PagePorts;

use crate::ui::all_drafts::AllDrafts;
use crate::ui::declaration_chooser::DeclarationChooser;
use crate::ui::loaded::loaded;
use crate::ui::mounted::use_mount;

/// The training page, beside the app's page (or beside a widget's files).
#[cfg(not(feature = "widget"))]
fn training_page(_mount: &Mount) -> &'static str {
    "/training/"
}

#[cfg(feature = "widget")]
fn training_page(mount: &Mount) -> String {
    mount.file_url("training/")
}

#[component]
pub fn StartPage(page: PagePorts) -> impl IntoView {
    let mount = use_mount();
    let training = training_page(&mount);
    let catalog = loaded(move || load_catalog(mount.clone()));
    let drafts = StoredValue::new_local(page.ports.drafts.clone());
    view! {
        <main id="main" class="start-page" tabindex="-1">
            <h1>"职称申报"</h1>
            <p class="lead">
                "广东省专业技术人才职称申报的填写助手：先选择您所在的申报系统和业务，再按步骤填写。"
                "填写内容自动保存在本浏览器中，断网也不会丢失。"
            </p>
            <p><a href=training>"演示与培训"</a>"：先用练习角色走一遍，不影响您的草稿。"</p>
            {move || match catalog.get() {
                None => view! { <p class="loading" role="status">"正在加载申报目录…"</p> }.into_any(),
                Some(Err(problems)) => view! {
                    <div class="notice" role="alert">
                        <p>"申报目录无法读取，请刷新页面重试："</p>
                        <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    </div>
                }
                .into_any(),
                Some(Ok(catalog)) => view! {
                    <DeclarationChooser catalog=catalog.clone()/>
                    <AllDrafts catalog=catalog drafts=drafts.get_value()/>
                }
                .into_any(),
            }}
        </main>
    }
}
