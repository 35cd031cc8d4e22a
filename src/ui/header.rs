use crate::ui::lang_switch::LangSwitch;
use crate::ui::state::use_app_state;
use leptos::prelude::*;
use leptos_router::components::A;

/// The top bar: app name, main navigation (the current page marked with
/// `aria-current`), language switch. The navigation wraps on narrow screens
/// instead of scrolling sideways.
#[component]
pub fn Header() -> impl IntoView {
    let state = use_app_state();
    let t = move || state.t();
    view! {
        <header class="top">
            <div class="brand-row">
                <A href="/" attr:class="brand">{move || t().app_name}</A>
                <LangSwitch/>
            </div>
            <nav aria-label=move || t().nav_label>
                <A href="/" exact=true>{move || t().nav_home}</A>
                <A href="/projects">{move || t().nav_projects}</A>
                <A href="/organisations">{move || t().nav_organisations}</A>
                <A href="/regions">{move || t().nav_regions}</A>
                <A href="/logframe">{move || t().nav_logframe}</A>
                <A href="/about">{move || t().nav_about}</A>
            </nav>
        </header>
    }
}
