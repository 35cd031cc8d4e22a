use crate::ui::state::use_app_state;
use leptos::prelude::*;

/// A button that switches between French and English. It shows the name of
/// the language it switches to, in that language, with `lang` set on it.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let state = use_app_state();
    view! {
        <button
            type="button"
            class="lang-switch"
            lang=move || state.lang.get().other().code()
            aria-label=move || state.t().lang_switch_label
            on:click=move |_| state.lang.update(|l| *l = l.other())
        >
            {move || state.t().lang_switch}
        </button>
    }
}
