//! The trainer's tools on training's start page: 「重置培训」 for the next person, kiosk mode
//! (reset after minutes without input), and importing a scenario (a persona file they wrote).

use leptos::prelude::*;
use zhicheng_browser::{dom, training, PagePorts};

use super::scenario::ScenarioImport;

#[component]
pub fn TrainerTools(page: PagePorts) -> impl IntoView {
    let message = RwSignal::new(None::<String>);
    let reset = move |_| {
        if dom::confirm("重置培训会删除培训区的全部草稿、附件和模拟提交，所有角色恢复到初始状态。确定重置吗？")
        {
            message.set(Some("正在重置培训…".into()));
            leptos::task::spawn_local(async move {
                if let Err(e) = training::reset_everything().await {
                    message.set(Some(e));
                }
            });
        }
    };
    let minutes = RwSignal::new(training::kiosk_minutes());
    let choose = move |ev: leptos::ev::Event| {
        let chosen: u32 = event_target_value(&ev).parse().unwrap_or(0);
        training::set_kiosk_minutes(chosen);
        minutes.set(chosen);
        message.set(Some(match chosen {
            0 => "已关闭无操作自动重置。".into(),
            m => format!("已开启：{m} 分钟无操作后自动重置（重置前 1 分钟提醒）。"),
        }));
    };
    view! {
        <section class="trainer-tools" aria-labelledby="trainer-tools-heading">
            <h2 id="trainer-tools-heading">"培训师工具"</h2>
            <div class="row-actions">
                <button type="button" class="button secondary" on:click=reset>"重置培训"</button>
                <label class="inline-field">
                    "无操作自动重置（展台模式）"
                    <select on:change=choose prop:value=move || minutes.get().to_string()>
                        <option value="0">"不自动重置"</option>
                        <option value="5">"5 分钟"</option>
                        <option value="10">"10 分钟"</option>
                        <option value="20">"20 分钟"</option>
                        <option value="30">"30 分钟"</option>
                    </select>
                </label>
            </div>
            <ScenarioImport page=page message=message/>
            <p class="hint">
                "要在投影上展示某位学员的练习：在该学员的角色中点顶部的「导出备份」；在投影电脑上打开培训页面的任一角色，"
                "进入「我的事项」，点「导入草稿…」选择该文件即可。"
            </p>
            <p class="message" role="status" aria-live="polite">{move || message.get()}</p>
        </section>
    }
}
