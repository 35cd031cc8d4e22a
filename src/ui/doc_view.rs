//! Renders a [`Node`] tree into the DOM and re-renders it when its signal
//! changes. Text goes in as text nodes (never as HTML). Events are delegated
//! from the host element, following the conventions of [`crate::doc`], plus
//! three for forms: `data-submit` on a `<form>` reports its value on submit
//! (the page does not reload), `data-input` on a field reports its value on
//! each `input`, `data-change` on `change` (an option or a file chosen); the
//! owner reads the field with [`field_value`]. A re-render keeps what the
//! user typed in the focused field, and where the caret was.

use crate::doc::Node;
use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

const SVG_NS: &str = "http://www.w3.org/2000/svg";

fn build(doc: &web_sys::Document, node: &Node, in_svg: bool, parent: &web_sys::Node) {
    match node {
        Node::Text(t) => {
            let _ = parent.append_child(&doc.create_text_node(t));
        }
        Node::Fragment(children) => children.iter().for_each(|c| build(doc, c, in_svg, parent)),
        Node::Element(e) => {
            let svg = in_svg || e.tag == "svg";
            let created = if svg {
                doc.create_element_ns(Some(SVG_NS), e.tag)
            } else {
                doc.create_element(e.tag)
            };
            let Ok(el) = created else { return };
            for (k, v) in &e.attrs {
                let _ = el.set_attribute(k, v);
            }
            e.children.iter().for_each(|c| build(doc, c, svg, &el));
            let _ = parent.append_child(&el);
        }
    }
}

/// Replaces the children of `host` by the rendering of `node`, giving focus
/// back to the element (by id) that had it.
pub fn render_into(host: &web_sys::Element, node: &Node) {
    let doc = document();
    let focused = doc.active_element().filter(|a| host.contains(Some(a)) && !a.id().is_empty());
    let typed = focused
        .as_ref()
        .and_then(|a| a.dyn_ref::<web_sys::HtmlInputElement>())
        .filter(|i| i.type_() != "file")
        .map(|i| (i.value(), i.selection_start().ok().flatten(), i.selection_end().ok().flatten()));
    let fragment = doc.create_document_fragment();
    build(&doc, node, false, &fragment);
    host.set_text_content(None);
    let _ = host.append_child(&fragment);
    if let Some(id) = focused.map(|a| a.id()) {
        if let Some(el) = doc.get_element_by_id(&id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            if let (Some((v, start, end)), Some(input)) = (&typed, el.dyn_ref::<web_sys::HtmlInputElement>()) {
                input.set_value(v);
                if let (Some(start), Some(end)) = (start, end) {
                    let _ = input.set_selection_range(*start, *end);
                }
            }
            let _ = el.focus();
        }
    }
}

/// The `value` of the form field with this id (empty if none).
pub fn field_value(id: &str) -> String {
    document()
        .get_element_by_id(id)
        .and_then(|e| js_sys::Reflect::get(&e, &"value".into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn closest(ev: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    ev.target()?.dyn_into::<web_sys::Element>().ok()?.closest(selector).ok()?
}

/// A rendered document tree. `on_hover` hears `data-region` hover and focus
/// (and `None` when the pointer leaves); `on_action` hears `data-action`
/// buttons, `data-submit` forms, `data-input` and `data-change` fields;
/// `data-href` elements navigate like links.
#[component]
pub fn DocView(
    #[prop(into)] doc: Signal<Node>,
    #[prop(optional, into)] on_hover: Option<Callback<Option<String>>>,
    #[prop(optional, into)] on_action: Option<Callback<String>>,
) -> impl IntoView {
    let host = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let node = doc.get();
        if let Some(el) = host.get() {
            render_into(&el, &node);
        }
    });
    let navigate = use_navigate();
    let go = move |ev: &web_sys::Event| {
        if let Some(href) = closest(ev, "[data-href]").and_then(|e| e.get_attribute("data-href")) {
            ev.prevent_default();
            navigate(&href, Default::default());
        }
    };
    let go_key = go.clone();
    let hover = move |ev: &web_sys::Event| {
        if let (Some(cb), Some(region)) = (on_hover, closest(ev, "[data-region]")) {
            cb.run(region.get_attribute("data-region"));
        }
    };
    view! {
        <div
            class="doc"
            node_ref=host
            on:click=move |e: ev::MouseEvent| {
                if let (Some(cb), Some(b)) = (on_action, closest(&e, "[data-action]")) {
                    cb.run(b.get_attribute("data-action").unwrap_or_default());
                } else {
                    go(&e);
                }
            }
            on:keydown=move |e: ev::KeyboardEvent| {
                let on_link = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|t| t.has_attribute("data-href"));
                if on_link && (e.key() == "Enter" || e.key() == " ") {
                    go_key(&e);
                }
            }
            on:submit=move |e: ev::SubmitEvent| {
                if let (Some(cb), Some(f)) = (on_action, closest(&e, "form[data-submit]")) {
                    e.prevent_default();
                    cb.run(f.get_attribute("data-submit").unwrap_or_default());
                }
            }
            on:change=move |e: ev::Event| {
                if let (Some(cb), Some(f)) = (on_action, closest(&e, "[data-change]")) {
                    cb.run(f.get_attribute("data-change").unwrap_or_default());
                }
            }
            on:input=move |e: ev::Event| {
                if let (Some(cb), Some(f)) = (on_action, closest(&e, "[data-input]")) {
                    cb.run(f.get_attribute("data-input").unwrap_or_default());
                }
            }
            on:mouseover=move |e: ev::MouseEvent| hover(&e)
            on:focusin=move |e: ev::FocusEvent| hover(&e)
            on:mouseleave=move |_| {
                if let Some(cb) = on_hover {
                    cb.run(None);
                }
            }
        ></div>
    }
}
