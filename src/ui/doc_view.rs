//! Renders a [`Node`] tree into the DOM and re-renders it when its signal
//! changes. Text goes in as text nodes (never as HTML). Events are delegated
//! from the host element, following the conventions of [`crate::doc`], plus
//! three for forms: `data-submit` on a `<form>` reports its value on submit
//! (the page does not reload), `data-input` on a field reports its value on
//! each `input`, `data-change` on `change` (an option or a file chosen); the
//! owner reads the field with [`field_value`]. A re-render patches the DOM
//! in place (see [`render_into`]): what stays keeps its node, so focus, the
//! caret, an opened `<details>` and live regions survive it.

use crate::doc::Node;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// A new DOM node for `node` (an element or a text; fragments are
/// flattened by [`flat`] before this).
fn build(doc: &web_sys::Document, node: &Node, in_svg: bool) -> Option<web_sys::Node> {
    match node {
        Node::Text(t) => Some(doc.create_text_node(t).into()),
        Node::Fragment(_) => None,
        Node::Element(e) => {
            let svg = in_svg || e.tag == "svg";
            let created = if svg { doc.create_element_ns(Some(SVG_NS), e.tag) } else { doc.create_element(e.tag) };
            let el = created.ok()?;
            for (k, v) in &e.attrs {
                let _ = el.set_attribute(k, v);
            }
            patch_children(doc, &el, &e.children, svg);
            Some(el.into())
        }
    }
}

/// The nodes of a list with fragments opened: what the DOM holds, one for one.
fn flat<'a>(nodes: &'a [Node], out: &mut Vec<&'a Node>) {
    for n in nodes {
        match n {
            Node::Fragment(v) => flat(v, out),
            n => out.push(n),
        }
    }
}

/// Whether the DOM node `o` can show `n`: a text for a text, an element
/// of the same tag for an element.
fn fits(n: &Node, o: &web_sys::Node) -> bool {
    match n {
        Node::Text(_) => o.node_type() == web_sys::Node::TEXT_NODE,
        Node::Element(e) => o.dyn_ref::<web_sys::Element>().is_some_and(|el| el.local_name() == e.tag),
        Node::Fragment(_) => false,
    }
}

/// Makes the children of `parent` match `nodes`, keeping every DOM node
/// that can stay: same position and tag (an element; its attributes and
/// children are patched), or a text (its data is set). An optional node
/// that comes or goes (a pager, a notice) is inserted or removed alone:
/// the nodes after it stay. Kept nodes keep what the user gave them:
/// focus, caret, an opened `<details>`, a file being chosen; and a live
/// region stays the same element, so screen readers hear its changes.
fn patch_children(doc: &web_sys::Document, parent: &web_sys::Node, nodes: &[Node], in_svg: bool) {
    let mut list = Vec::new();
    flat(nodes, &mut list);
    let mut old = parent.first_child();
    for (i, n) in list.iter().copied().enumerate() {
        // Whether `old` shows `n` (once asked: each answer is a call into
        // the DOM), and whether `n` is new and goes before `old`, which stays.
        let mut fit = old.as_ref().is_some_and(|o| fits(n, o));
        let mut new = false;
        if let Some(o) = old.clone().filter(|_| !fit) {
            match o.next_sibling() {
                // The old node went: the one after it shows this one.
                Some(after) if fits(n, &after) => {
                    let _ = parent.remove_child(&o);
                    old = Some(after);
                    fit = true;
                }
                // This one is new: the old node shows the next one.
                _ => new = list.get(i + 1).is_some_and(|next| fits(next, &o)),
            }
        }
        if let Some(o) = old.clone().filter(|_| fit) {
            match n {
                Node::Text(t) => {
                    if o.node_value().as_deref() != Some(t.as_str()) {
                        o.set_node_value(Some(t));
                    }
                }
                // `fits` found it an element.
                Node::Element(e) => patch_element(doc, o.unchecked_ref(), e, in_svg || e.tag == "svg"),
                Node::Fragment(_) => {}
            }
            old = o.next_sibling();
            continue;
        }
        let Some(fresh) = build(doc, n, in_svg) else { continue };
        // Before `old` (at the end when none), which it replaces unless
        // it stays.
        let _ = parent.insert_before(&fresh, old.as_ref());
        if let Some(o) = old.clone().filter(|_| !new) {
            old = o.next_sibling();
            let _ = parent.remove_child(&o);
        }
    }
    while let Some(o) = old {
        old = o.next_sibling();
        let _ = parent.remove_child(&o);
    }
}

/// Sets a property of a DOM object (form state the attributes do not set
/// once the user has touched the field).
fn set_prop(target: &web_sys::Element, name: &str, value: wasm_bindgen::JsValue) {
    let _ = js_sys::Reflect::set(target, &name.into(), &value);
}

fn patch_element(doc: &web_sys::Document, el: &web_sys::Element, e: &crate::doc::Element, svg: bool) {
    // A field the document gives no value (a PIN, a passphrase: its owner
    // reads and empties it on submit) keeps what was typed over a redraw,
    // as long as it is the same field (same id). Read for inputs only: one
    // call into the DOM per patched element costs a list's redraw dearly.
    let same_field = e.tag == "input" && e.get_attr("id").is_some_and(|id| !id.is_empty() && el.id() == id);
    // `open` on <details> is the document's when it is created, then the
    // user's.
    let users = |name: &str| name == "open" && e.tag == "details";
    for (k, v) in &e.attrs {
        if !users(k) && el.get_attribute(k).as_deref() != Some(v.as_str()) {
            let _ = el.set_attribute(k, v);
        }
    }
    let names = el.get_attribute_names();
    for name in names.iter().filter_map(|n| n.as_string()) {
        if e.get_attr(&name).is_none() && !users(&name) {
            let _ = el.remove_attribute(&name);
        }
    }
    // Form state: a field shows the document's value unless it has focus
    // (what is being typed stays, with its caret) or is left to the user
    // (`same_field` with no value); an option is chosen when the document
    // says so.
    let focused = doc.active_element().is_some_and(|a| &a == el);
    let users_value = same_field && e.get_attr("value").is_none();
    match e.tag {
        "input" if matches!(e.get_attr("type"), Some("checkbox") | Some("radio")) => {
            set_prop(el, "checked", e.get_attr("checked").is_some().into());
        }
        "input" if !focused && !users_value && e.get_attr("type") != Some("file") => {
            let want = e.get_attr("value").unwrap_or_default();
            if js_sys::Reflect::get(el, &"value".into()).ok().and_then(|v| v.as_string()).as_deref() != Some(want) {
                set_prop(el, "value", want.into());
            }
        }
        "option" => set_prop(el, "selected", e.get_attr("selected").is_some().into()),
        _ => {}
    }
    patch_children(doc, el, &e.children, svg);
}

/// Makes the children of `host` match `node` (see [`patch_children`]).
/// Focus goes back, by id, to an element that had it and was replaced.
pub fn render_into(host: &web_sys::Element, node: &Node) {
    let doc = document();
    let focused = doc.active_element().filter(|a| host.contains(Some(a)) && !a.id().is_empty());
    patch_children(&doc, host, std::slice::from_ref(node), false);
    if let Some(a) = focused.filter(|a| !a.is_connected()) {
        if let Some(el) = doc.get_element_by_id(&a.id()).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
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

/// Whether the checkbox with this id is ticked.
pub fn field_checked(id: &str) -> bool {
    document()
        .get_element_by_id(id)
        .and_then(|e| js_sys::Reflect::get(&e, &"checked".into()).ok())
        .is_some_and(|v| v.is_truthy())
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
    let navigate = use_navigate();
    let go = move |href: String| navigate(&href, Default::default());
    // The handlers run in the view's owner, as Leptos' own event bindings
    // do: the actions read the app's contexts.
    let owner = Owner::current().unwrap_or_default();
    let mut handle = Some(move |e: web_sys::Event| owner.with(|| on_event(&e, on_action, on_hover, &go)));
    let mut listening = None::<Listening>;
    // Redrawn only when the tree changed (a reachability event that leaves
    // the banners as they were touches no DOM). The listeners are added with
    // the first drawing, and removed with the effect, when the view is dropped.
    Effect::new(move |last: Option<Option<Node>>| {
        let node = doc.get();
        let el = host.get()?;
        if let (None, Some(h)) = (&listening, handle.take()) {
            listening = Some(Listening::new(el.clone().into(), Box::new(h)));
        }
        if last.flatten().as_ref() != Some(&node) {
            render_into(&el, &node);
        }
        Some(node)
    });
    view! { <div class="doc" node_ref=host></div> }
}

/// The events a document view listens to on its host element.
const EVENTS: [&str; 8] = ["click", "keydown", "submit", "change", "input", "mouseover", "focusin", "mouseleave"];

/// One listener on a host element for all of [`EVENTS`], removed when
/// dropped: never called once its closure is gone. An `Fn`, which may be
/// called again while it runs (an action that moves the focus dispatches
/// `focusin` at once).
struct Listening {
    el: web_sys::EventTarget,
    handler: Closure<dyn Fn(web_sys::Event)>,
}

impl Listening {
    fn new(el: web_sys::EventTarget, f: Box<dyn Fn(web_sys::Event)>) -> Listening {
        let handler = Closure::wrap(f);
        for kind in EVENTS {
            let _ = el.add_event_listener_with_callback(kind, handler.as_ref().unchecked_ref());
        }
        Listening { el, handler }
    }
}

impl Drop for Listening {
    fn drop(&mut self) {
        for kind in EVENTS {
            let _ = self.el.remove_event_listener_with_callback(kind, self.handler.as_ref().unchecked_ref());
        }
    }
}

/// One listener for all of [`EVENTS`] (one closure instead of a Leptos
/// event binding each: less wasm).
fn on_event(e: &web_sys::Event, on_action: Option<Callback<String>>, on_hover: Option<Callback<Option<String>>>, go: &dyn Fn(String)) {
    let kind = e.type_();
    // The value of `name` on the nearest element that matches `selector`.
    let found = |selector: &str, name: &str| closest(e, selector).map(|el| el.get_attribute(name).unwrap_or_default());
    let follow = || {
        if let Some(href) = found("[data-href]", "data-href") {
            e.prevent_default();
            go(href);
        }
    };
    match kind.as_str() {
        "click" => match (on_action, found("[data-action]", "data-action")) {
            (Some(cb), Some(a)) => cb.run(a),
            _ => follow(),
        },
        "keydown" => {
            let on_link = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|t| t.has_attribute("data-href"));
            let key = e.unchecked_ref::<web_sys::KeyboardEvent>().key();
            if on_link && (key == "Enter" || key == " ") {
                follow();
            }
        }
        "submit" => {
            if let (Some(cb), Some(a)) = (on_action, found("form[data-submit]", "data-submit")) {
                e.prevent_default();
                cb.run(a);
            }
        }
        "change" | "input" => {
            let (selector, name) = if kind == "change" { ("[data-change]", "data-change") } else { ("[data-input]", "data-input") };
            if let (Some(cb), Some(a)) = (on_action, found(selector, name)) {
                cb.run(a);
            }
        }
        "mouseleave" => {
            if let Some(cb) = on_hover {
                cb.run(None);
            }
        }
        // mouseover, focusin
        _ => {
            if let (Some(cb), Some(region)) = (on_hover, closest(e, "[data-region]")) {
                cb.run(region.get_attribute("data-region"));
            }
        }
    }
}
