//! `/journal`: drafts and records with status chips and counts, filters by
//! status, project and date (kept in the URL), newest first, fifty rows a
//! page (5,000 records draw fast); the active profile in one tap; export
//! (JSON, CSV), share and import; « effacer les envoyés de plus de N
//! jours »; the « Problèmes de stockage » panel. The list is decided by
//! [`crate::journal::list`] (pure); this wires it.

use crate::journal::export::{plan_import, to_csv, to_json, ImportError};
use crate::journal::list::{listing, Filter, Row};
use crate::journal::state::{sent_older_than, Status, Stored};
use crate::pages::journal_record::status_label;
use crate::ui::data;
use crate::ui::journal_store::{self, save_profiles, use_journal, RECORDS};
use crate::ui::state::use_app_state;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

/// What the last import did.
#[derive(Clone, Debug, PartialEq, Default)]
struct Imported {
    new: usize,
    same: usize,
    /// (id, title in the file, title here)
    conflicts: Vec<(String, String, String)>,
    invalid: Vec<(usize, String)>,
    /// The file could not be read at all.
    unreadable: bool,
    failed: bool,
}

#[component]
pub fn JournalPage() -> impl IntoView {
    let state = use_app_state();
    let j = use_journal();
    let location = use_location();
    let navigate = use_navigate();
    let filter = Memo::new(move |_| Filter::from_query(&location.search.get()));
    let go = move |f: Filter| {
        navigate(&format!("/journal{}", f.to_query()), NavigateOptions { replace: true, scroll: false, ..Default::default() });
    };
    let rows = Memo::new(move |_| {
        let mut rows: Vec<Row> = j.drafts.with(|ds| ds.iter().map(Row::of_draft).collect());
        j.records.with(|rs| rows.extend(rs.iter().map(Row::of_record)));
        rows
    });
    let list = Memo::new(move |_| listing(rows.get(), &filter.get()));
    let imported = RwSignal::new(None::<Imported>);
    let purge_days = RwSignal::new(30u32);
    let busy = RwSignal::new(false);

    // The records of the current filter (every page), for export.
    let filtered = move || -> Vec<Stored> {
        let f = filter.get_untracked();
        j.records.with_untracked(|rs| rs.iter().filter(|s| f.keeps(&Row::of_record(s))).cloned().collect())
    };
    let stamp = || journal_store::now().get(..10).unwrap_or("").to_string();
    let export_json = move |share: bool| {
        let records = filtered();
        let refs: Vec<_> = records.iter().map(|s| &s.record).collect();
        let name = format!("paix-journal-{}.json", stamp());
        data::share_file(&name, &to_json(&refs), "application/json", share);
    };
    let export_csv = move |share: bool| {
        let records = filtered();
        let refs: Vec<_> = records.iter().map(|s| &s.record).collect();
        let name = format!("paix-journal-{}.csv", stamp());
        data::share_file(&name, &to_csv(&refs), "text/csv", share);
    };
    let on_import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        busy.set(true);
        spawn_local(async move {
            let chosen = data::read_file(&input).await;
            input.set_value("");
            let mut out = Imported::default();
            match chosen.and_then(|c| c.text) {
                None => out.unreadable = true,
                Some(text) => {
                    let local = |id: &str| j.records.with_untracked(|rs| rs.iter().find(|s| s.record.id == id).map(|s| s.record.clone()));
                    match plan_import(&text, local) {
                        Err(ImportError::Syntax(_)) | Err(ImportError::NotRecords) => out.unreadable = true,
                        Ok(plan) => {
                            out.same = plan.same;
                            out.invalid = plan.invalid;
                            out.conflicts = plan
                                .conflicts
                                .iter()
                                .map(|c| (c.id.clone(), c.title.clone(), local(&c.id).map(|l| l.title).unwrap_or_default()))
                                .collect();
                            out.new = plan.new.len();
                            let new: Vec<Stored> = plan.new.into_iter().map(Stored::queued).collect();
                            if !new.is_empty() && journal_store::add_records(j, new).await.is_err() {
                                out.failed = true;
                                out.new = 0;
                            }
                        }
                    }
                }
            }
            imported.set(Some(out));
            busy.set(false);
        });
    };
    let purge = move |_| {
        let days = purge_days.get_untracked();
        let ids = j.records.with_untracked(|rs| sent_older_than(rs, &journal_store::now(), days));
        if ids.is_empty() {
            return;
        }
        let ask = crate::i18n::fill(state.t().journal_purge_confirm, &[("n", &ids.len()), ("days", &days)]);
        if !window().confirm_with_message(&ask).unwrap_or(false) {
            return;
        }
        spawn_local(async move {
            let _ = journal_store::delete(j, ids.into_iter().map(|id| format!("{RECORDS}{id}")).collect()).await;
        });
    };

    let chip = {
        let go = go.clone();
        move |s: Option<Status>| {
        let label = move || {
            let t = state.t();
            let n = list.with(|l| match s {
                Some(s) => l.counts[s as usize],
                None => l.counts.iter().sum(),
            });
            format!("{} ({n})", s.map_or(t.journal_all, |s| status_label(t, s)))
        };
        let go = go.clone();
        view! {
            <li><button type="button" class=format!("chip {}", s.map_or("all", |s| s.code()))
                aria-pressed=move || (filter.with(|f| f.status) == s).to_string()
                on:click=move |_| go(Filter { status: s, page: 0, ..filter.get_untracked() })>{label}</button></li>
        }
        }
    };
    let projects = move || {
        let lang = state.lang.get();
        state.dataset.with(|ds| ds.as_deref().map(|ds| ds.projects.iter().map(|p| (p.id.clone(), p.title.get(lang).to_string())).collect::<Vec<_>>()).unwrap_or_default())
    };
    let set_project = {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            go(Filter { project: Some(v).filter(|v| !v.is_empty()), page: 0, ..filter.get_untracked() })
        }
    };
    let set_from = {
        let go = go.clone();
        move |ev: leptos::ev::Event| go(Filter { from: crate::model::date::parse(&event_target_value(&ev)), page: 0, ..filter.get_untracked() })
    };
    let set_to = {
        let go = go.clone();
        move |ev: leptos::ev::Event| go(Filter { to: crate::model::date::parse(&event_target_value(&ev)), page: 0, ..filter.get_untracked() })
    };
    let page_to = {
        let go = go.clone();
        move |delta: isize| {
            let f = filter.get_untracked();
            let page = (list.with_untracked(|l| l.page) as isize + delta).max(0) as usize;
            go(Filter { page, ..f })
        }
    };
    let page_prev = {
        let p = page_to.clone();
        move |_| p(-1)
    };
    let page_next = move |_| page_to(1);
    let project_name = move |id: &str| {
        let lang = state.lang.get_untracked();
        state.dataset.with_untracked(|ds| ds.as_deref().and_then(|ds| ds.project(id)).map_or(id.to_string(), |p| p.title.get(lang).to_string()))
    };

    view! {
        <section class="page journal">
            <h1>{move || state.t().journal_title}</h1>
            <p><a class="button primary" href="/journal/new">{move || state.t().journal_new}</a></p>
            <div class="profiles" role="group" aria-label=move || state.t().journal_profile_label>
                {move || {
                    let active = j.active.get();
                    let ps = j.profiles.get();
                    if ps.is_empty() {
                        return view! { <p><a href="/settings#profiles">{move || state.t().journal_profile_link}</a></p> }.into_any();
                    }
                    ps.into_iter().map(|p| {
                        let id = p.id.clone();
                        let on = active.as_deref() == Some(id.as_str());
                        view! {
                            <button type="button" class="chip" aria-pressed=on.to_string() on:click=move |_| {
                                let _ = save_profiles(j, j.profiles.get_untracked(), Some(id.clone()));
                            }>{p.name.clone()}</button>
                        }
                    }).collect_view().into_any()
                }}
            </div>
            <ul class="chips" aria-label=move || state.t().journal_status_filter>
                {chip(None)}{chip(Some(Status::Draft))}{chip(Some(Status::Queued))}{chip(Some(Status::Sent))}{chip(Some(Status::Refused))}
            </ul>
            <div class="filters journal-filters">
                <div class="field">
                    <label for="j-project">{move || state.t().journal_project}</label>
                    <select id="j-project" on:change=set_project prop:value=move || filter.with(|f| f.project.clone().unwrap_or_default())>
                        <option value="">{move || state.t().journal_all_projects}</option>
                        {move || { let sel = filter.with_untracked(|f| f.project.clone()); projects().into_iter().map(|(id, title)| {
                            let s = sel.as_deref() == Some(id.as_str());
                            view! { <option value=id selected=s>{title}</option> }
                        }).collect_view() }}
                    </select>
                </div>
                <div class="row2">
                    <div class="field">
                        <label for="j-from">{move || state.t().journal_from}</label>
                        <input id="j-from" type="date" on:change=set_from prop:value=move || filter.with(|f| f.from.map(crate::model::date::format).unwrap_or_default())/>
                    </div>
                    <div class="field">
                        <label for="j-to">{move || state.t().journal_to}</label>
                        <input id="j-to" type="date" on:change=set_to prop:value=move || filter.with(|f| f.to.map(crate::model::date::format).unwrap_or_default())/>
                    </div>
                </div>
            </div>
            <p class="found" role="status">{move || {
                let n = list.with(|l| l.matching);
                state.lang.get().plural(n, state.t().journal_found_one, state.t().journal_found_many)
            }}</p>
            <ol class="journal-list">
                {move || list.with(|l| l.rows.clone()).into_iter().map(|r| {
                    let href = format!("/journal/{}", r.id);
                    let t = state.t();
                    let title = if r.title.is_empty() { t.journal_untitled.to_string() } else { r.title.clone() };
                    let when = r.date.map(|d| crate::i18n::format::date(state.lang.get_untracked(), d)).unwrap_or_default();
                    view! {
                        <li class="journal-row">
                            <a href=href>
                                <span class=format!("status {}", r.status.code())>{status_label(t, r.status)}</span>
                                <strong>{title}</strong>
                                <small>{when}" · "{project_name(&r.project)}</small>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <Show when=move || list.with(|l| l.pages > 1)>
                <nav class="pager" aria-label=move || state.t().journal_pages>
                    <button type="button" class="secondary" on:click=page_prev.clone() disabled=move || list.with(|l| l.page == 0)>{move || state.t().journal_prev}</button>
                    <span>{move || list.with(|l| format!("{} / {}", l.page + 1, l.pages))}</span>
                    <button type="button" class="secondary" on:click=page_next.clone() disabled=move || list.with(|l| l.page + 1 >= l.pages)>{move || state.t().journal_next}</button>
                </nav>
            </Show>

            <h2 id="export">{move || state.t().journal_export_title}</h2>
            <p class="small">{move || state.t().journal_export_hint}</p>
            <div class="actions">
                <button type="button" id="export-json" class="secondary" on:click=move |_| export_json(false)>{move || state.t().journal_export_json}</button>
                <button type="button" id="export-csv" class="secondary" on:click=move |_| export_csv(false)>{move || state.t().journal_export_csv}</button>
                <button type="button" id="share-json" class="secondary" on:click=move |_| export_json(true)>{move || state.t().journal_share}</button>
            </div>
            <div class="field">
                <label for="journal-import">{move || state.t().journal_import}</label>
                <input id="journal-import" type="file" accept="application/json,.json" on:change=on_import disabled=move || busy.get()/>
            </div>
            <div id="import-result" role="status">
                {move || imported.get().map(|r| {
                    let t = state.t();
                    if r.unreadable {
                        return view! { <p class="msg error">{t.journal_import_unreadable}</p> }.into_any();
                    }
                    if r.failed {
                        return view! { <p class="msg error">{t.journal_err_store}</p> }.into_any();
                    }
                    let summary = crate::i18n::fill(t.journal_import_done, &[("new", &r.new), ("same", &r.same), ("conflicts", &r.conflicts.len()), ("invalid", &r.invalid.len())]);
                    view! {
                        <div class="msg ok">
                            <p>{summary}</p>
                            <Show when={let n = r.conflicts.len(); move || n > 0}>
                                <p>{t.journal_import_conflicts}</p>
                            </Show>
                            <ul class="conflicts">{r.conflicts.iter().map(|(id, theirs, ours)| view! {
                                <li><a href=format!("/journal/{id}")>{ours.clone()}</a>" ← "{theirs.clone()}</li>
                            }).collect_view()}</ul>
                            <ul class="problems">{r.invalid.iter().map(|(i, why)| view! { <li>{format!("#{} — {why}", i + 1)}</li> }).collect_view()}</ul>
                        </div>
                    }.into_any()
                })}
            </div>

            <h2>{move || state.t().journal_purge_title}</h2>
            <div class="row2 purge">
                <div class="field">
                    <label for="purge-days">{move || state.t().journal_purge_days}</label>
                    <input id="purge-days" type="text" inputmode="numeric" prop:value=move || purge_days.get().to_string()
                        on:input=move |ev| { if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() { purge_days.set(n) } }/>
                </div>
                <button type="button" class="secondary" on:click=purge>{move || state.t().journal_purge}</button>
            </div>

            <Show when=move || j.damaged.with(|d| !d.is_empty())>
                <section id="storage-problems" class="msg error">
                    <h2>{move || state.t().journal_damaged_title}</h2>
                    <p>{move || state.t().journal_damaged_intro}</p>
                    <ul>{move || j.damaged.get().into_iter().map(|d| {
                        let name = format!("{}.json", d.key.rsplit('/').next().unwrap_or("record"));
                        let raw = d.raw.clone();
                        view! { <li>{d.key.rsplit('/').next().unwrap_or("").to_string()}" "
                            <button type="button" class="secondary" on:click=move |_| data::save_file(&name, &raw, "application/json")>{move || state.t().data_export}</button></li> }
                    }).collect_view()}</ul>
                </section>
            </Show>
        </section>
    }
}
