//! Integers, decimals and years, typed as text with a numeric keyboard on phones (the engine
//! validates the text, so nothing typed is silently dropped as `type="number"` would).

use leptos::prelude::*;
use zhicheng_engine::FieldKind;

use super::plain_input::{plain_input, InputSpec};
use crate::ui::field_ctx::FieldCtx;

#[component]
pub fn NumberInput(ctx: FieldCtx) -> impl IntoView {
    let spec = match ctx.field.kind {
        FieldKind::Decimal => {
            InputSpec { input_type: "text", inputmode: Some("decimal"), class: "input narrow", maxlength: None }
        }
        FieldKind::Year => {
            InputSpec { input_type: "text", inputmode: Some("numeric"), class: "input year", maxlength: Some("4") }
        }
        _ => InputSpec { input_type: "text", inputmode: Some("numeric"), class: "input narrow", maxlength: None },
    };
    plain_input(ctx, spec)
}
