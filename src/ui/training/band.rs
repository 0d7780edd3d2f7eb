//! The band on every screen of training mode, so nobody mistakes practice for their declaration.

use leptos::prelude::*;

#[component]
pub fn TrainingBand() -> impl IntoView {
    view! {
        <p class="training-band" role="note">
            <strong>"培训模式 · 数据不会提交"</strong>
            <span class="hint">" 这里填写的内容只保存在培训区，不会出现在您的真实草稿箱，也不会发送给任何单位。"</span>
        </p>
    }
}
