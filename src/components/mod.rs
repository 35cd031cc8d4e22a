//! One file per component.
pub mod header;
pub mod lang_switch;
pub mod sample_badge;
