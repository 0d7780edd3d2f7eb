//! One control component per field kind. Each reads its `FieldCtx` and sends changes as engine
//! commands: typing sets the value, leaving the control (blur or change) marks it touched.

mod checkbox;
mod date_input;
mod multi_select;
mod number_input;
mod plain_input;
mod select_input;
mod text_area;
mod text_input;
mod yes_no;

use leptos::prelude::*;
use zhicheng_engine::FieldKind;

use crate::ui::field_ctx::FieldCtx;

/// The control for the field's kind.
pub fn control(ctx: FieldCtx) -> AnyView {
    match ctx.field.kind {
        FieldKind::Text => view! { <text_input::TextInput ctx=ctx/> }.into_any(),
        FieldKind::Textarea => view! { <text_area::TextArea ctx=ctx/> }.into_any(),
        FieldKind::Integer | FieldKind::Decimal | FieldKind::Year => {
            view! { <number_input::NumberInput ctx=ctx/> }.into_any()
        }
        FieldKind::Date | FieldKind::YearMonth => view! { <date_input::DateInput ctx=ctx/> }.into_any(),
        FieldKind::Select => view! { <select_input::SelectInput ctx=ctx/> }.into_any(),
        FieldKind::MultiSelect => view! { <multi_select::MultiSelect ctx=ctx/> }.into_any(),
        FieldKind::YesNo => view! { <yes_no::YesNo ctx=ctx/> }.into_any(),
        FieldKind::Checkbox => view! { <checkbox::Checkbox ctx=ctx/> }.into_any(),
        FieldKind::Group => ().into_any(),
    }
}

/// `"true"` for `aria-invalid` while an error shows; the attribute is absent otherwise.
fn aria_invalid(ctx: &FieldCtx) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
    let invalid = ctx.invalid;
    move || invalid.get().then_some("true")
}

fn aria_required(ctx: &FieldCtx) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
    let required = ctx.required;
    move || required.get().then_some("true")
}
