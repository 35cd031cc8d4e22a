//! A small, pure document tree for read-only page content.
//!
//! Pages and components build a [`Node`] tree from the data (plain Rust,
//! tested on the host); one browser adapter (`ui::doc_view`) turns it into
//! DOM nodes. Text is always a text node, never parsed as HTML, so data from
//! a loaded dataset cannot inject markup.
//!
//! Why not `view!` for every page: each Leptos view is its own generic type,
//! and measured on this app the seven record and list pages cost 82 KB of
//! brotli-compressed wasm as views, against a 200 KB budget for the whole
//! first visit. As data, a page costs only the code that builds it.
//!
//! Conventions the browser adapter understands:
//! * `data-href` on a non-link element (an SVG region) makes it navigate on
//!   click, Enter or Space, like a link;
//! * `data-action` on a button reports its value to the view's owner;
//! * `data-region` reports hover and focus to the view's owner;
//! * an element with an `id` that had focus gets it back after a re-render.

use std::fmt::Write;

/// A node of the tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
    /// Several nodes without a wrapper.
    Fragment(Vec<Node>),
}

/// An element: tag, attributes in order, children.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementData {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    pub children: Vec<Node>,
}

/// An element, boxed: the builders take and return it by value thousands of
/// times, and in wasm a 32-byte struct goes by address with a copy at each
/// call, a box as one pointer (measured: 8.3 KB less brotli wasm). Fields
/// are read and written through `Deref`.
#[derive(Debug, Clone, PartialEq)]
pub struct Element(Box<ElementData>);

impl std::ops::Deref for Element {
    type Target = ElementData;
    fn deref(&self) -> &ElementData {
        &self.0
    }
}

impl std::ops::DerefMut for Element {
    fn deref_mut(&mut self) -> &mut ElementData {
        &mut self.0
    }
}

/// Starts an element.
#[inline(never)]
pub fn el(tag: &'static str) -> Element {
    Element(Box::new(ElementData { tag, attrs: Vec::new(), children: Vec::new() }))
}

/// An element with these attributes. One non-generic path for a page's
/// many attributes: the builder's generic `attr`, inlined at each call
/// site, costs several KB more wasm.
#[inline(never)]
pub fn tag(name: &'static str, attrs: &[(&'static str, &str)]) -> Element {
    el(name).with_attrs(attrs)
}

/// A text node.
pub fn text(s: impl Into<String>) -> Node {
    Node::Text(s.into())
}

/// A link (`<a href>`), which the router follows without reloading.
pub fn link(href: impl Into<String>, label: impl Into<String>) -> Element {
    el("a").attr("href", href).text(label)
}

// The generic builder methods only convert, then call one non-generic,
// never-inlined method: pages call them thousands of times, and inlined
// `Vec::push`es at every call site cost tens of KB of wasm.
impl Element {
    pub fn attr(self, name: &'static str, value: impl Into<String>) -> Self {
        self.push_attr(name, value.into())
    }

    #[inline(never)]
    fn push_attr(mut self, name: &'static str, value: String) -> Self {
        self.attrs.push((name, value));
        self
    }

    #[inline(never)]
    fn push_child(mut self, node: Node) -> Self {
        self.children.push(node);
        self
    }

    /// Adds these attributes.
    #[inline(never)]
    pub fn with_attrs(mut self, extra: &[(&'static str, &str)]) -> Self {
        self.attrs.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
        self
    }

    pub fn class(self, value: impl Into<String>) -> Self {
        self.attr("class", value)
    }

    pub fn child(self, node: impl Into<Node>) -> Self {
        self.push_child(node.into())
    }

    pub fn text(self, s: impl Into<String>) -> Self {
        self.push_child(Node::Text(s.into()))
    }

    pub fn children<N: Into<Node>>(mut self, nodes: impl IntoIterator<Item = N>) -> Self {
        self.children.extend(nodes.into_iter().map(Into::into));
        self
    }

    /// Adds the node when there is one.
    pub fn maybe(self, node: Option<impl Into<Node>>) -> Self {
        match node {
            Some(n) => self.child(n),
            None => self,
        }
    }

    /// The same tree for a static first paint, shown before the app runs:
    /// nothing in it may look live while nothing listens. Ids (the page
    /// holds each part twice, one per language), `data-*` hooks, `tabindex`
    /// and `role="link"` go; buttons are disabled. Real `<a href>` links
    /// stay: they work without the app.
    pub fn inert(mut self) -> Element {
        self.attrs.retain(|(k, v)| {
            !(*k == "id" || *k == "tabindex" || k.starts_with("data-") || (*k == "role" && v == "link"))
        });
        if self.tag == "button" {
            self.attrs.push(("disabled", String::new()));
        }
        self.children = std::mem::take(&mut self.children).into_iter().map(Node::inert).collect();
        self
    }

    pub fn get_attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
    }

    /// The text of the element's descendants, concatenated.
    pub fn text_content(&self) -> String {
        self.children.iter().map(Node::text_content).collect()
    }

    pub fn has_class(&self, class: &str) -> bool {
        self.get_attr("class").is_some_and(|c| c.split_whitespace().any(|x| x == class))
    }
}

impl Default for Node {
    /// Nothing: an empty fragment.
    fn default() -> Node {
        Node::Fragment(Vec::new())
    }
}

impl From<Element> for Node {
    fn from(e: Element) -> Node {
        Node::Element(e)
    }
}

impl From<String> for Node {
    fn from(s: String) -> Node {
        Node::Text(s)
    }
}

impl From<&str> for Node {
    fn from(s: &str) -> Node {
        Node::Text(s.to_string())
    }
}

impl From<Vec<Node>> for Node {
    fn from(v: Vec<Node>) -> Node {
        Node::Fragment(v)
    }
}

const VOID: [&str; 4] = ["input", "br", "img", "hr"];

impl Node {
    /// The text of the node and its descendants, concatenated.
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        self.walk(&mut |n| {
            if let Node::Text(t) = n {
                out.push_str(t);
            }
        });
        out
    }

    /// Every element in document order.
    pub fn elements(&self) -> Vec<&Element> {
        let mut out = Vec::new();
        fn visit<'a>(n: &'a Node, out: &mut Vec<&'a Element>) {
            match n {
                Node::Element(e) => {
                    out.push(e);
                    e.children.iter().for_each(|c| visit(c, out));
                }
                Node::Fragment(v) => v.iter().for_each(|c| visit(c, out)),
                Node::Text(_) => {}
            }
        }
        visit(self, &mut out);
        out
    }

    /// Elements with this tag name.
    pub fn by_tag(&self, tag: &str) -> Vec<&Element> {
        self.elements().into_iter().filter(|e| e.tag == tag).collect()
    }

    /// Elements carrying this class.
    pub fn by_class(&self, class: &str) -> Vec<&Element> {
        self.elements().into_iter().filter(|e| e.has_class(class)).collect()
    }

    fn walk(&self, f: &mut impl FnMut(&Node)) {
        f(self);
        match self {
            Node::Element(e) => e.children.iter().for_each(|c| c.walk(f)),
            Node::Fragment(v) => v.iter().for_each(|c| c.walk(f)),
            Node::Text(_) => {}
        }
    }

    /// The same tree for a static first paint ([`Element::inert`]).
    pub fn inert(self) -> Node {
        match self {
            Node::Element(e) => Node::Element(e.inert()),
            Node::Fragment(v) => Node::Fragment(v.into_iter().map(Node::inert).collect()),
            text => text,
        }
    }

    /// Serialises to HTML with every text and attribute escaped (tests,
    /// snapshots; the browser adapter builds DOM nodes instead).
    pub fn to_html(&self) -> String {
        let mut out = String::new();
        self.write_html(&mut out);
        out
    }

    fn write_html(&self, out: &mut String) {
        match self {
            Node::Text(t) => escape_into(out, t),
            Node::Fragment(v) => v.iter().for_each(|c| c.write_html(out)),
            Node::Element(e) => {
                let _ = write!(out, "<{}", e.tag);
                for (k, v) in &e.attrs {
                    let _ = write!(out, " {k}=\"");
                    escape_into(out, v);
                    out.push('"');
                }
                out.push('>');
                if VOID.contains(&e.tag) {
                    return;
                }
                e.children.iter().for_each(|c| c.write_html(out));
                let _ = write!(out, "</{}>", e.tag);
            }
        }
    }
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_and_serialises_with_escaping() {
        let n: Node = el("p")
            .class("x")
            .attr("title", "a \"b\" <c>")
            .text("Tom & <Jerry>")
            .child(link("/p?a=1&b=2", "lien"))
            .into();
        assert_eq!(
            n.to_html(),
            "<p class=\"x\" title=\"a &quot;b&quot; &lt;c&gt;\">Tom &amp; &lt;Jerry&gt;<a href=\"/p?a=1&amp;b=2\">lien</a></p>"
        );
        assert_eq!(n.text_content(), "Tom & <Jerry>lien");
    }

    #[test]
    fn queries() {
        let n: Node = el("ul")
            .children((0..3).map(|i| el("li").class("card item").text(i.to_string())))
            .maybe(None::<Element>)
            .maybe(Some(el("input").attr("id", "q")))
            .into();
        assert_eq!(n.by_class("card").len(), 3);
        assert_eq!(n.by_tag("input")[0].get_attr("id"), Some("q"));
        assert!(n.to_html().ends_with("<input id=\"q\"></ul>"));
        assert_eq!(Node::from(vec![text("a"), text("b")]).to_html(), "ab");
    }
}
