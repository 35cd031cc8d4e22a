//! Settings › Profils: the people who log activities on this (shared)
//! phone. Each has a name, a CSO from the programme data and an optional
//! phone number; the active one signs every record, and the journal
//! switches it in one tap. Kept in localStorage (small, read at start).

use crate::ui::journal_store::{journal_profile_id, save_profiles, use_journal, Profile};
use crate::ui::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn Profiles() -> impl IntoView {
    let state = use_app_state();
    let j = use_journal();
    let name = RwSignal::new(String::new());
    let cso = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    let csos = move || {
        state.dataset.with(|ds| {
            ds.as_deref()
                .map(|ds| ds.organisations.iter().map(|o| (o.id.clone(), o.name.clone())).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = state.t();
        let (n, c) = (name.get_untracked().trim().to_string(), cso.get_untracked());
        if n.is_empty() || c.is_empty() {
            error.set(Some(t.profile_err_required));
            return;
        }
        let p = Profile { id: journal_profile_id(), name: n, cso: c, phone: phone.get_untracked().trim().to_string() };
        let mut all = j.profiles.get_untracked();
        let id = p.id.clone();
        all.push(p);
        match save_profiles(j, all, Some(id)) {
            Ok(()) => {
                error.set(None);
                name.set(String::new());
                phone.set(String::new());
            }
            Err(_) => error.set(Some(t.journal_err_store)),
        }
    };
    view! {
        <section id="profiles" class="page profiles-settings" aria-labelledby="profiles-title">
            <h2 id="profiles-title">{move || state.t().profiles_title}</h2>
            <p>{move || state.t().profiles_intro}</p>
            <ul class="profile-list">
                {move || {
                    let active = j.active.get();
                    j.profiles.get().into_iter().map(|p| {
                        let on = active.as_deref() == Some(p.id.as_str());
                        let (id, id2) = (p.id.clone(), p.id.clone());
                        let org = state.dataset.with_untracked(|ds| ds.as_deref().and_then(|ds| ds.organisation(&p.cso)).map_or(p.cso.clone(), |o| o.name.clone()));
                        view! {
                            <li>
                                <strong>{p.name.clone()}</strong>" — "{org}{(!p.phone.is_empty()).then(|| format!(" — {}", p.phone))}
                                <div class="actions">
                                    <button type="button" class="chip" aria-pressed=on.to_string() on:click=move |_| {
                                        let _ = save_profiles(j, j.profiles.get_untracked(), Some(id.clone()));
                                    }>{move || if on { state.t().profile_active } else { state.t().profile_activate }}</button>
                                    <button type="button" class="secondary" on:click=move |_| {
                                        if !window().confirm_with_message(state.t().profile_delete_confirm).unwrap_or(false) { return; }
                                        let rest: Vec<Profile> = j.profiles.get_untracked().into_iter().filter(|p| p.id != id2).collect();
                                        let active = j.active.get_untracked().filter(|a| *a != id2).or_else(|| rest.first().map(|p| p.id.clone()));
                                        let _ = save_profiles(j, rest, active);
                                    }>{move || state.t().journal_delete}</button>
                                </div>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
            <form class="profile-form" on:submit=add novalidate>
                <h3>{move || state.t().profile_add_title}</h3>
                <div class="field">
                    <label for="profile-name">{move || state.t().profile_name}</label>
                    <input id="profile-name" type="text" autocomplete="name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="profile-cso">{move || state.t().profile_cso}</label>
                    <select id="profile-cso" prop:value=move || cso.get() on:change=move |ev| cso.set(event_target_value(&ev))>
                        <option value="">{move || state.t().journal_choose}</option>
                        {move || csos().into_iter().map(|(id, n)| view! { <option value=id>{n}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="profile-phone">{move || state.t().profile_phone}</label>
                    <input id="profile-phone" type="tel" autocomplete="tel" prop:value=move || phone.get() on:input=move |ev| phone.set(event_target_value(&ev))/>
                </div>
                <p class="field-error" role="alert">{move || error.get()}</p>
                <button type="submit" class="primary">{move || state.t().profile_add}</button>
            </form>
        </section>
    }
}
