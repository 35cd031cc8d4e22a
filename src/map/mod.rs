//! Map projection and SVG path data (pure).
