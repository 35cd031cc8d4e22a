use crate::components::header::Header;
use crate::pages::{
    about::About, home::Home, logframe::Logframe, not_found::NotFound,
    organisation::Organisation, organisations::Organisations, project::Project,
    projects::Projects, region::Region, regions::Regions,
};
use crate::state::provide_app_state;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

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
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/projects") view=Projects/>
                    <Route path=path!("/projects/:id") view=Project/>
                    <Route path=path!("/organisations") view=Organisations/>
                    <Route path=path!("/organisations/:id") view=Organisation/>
                    <Route path=path!("/regions") view=Regions/>
                    <Route path=path!("/regions/:id") view=Region/>
                    <Route path=path!("/logframe") view=Logframe/>
                    <Route path=path!("/about") view=About/>
                </Routes>
            </main>
        </Router>
    }
}
