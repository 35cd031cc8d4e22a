//! `/journal/new`: the activity form as a pure document (host-tested):
//! where, when, what, who, position; each field with its label, its value
//! as typed, and its errors next to it (`#<field>-error`), a summary of
//! every error at the top with links to the fields, a live counter and the
//! computed total. `ui::activity_form` binds it to the draft: a field's
//! `input` event updates that field of the draft alone, and the document is
//! drawn again only when its structure changes (the project's regions, the
//! errors, the language), patched in place so the field being typed in is
//! never touched.

use crate::ctx::Ctx;
use crate::doc::{el, link, Element, Node};
use crate::i18n::Texts;
use crate::journal::check::{Field, FieldError, MAX_DESCRIPTION};
use crate::journal::form::{self, Draft};
use crate::journal::record::ActivityType;
use crate::pages::journal_record::type_label;

/// `data-submit` of the form.
pub const ACTION_SAVE: &str = "save";
pub const ACTION_DISCARD: &str = "discard";
pub const ACTION_LOCATE: &str = "locate";
pub const ACTION_UNLOCATE: &str = "unlocate";
/// `data-change` prefix of the indicator boxes (`indicator:<id>`).
pub const INDICATOR: &str = "indicator:";

/// Why the last save failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveProblem {
    Quota,
    Other,
    /// The record was saved or changed in another tab: this form stops
    /// saving, so that it never writes over it.
    Elsewhere,
    /// The record left for the server (or is leaving) since the form
    /// opened: no longer editable; what was typed stays in the draft.
    Sending,
}

/// What the form shows besides the programme data.
pub struct View<'a> {
    pub draft: &'a Draft,
    /// The active profile's CSO (its projects come first), if any profile.
    pub cso: Option<&'a str>,
    pub errors: &'a [FieldError],
    /// `HH:MM` of the last autosave.
    pub saved_at: Option<&'a str>,
    pub save_problem: Option<SaveProblem>,
    pub position_problem: bool,
    pub busy: bool,
}

fn field_box(id: &'static str, label: &str, control: Element, errors: Vec<Node>) -> Element {
    el("div")
        .class("field")
        .child(el("label").attr("for", id).text(label))
        .child(control)
        .child(el("div").attr("id", format!("{id}-error")).children(errors))
}

/// The field's errors, as paragraphs, and whether it has any.
fn errors_of(cx: &Ctx, errors: &[FieldError], f: Field) -> Vec<Node> {
    errors.iter().filter(|e| e.field == f).map(|e| el("p").class("field-error").text(e.message(cx.lang)).into()).collect()
}

fn control(tag: &'static str, f: Field, invalid: bool) -> Element {
    let id = f.id();
    let e = el(tag).attr("id", id).attr("name", id).attr("aria-describedby", format!("{id}-error"));
    let e = if tag == "select" { e.attr("data-change", id) } else { e.attr("data-input", id) };
    if invalid { e.attr("aria-invalid", "true") } else { e }
}

/// A text-like input bound to a draft field.
fn text(cx: &Ctx, errors: &[FieldError], f: Field, label: &str, value: &str, kind: &'static str, mode: &'static str) -> Element {
    let errs = errors_of(cx, errors, f);
    let input = control("input", f, !errs.is_empty()).attr("type", kind).attr("inputmode", mode).attr("value", value);
    field_box(f.id(), label, input, errs)
}

/// A list; `none` is the empty choice's label.
fn select(cx: &Ctx, errors: &[FieldError], f: Field, label: &str, value: &str, none: &str, options: Vec<(String, String)>) -> Element {
    let errs = errors_of(cx, errors, f);
    let opts = std::iter::once((String::new(), none.to_string())).chain(options).map(|(v, l)| {
        let o = el("option").attr("value", v.as_str()).text(l);
        if v == value { o.attr("selected", "") } else { o }
    });
    field_box(f.id(), label, control("select", f, !errs.is_empty()).children(opts), errs)
}

fn legend(text: &str) -> Element {
    el("legend").text(text)
}

fn button(action: &str, label: &str, class: &str, busy: bool) -> Element {
    let b = el("button").attr("type", "button").class(class).attr("data-action", action).text(label);
    if busy { b.attr("disabled", "") } else { b }
}

/// `{n} / 2000`.
pub fn counter(n: usize) -> String {
    format!("{n} / {MAX_DESCRIPTION}")
}

/// The whole page.
pub fn page(cx: &Ctx, v: &View) -> Node {
    let t: &Texts = cx.t();
    let d = v.draft;
    let es = v.errors;
    let lang = cx.lang;
    let projects = form::projects_for(cx.ds, v.cso.unwrap_or("")).into_iter().map(|p| (p.id.clone(), p.title.get(lang).to_string())).collect();
    let regions = form::regions_for(cx.ds, &d.project).into_iter().map(|r| (r.id.clone(), r.name.clone())).collect();
    let cercles = cx.ds.region(&d.region).map(|r| r.cercles.iter().map(|c| (c.id.clone(), c.name.clone())).collect()).unwrap_or_default();
    let types = ActivityType::ALL.iter().map(|k| (k.code().to_string(), type_label(t, *k).to_string())).collect();

    let summary = (!es.is_empty()).then(|| {
        el("div")
            .class("msg error")
            .child(el("p").text(lang.plural(es.len(), t.journal_errors_one, t.journal_errors_many)))
            .child(el("ul").children(es.iter().map(|e| el("li").child(link(format!("#{}", e.field.id()), e.message(lang))))))
    });

    let where_ = el("fieldset")
        .child(legend(t.journal_where))
        .child(select(cx, es, Field::Project, t.journal_project, &d.project, t.journal_choose, projects))
        .child(select(cx, es, Field::Region, t.journal_region, &d.region, t.journal_choose, regions))
        .child(select(cx, es, Field::Cercle, t.journal_cercle, &d.cercle, t.journal_optional, cercles))
        .child(text(cx, es, Field::Locality, t.journal_locality, &d.locality, "text", "text"));
    let when = el("fieldset")
        .child(legend(t.journal_when))
        .child(text(cx, es, Field::Date, t.journal_date, &d.date, "date", "numeric"))
        .child(
            el("div")
                .class("row2")
                .child(text(cx, es, Field::StartTime, t.journal_start_time, &d.start_time, "time", "numeric"))
                .child(text(cx, es, Field::Duration, t.journal_duration, &d.duration_min, "text", "numeric")),
        );
    let description = {
        let errs = errors_of(cx, es, Field::Description);
        let n = d.description.chars().count();
        let area = control("textarea", Field::Description, !errs.is_empty())
            .attr("rows", "5")
            .attr("aria-describedby", "description-count description-error")
            .text(d.description.as_str());
        el("div")
            .class("field")
            .child(el("label").attr("for", "description").text(t.journal_description))
            .child(area)
            .child(el("small").attr("id", "description-count").class(if n > MAX_DESCRIPTION { "count over" } else { "count" }).text(counter(n)))
            .child(el("div").attr("id", "description-error").children(errs))
    };
    let indicators = cx.ds.project(&d.project).map(|p| {
        let boxes = p.results.iter().map(|r| {
            let label = cx.ds.indicator(&r.indicator).map_or(r.indicator.clone(), |i| i.label.get(lang).to_string());
            let mut input = el("input").attr("type", "checkbox").attr("data-change", format!("{INDICATOR}{}", r.indicator));
            if d.indicators.contains(&r.indicator) {
                input = input.attr("checked", "");
            }
            el("label").class("check").child(input).text(format!(" {label}"))
        });
        el("fieldset")
            .class("indicators")
            .attr("id", "indicators")
            .child(legend(t.journal_indicators))
            .children(boxes)
            .child(el("div").children(errors_of(cx, es, Field::Indicators)))
    });
    let mut what = el("fieldset")
        .child(legend(t.journal_what))
        .child(select(cx, es, Field::ActivityType, t.journal_type, &d.activity_type, t.journal_choose, types));
    if d.activity_type == ActivityType::Other.code() {
        what = what.child(text(cx, es, Field::ActivityTypeOther, t.journal_type_other, &d.activity_type_other, "text", "text"));
    }
    let what = what.child(text(cx, es, Field::Title, t.journal_title_label, &d.title, "text", "text")).child(description).maybe(indicators);
    let (p, _) = form::participants(d);
    let num = |f, label, value: &str| text(cx, es, f, label, value, "text", "numeric");
    let who = el("fieldset")
        .child(legend(t.journal_who))
        .child(
            el("div")
                .class("row2")
                .child(num(Field::Women, t.journal_women, &d.women))
                .child(num(Field::Men, t.journal_men, &d.men))
                .child(num(Field::YoungWomen, t.journal_young_women, &d.young_women))
                .child(num(Field::YoungMen, t.journal_young_men, &d.young_men))
                .child(num(Field::Disabled, t.journal_disabled, &d.disabled)),
        )
        .child(el("p").class("total").child(el("span").text(format!("{} ", t.journal_total))).child(el("strong").attr("id", "total").text(p.total.to_string())))
        .child(el("div").attr("id", "total-error").children(errors_of(cx, es, Field::Total)));
    let position = el("fieldset")
        .attr("id", "position")
        .child(legend(t.journal_position))
        .child(match d.position {
            Some(p) => el("p")
                .text(format!("{} ", p.describe()))
                .child(button(ACTION_UNLOCATE, t.journal_position_remove, "secondary", false)),
            None => el("p").child(button(ACTION_LOCATE, t.journal_position_add, "secondary", false)),
        })
        .maybe(v.position_problem.then(|| el("p").class("field-error").attr("role", "alert").text(t.journal_err_position)))
        .child(el("div").attr("id", "position-error").children(errors_of(cx, es, Field::Position)));
    let record_errors = errors_of(cx, es, Field::Record);

    let mut save = el("button").attr("type", "submit").class("primary").text(t.journal_save);
    if v.busy {
        save = save.attr("disabled", "");
    }
    el("section")
        .class("page activity-form")
        .child(el("h1").text(t.journal_new_title))
        .maybe(v.cso.is_none().then(|| {
            el("p").class("msg warn").text(format!("{} ", t.journal_profile_needed)).child(link("/settings#profiles", t.journal_profile_link))
        }))
        .child(el("div").attr("id", "form-errors").attr("tabindex", "-1").maybe(summary).child(el("div").attr("id", "record-error").children(record_errors)))
        .child(
            el("form")
                .class("journal-form")
                .attr("novalidate", "")
                .attr("data-submit", ACTION_SAVE)
                .child(where_)
                .child(when)
                .child(what)
                .child(who)
                .child(position)
                .child(el("p").class("autosave").attr("role", "status").text(
                    v.saved_at.map(|at| format!("{} {at}", t.journal_draft_saved)).unwrap_or_default(),
                ))
                .maybe(v.save_problem.map(|p| {
                    el("p").class("msg error").attr("role", "alert").text(match p {
                        SaveProblem::Quota => t.journal_err_quota,
                        SaveProblem::Other => t.journal_err_store,
                        SaveProblem::Elsewhere => t.journal_err_elsewhere,
                        SaveProblem::Sending => t.journal_err_sending,
                    })
                }))
                .child(el("div").class("actions").child(save).child(button(ACTION_DISCARD, t.journal_discard, "secondary", v.busy))),
        )
        .into()
}
