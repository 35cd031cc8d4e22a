//! `/journal/new`: the activity form, a Leptos component with fine-grained
//! bindings: each field is bound to one field of the [`Draft`] signal, so a
//! keystroke updates that field alone and never redraws what is under the
//! keyboard (typing, selection, input-method composition and open lists are
//! kept). Every decision is pure ([`crate::journal::form`]): defaults,
//! validation, the record made. The draft is saved as the user types
//! (debounced), so a reload, a crash or a closed tab brings it back.
//!
//! Query: `?draft=<id>` continues a draft, `?edit=<id>` edits a queued or
//! refused record, `?correct=<id>` starts a correction of a sent record.

use crate::i18n::Texts;
use crate::journal::check::{Field, FieldError, MAX_DESCRIPTION};
use crate::journal::form::{self, correction_of, edit_of, new_draft, Draft};
use crate::journal::record::ActivityType;
use crate::journal::state::Stored;
use crate::pages::journal_record::type_label;
use crate::storage::StoreError;
use crate::ui::journal_store::{self, use_journal, Journal};
use crate::ui::state::use_app_state;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::time::Duration;

/// How long typing pauses before the draft is saved.
const AUTOSAVE_MS: u64 = 400;

type FieldGet = fn(&Draft) -> &String;
type FieldSet = fn(&mut Draft) -> &mut String;

/// Where the form starts from.
fn start(j: Journal, query: &leptos_router::params::ParamsMap, cso: &str, ds: &crate::model::Dataset) -> Option<Draft> {
    let now = journal_store::now();
    if let Some(id) = query.get("draft") {
        return j.drafts.with_untracked(|ds| ds.iter().find(|d| d.id == id).cloned());
    }
    if let Some(id) = query.get("edit") {
        // A draft of this edit already saved (a reload while editing)?
        if let Some(d) = j.drafts.with_untracked(|ds| ds.iter().find(|d| d.id == id).cloned()) {
            return Some(d);
        }
        let s = j.records.with_untracked(|rs| rs.iter().find(|r| r.record.id == id).cloned())?;
        return s.edit_revision().map(|rev| edit_of(&s.record, rev));
    }
    if let Some(id) = query.get("correct") {
        let s = j.records.with_untracked(|rs| rs.iter().find(|r| r.record.id == id).cloned())?;
        return s.state.can_correct().then(|| correction_of(&s.record, journal_store::new_id(), &now));
    }
    Some(new_draft(journal_store::new_id(), &now, journal_store::today(), ds, cso))
}

#[component]
pub fn ActivityForm() -> impl IntoView {
    let state = use_app_state();
    let j = use_journal();
    let query = use_query_map();
    let draft = RwSignal::new(None::<Draft>);
    // Once the journal and the data are read: the draft to edit.
    Effect::new(move |_| {
        if draft.with_untracked(Option::is_some) || !j.loaded.get() || state.dataset.with(Option::is_none) {
            return;
        }
        let cso = j.active_profile().map(|p| p.cso).unwrap_or_default();
        let d = state.dataset.with_untracked(|ds| ds.as_deref().and_then(|ds| query.with_untracked(|q| start(j, q, &cso, ds))));
        draft.set(Some(d.unwrap_or_default()));
    });
    move || match draft.get().filter(|d| !d.id.is_empty()) {
        Some(d) => view! { <FormBody initial=d/> }.into_any(),
        None if draft.with(Option::is_some) => {
            view! { <section class="page"><h1>{move || state.t().journal_not_found}</h1></section> }.into_any()
        }
        None => view! { <section class="page"><p class="skeleton">{move || state.t().loading}</p></section> }.into_any(),
    }
}

#[component]
fn FormBody(initial: Draft) -> impl IntoView {
    let state = use_app_state();
    let j = use_journal();
    let navigate = use_navigate();
    let draft = RwSignal::new(initial.clone());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let tried = RwSignal::new(false);
    let saved_at = RwSignal::new(None::<String>);
    let store_error = RwSignal::new(None::<StoreError>);
    let busy = RwSignal::new(false);
    let geo_error = RwSignal::new(false);

    // Autosave, debounced; only once the draft differs from where it started.
    let generation = StoredValue::new(0u32);
    Effect::new(move |_| {
        let d = draft.get();
        if d == initial {
            return;
        }
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_timeout(
            move || {
                if generation.get_value() != mine || busy.get_untracked() {
                    return;
                }
                let d = Draft { updated_at: journal_store::now(), ..draft.get_untracked() };
                spawn_local(async move {
                    match journal_store::save_draft(j, d).await {
                        Ok(()) => {
                            saved_at.set(Some(journal_store::now()));
                            store_error.set(None);
                        }
                        Err(e) => store_error.set(Some(e)),
                    }
                });
            },
            Duration::from_millis(AUTOSAVE_MS),
        );
    });

    let validate = move || -> Result<crate::journal::Activity, Vec<FieldError>> {
        let profile = j.active_profile();
        let author = profile.map(|p| p.author()).unwrap_or_default();
        let device = journal_store::device_id();
        let (now, offset) = (journal_store::now(), journal_store::utc_offset());
        let d = draft.get_untracked();
        state.dataset.with_untracked(|ds| {
            let ds = ds.as_deref().expect("the form opens once the data is there");
            let cx = form::Context { ds, today: journal_store::today(), now: &now, utc_offset: &offset, author: &author, device_id: &device };
            let mut result = form::validate(&d, &cx);
            if author.name.is_empty() {
                let e = FieldError::new(Field::Record, crate::i18n::msg!(j_err_profile));
                result = Err(match result {
                    Ok(_) => vec![e],
                    Err(mut es) => {
                        es.insert(0, e);
                        es
                    }
                });
            }
            result
        })
    };
    // After a first try, errors follow the typing.
    Effect::new(move |_| {
        draft.track();
        if tried.get_untracked() {
            errors.set(validate().err().unwrap_or_default());
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        tried.set(true);
        match validate() {
            Err(es) => {
                errors.set(es);
                request_animation_frame(|| focus("form-errors"));
            }
            Ok(record) => {
                errors.set(Vec::new());
                let existing = j.records.with_untracked(|rs| rs.iter().find(|r| r.record.id == record.id).cloned());
                let stored = match existing {
                    Some(s) => match s.apply_edit(record) {
                        Some(s) => s,
                        None => return store_error.set(Some(StoreError::Backend("not editable".into()))),
                    },
                    None => Stored::queued(record),
                };
                let id = stored.record.id.clone();
                busy.set(true);
                let navigate = navigate.clone();
                spawn_local(async move {
                    let result = journal_store::save_record(j, stored).await;
                    busy.set(false);
                    match result {
                        Ok(()) => navigate(&format!("/journal/{id}"), Default::default()),
                        Err(e) => store_error.set(Some(e)),
                    }
                });
            }
        }
    };
    let discard = move |_| {
        if !window().confirm_with_message(state.t().journal_discard_confirm).unwrap_or(false) {
            return;
        }
        let id = draft.with_untracked(|d| d.id.clone());
        let navigate = use_navigate();
        busy.set(true);
        spawn_local(async move {
            let result = journal_store::delete(j, vec![format!("{}{id}", journal_store::DRAFTS)]).await;
            busy.set(false);
            match result {
                Ok(()) => navigate("/journal", Default::default()),
                Err(e) => store_error.set(Some(e)),
            }
        });
    };

    // Lists from the data.
    let cso = move || j.active_profile().map(|p| p.cso).unwrap_or_default();
    let projects = Memo::new(move |_| {
        let cso = cso();
        state.dataset.with(|ds| {
            ds.as_deref()
                .map(|ds| form::projects_for(ds, &cso).into_iter().map(|p| (p.id.clone(), p.title.get(state.lang.get()).to_string())).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let project = Memo::new(move |_| draft.with(|d| d.project.clone()));
    let region = Memo::new(move |_| draft.with(|d| d.region.clone()));
    let regions = Memo::new(move |_| {
        let p = project.get();
        state.dataset.with(|ds| {
            ds.as_deref().map(|ds| form::regions_for(ds, &p).into_iter().map(|r| (r.id.clone(), r.name.clone())).collect::<Vec<_>>()).unwrap_or_default()
        })
    });
    let cercles = Memo::new(move |_| {
        let r = region.get();
        state.dataset.with(|ds| {
            ds.as_deref()
                .and_then(|ds| ds.region(&r))
                .map(|r| r.cercles.iter().map(|c| (c.id.clone(), c.name.clone())).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let indicators = Memo::new(move |_| {
        let p = project.get();
        let lang = state.lang.get();
        state.dataset.with(|ds| {
            let Some(ds) = ds.as_deref() else { return Vec::new() };
            ds.project(&p)
                .map(|p| {
                    p.results
                        .iter()
                        .map(|r| (r.indicator.clone(), ds.indicator(&r.indicator).map_or(r.indicator.clone(), |i| i.label.get(lang).to_string())))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // A project with one region chooses it; a region the project does not have is cleared.
    Effect::new(move |_| {
        let rs = regions.get();
        let r = draft.with_untracked(|d| d.region.clone());
        if !r.is_empty() && !rs.iter().any(|(id, _)| *id == r) {
            draft.update(|d| {
                d.region.clear();
                d.cercle.clear();
            });
        }
        if let [(only, _)] = rs.as_slice() {
            if draft.with_untracked(|d| d.region.is_empty() && !d.project.is_empty()) {
                draft.update(|d| d.region = only.clone());
            }
        }
    });

    let field_errors = move |f: Field| {
        move || {
            let lang = state.lang.get();
            errors.with(|es| {
                es.iter()
                    .filter(|e| e.field == f)
                    .map(|e| view! { <p class="field-error">{e.message(lang)}</p> })
                    .collect_view()
            })
        }
    };
    let invalid = move |f: Field| move || errors.with(|es| es.iter().any(|e| e.field == f)).then_some("true");
    let text = move |f: Field, label: fn(&Texts) -> &'static str, get: FieldGet, set: FieldSet, kind: &'static str, mode: &'static str| {
        let value = Memo::new(move |_| draft.with(|d| get(d).clone()));
        let id = f.id();
        view! {
            <div class="field">
                <label for=id>{move || label(state.t())}</label>
                <input id=id type=kind inputmode=mode aria-invalid=invalid(f) aria-describedby=format!("{id}-error")
                    prop:value=move || value.get()
                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| *set(d) = v); }/>
                <div id=format!("{id}-error")>{field_errors(f)}</div>
            </div>
        }
    };
    let select = move |f: Field, label: fn(&Texts) -> &'static str, get: FieldGet, set: FieldSet, options: Signal<Vec<(String, String)>>, none: fn(&Texts) -> &'static str| {
        let value = Memo::new(move |_| draft.with(|d| get(d).clone()));
        let id = f.id();
        view! {
            <div class="field">
                <label for=id>{move || label(state.t())}</label>
                <select id=id aria-invalid=invalid(f) aria-describedby=format!("{id}-error")
                    prop:value=move || value.get()
                    on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| *set(d) = v); }>
                    <option value="">{move || none(state.t())}</option>
                    {move || options.get().into_iter().map(|(v, l)| {
                        let selected = value.get_untracked() == v;
                        view! { <option value=v.clone() selected=selected>{l}</option> }
                    }).collect_view()}
                </select>
                <div id=format!("{id}-error")>{field_errors(f)}</div>
            </div>
        }
    };
    let types = Signal::derive(move || {
        let t = state.t();
        ActivityType::ALL.iter().map(|k| (k.code().to_string(), type_label(t, *k).to_string())).collect::<Vec<_>>()
    });
    let is_other = Memo::new(move |_| draft.with(|d| d.activity_type == "other"));
    let description_len = Memo::new(move |_| draft.with(|d| d.description.chars().count()));
    let count_class = move || if description_len.get() > MAX_DESCRIPTION { "count over" } else { "count" };
    let total = Memo::new(move |_| form::participants(&draft.get()).0.total);
    let position = Memo::new(move |_| draft.with(|d| d.position));

    let locate = move |_| {
        spawn_local(async move {
            match crate::ui::data::locate().await {
                Some(p) => {
                    geo_error.set(false);
                    draft.update(|d| d.position = Some(p));
                }
                None => geo_error.set(true),
            }
        })
    };

    let profile_missing = move || j.profiles.with(Vec::is_empty) || j.active_profile().is_none();
    view! {
        <section class="page activity-form">
            <h1>{move || state.t().journal_new_title}</h1>
            <Show when=profile_missing>
                <p class="msg warn">{move || state.t().journal_profile_needed}" "<a href="/settings#profiles">{move || state.t().journal_profile_link}</a></p>
            </Show>
            <div id="form-errors" tabindex="-1" role="alert">
                <Show when=move || errors.with(|e| !e.is_empty())>
                    <div class="msg error">
                        <p>{move || { let n = errors.with(Vec::len); state.lang.get().plural(n, state.t().journal_errors_one, state.t().journal_errors_many) }}</p>
                        <ul>{move || { let lang = state.lang.get(); errors.get().into_iter().map(|e| {
                            let href = format!("#{}", e.field.id());
                            view! { <li><a href=href>{e.message(lang)}</a></li> }
                        }).collect_view() }}</ul>
                    </div>
                </Show>
            </div>
            <form class="journal-form" novalidate on:submit=on_submit>
                <fieldset>
                    <legend>{move || state.t().journal_where}</legend>
                    {select(Field::Project, |t| t.journal_project, |d| &d.project, |d| &mut d.project, projects.into(), |t| t.journal_choose)}
                    {select(Field::Region, |t| t.journal_region, |d| &d.region, |d| &mut d.region, regions.into(), |t| t.journal_choose)}
                    {select(Field::Cercle, |t| t.journal_cercle, |d| &d.cercle, |d| &mut d.cercle, cercles.into(), |t| t.journal_optional)}
                    {text(Field::Locality, |t| t.journal_locality, |d| &d.locality, |d| &mut d.locality, "text", "text")}
                </fieldset>
                <fieldset>
                    <legend>{move || state.t().journal_when}</legend>
                    {text(Field::Date, |t| t.journal_date, |d| &d.date, |d| &mut d.date, "date", "numeric")}
                    <div class="row2">
                        {text(Field::StartTime, |t| t.journal_start_time, |d| &d.start_time, |d| &mut d.start_time, "time", "numeric")}
                        {text(Field::Duration, |t| t.journal_duration, |d| &d.duration_min, |d| &mut d.duration_min, "text", "numeric")}
                    </div>
                </fieldset>
                <fieldset>
                    <legend>{move || state.t().journal_what}</legend>
                    {select(Field::ActivityType, |t| t.journal_type, |d| &d.activity_type, |d| &mut d.activity_type, types, |t| t.journal_choose)}
                    <Show when=move || is_other.get()>
                        {text(Field::ActivityTypeOther, |t| t.journal_type_other, |d| &d.activity_type_other, |d| &mut d.activity_type_other, "text", "text")}
                    </Show>
                    {text(Field::Title, |t| t.journal_title_label, |d| &d.title, |d| &mut d.title, "text", "text")}
                    <div class="field">
                        <label for="description">{move || state.t().journal_description}</label>
                        <textarea id="description" rows="5" aria-invalid=invalid(Field::Description) aria-describedby="description-count description-error"
                            prop:value=move || draft.with(|d| d.description.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.description = v); }></textarea>
                        <small id="description-count" class=count_class>
                            {move || format!("{} / {MAX_DESCRIPTION}", description_len.get())}
                        </small>
                        <div id="description-error">{field_errors(Field::Description)}</div>
                    </div>
                    <fieldset class="indicators" id="indicators">
                        <legend>{move || state.t().journal_indicators}</legend>
                        {move || indicators.get().into_iter().map(|(id, label)| {
                            let key = id.clone();
                            let checked = draft.with_untracked(|d| d.indicators.contains(&id));
                            view! {
                                <label class="check">
                                    <input type="checkbox" checked=checked on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        draft.update(|d| { d.indicators.retain(|i| *i != key); if on { d.indicators.push(key.clone()); } });
                                    }/>
                                    " "{label}
                                </label>
                            }
                        }).collect_view()}
                        <div>{field_errors(Field::Indicators)}</div>
                    </fieldset>
                </fieldset>
                <fieldset>
                    <legend>{move || state.t().journal_who}</legend>
                    <div class="row2">
                        {text(Field::Women, |t| t.journal_women, |d| &d.women, |d| &mut d.women, "text", "numeric")}
                        {text(Field::Men, |t| t.journal_men, |d| &d.men, |d| &mut d.men, "text", "numeric")}
                        {text(Field::YoungWomen, |t| t.journal_young_women, |d| &d.young_women, |d| &mut d.young_women, "text", "numeric")}
                        {text(Field::YoungMen, |t| t.journal_young_men, |d| &d.young_men, |d| &mut d.young_men, "text", "numeric")}
                        {text(Field::Disabled, |t| t.journal_disabled, |d| &d.disabled, |d| &mut d.disabled, "text", "numeric")}
                    </div>
                    <p id="total" class="total" aria-live="polite">{move || state.t().journal_total}" "<strong>{move || total.get()}</strong></p>
                    <div>{field_errors(Field::Total)}</div>
                </fieldset>
                <fieldset id="position">
                    <legend>{move || state.t().journal_position}</legend>
                    {move || match position.get() {
                        Some(p) => view! {
                            <p>{format!("{:.5}, {:.5} (± {} m)", p.lat, p.lon, p.accuracy_m.round())}" "
                                <button type="button" class="secondary" on:click=move |_| draft.update(|d| d.position = None)>{move || state.t().journal_position_remove}</button></p>
                        }.into_any(),
                        None => view! {
                            <p><button type="button" class="secondary" on:click=locate>{move || state.t().journal_position_add}</button></p>
                        }.into_any(),
                    }}
                    <Show when=move || geo_error.get()>
                        <p class="field-error" role="alert">{move || state.t().journal_err_position}</p>
                    </Show>
                </fieldset>
                <p class="autosave" role="status">{move || saved_at.get().map(|at| format!("{} {}", state.t().journal_draft_saved, at.get(11..16).unwrap_or("")))}</p>
                <Show when=move || store_error.with(Option::is_some)>
                    <p class="msg error" role="alert">{move || store_error.with(|e| match e {
                        Some(StoreError::QuotaExceeded) => state.t().journal_err_quota,
                        _ => state.t().journal_err_store,
                    })}</p>
                </Show>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || busy.get()>{move || state.t().journal_save}</button>
                    <button type="button" class="secondary" on:click=discard disabled=move || busy.get()>{move || state.t().journal_discard}</button>
                </div>
            </form>
        </section>
    }
}

fn focus(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        let _ = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&el).focus();
    }
}
