use crate::i18n::{fill, format, Lang};
use crate::model::{Figures, Project};
use crate::state::use_app_state;
use leptos::prelude::*;

fn breakdown(lang: Lang, f: &Figures) -> String {
    let t = lang.t();
    let n = |v: i64| format::number(lang, v);
    let mut parts = Vec::new();
    if let (Some(w), Some(m)) = (f.women, f.men) {
        parts.push(format!("{} {}, {} {}", n(w), t.women, n(m), t.men));
    }
    if let (Some(y), Some(o)) = (f.youth, f.other) {
        parts.push(format!("{} {}, {} {}", n(y), t.youth, n(o), t.other_age));
    }
    parts.join(" ; ")
}

/// A project's results: a table (target vs achieved, with breakdowns) and a
/// bar per indicator drawn to the larger of the two values.
#[component]
pub fn ResultsTable(project: Project) -> impl IntoView {
    let state = use_app_state();
    move || {
        let lang = state.lang.get();
        let t = lang.t();
        let ds = state.dataset.get();
        let rows = project
            .results
            .iter()
            .map(|r| {
                let label = ds
                    .indicator(&r.indicator)
                    .map(|i| i.label.get(lang).to_string())
                    .unwrap_or_else(|| r.indicator.clone());
                let max = r.target.total.max(r.achieved.total).max(1) as f64;
                let target_w = format!("width:{:.1}%", 100.0 * r.target.total as f64 / max);
                let achieved_w = format!("width:{:.1}%", 100.0 * r.achieved.total as f64 / max);
                let share = (r.target.total > 0).then(|| {
                    let p = (100 * r.achieved.total + r.target.total / 2) / r.target.total;
                    fill(t.achieved_share, &[("p", &p)])
                });
                view! {
                    <tr>
                        <th scope="row">
                            {label}
                            <div class="bars" aria-hidden="true">
                                <span class="bar target" style=target_w></span>
                                <span class="bar achieved" style=achieved_w></span>
                            </div>
                        </th>
                        <td>
                            <strong>{format::number(lang, r.target.total)}</strong>
                            <small>{breakdown(lang, &r.target)}</small>
                        </td>
                        <td>
                            <strong>{format::number(lang, r.achieved.total)}</strong>
                            <small>{breakdown(lang, &r.achieved)}</small>
                            <small class="share">{share}</small>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap">
                <table class="results">
                    <thead>
                        <tr>
                            <th scope="col">{t.col_indicator}</th>
                            <th scope="col"><span class="key target"></span>{t.col_target}</th>
                            <th scope="col"><span class="key achieved"></span>{t.col_achieved}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    }
}
