use crate::components::status_bar::net_indicator;
use crate::ui::doc_view::DocView;
use crate::ui::lang_switch::LangSwitch;
use crate::ui::pwa::use_pwa_status;
use crate::ui::state::use_app_state;
use leptos::prelude::*;
use leptos_router::components::A;

/// The top bar: app name, connection indicator, language switch, main
/// navigation (the current page marked with `aria-current`). The navigation wraps on narrow screens
/// instead of scrolling sideways.
#[component]
pub fn Header() -> impl IntoView {
    let state = use_app_state();
    let t = move || state.t();
    let status = use_pwa_status();
    let net = Signal::derive(move || net_indicator(state.lang.get(), status.with(|s| s.online)));
    view! {
        <header class="top">
            <div class="brand-row">
                <A href="/" attr:class="brand">{move || t().app_name}</A>
                <div class="tools">
                    <DocView doc=net/>
                    <LangSwitch/>
                </div>
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
