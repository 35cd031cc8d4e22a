use crate::pages::{about, logframe, not_found, organisation, organisations, project, region, regions};
use crate::ui::header::Header;
use crate::ui::home::Home;
use crate::ui::projects::Projects;
use crate::ui::route::{page, record};
use crate::ui::state::provide_app_state;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

fn not_found_page(cx: &crate::pages::Ctx) -> crate::doc::Node {
    not_found::page(cx, cx.t().not_found_title)
}

/// The whole app: state, header, routes.
#[component]
pub fn App() -> impl IntoView {
    let state = provide_app_state();
    // The static first paint in index.html is replaced by the app.
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    view! {
        <Router>
            <a class="skip" href="#main">{move || state.t().skip_to_content}</a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| page(not_found_page)>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/projects") view=Projects/>
                    <Route path=path!("/projects/:id") view=|| record(project::page)/>
                    <Route path=path!("/organisations") view=|| page(organisations::page)/>
                    <Route path=path!("/organisations/:id") view=|| record(organisation::page)/>
                    <Route path=path!("/regions") view=|| page(regions::page)/>
                    <Route path=path!("/regions/:id") view=|| record(region::page)/>
                    <Route path=path!("/logframe") view=|| page(logframe::page)/>
                    <Route path=path!("/about") view=|| page(about::page)/>
                </Routes>
            </main>
        </Router>
    }
}
