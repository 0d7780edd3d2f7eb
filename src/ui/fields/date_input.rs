//! Dates (`<input type="date">`) and year-months (`<input type="month">`), stored as ISO text.

use leptos::prelude::*;
use zhicheng_engine::FieldKind;

use super::plain_input::{plain_input, InputSpec};
use crate::ui::field_ctx::FieldCtx;

#[component]
pub fn DateInput(ctx: FieldCtx) -> impl IntoView {
    let input_type = if ctx.field.kind == FieldKind::YearMonth { "month" } else { "date" };
    plain_input(ctx, InputSpec { input_type, inputmode: None, class: "input date", maxlength: None })
}
