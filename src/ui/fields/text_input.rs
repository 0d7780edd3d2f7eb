//! Single-line text (names, numbers such as ID or diploma numbers, units).

use leptos::prelude::*;

use super::plain_input::{plain_input, InputSpec};
use crate::ui::field_ctx::FieldCtx;

#[component]
pub fn TextInput(ctx: FieldCtx) -> impl IntoView {
    plain_input(ctx, InputSpec { input_type: "text", inputmode: None, class: "input", maxlength: None })
}
