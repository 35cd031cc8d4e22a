//! One file per page: pure functions from the data to a [`crate::doc`]
//! tree, tested on the host. The browser side (`ui`) only routes to them
//! and renders the tree.

pub mod about;
pub mod activity_form;
pub mod challenges;
pub mod gathered;
pub mod first_paint;
pub mod home;
pub mod journal;
pub mod journal_record;
pub mod lessons;
pub mod logframe;
pub mod not_found;
pub mod organisation;
pub mod organisations;
pub mod project;
pub mod projects;
pub mod recommendations;
pub mod region;
pub mod regions;
pub mod report;
pub mod route;
pub mod settings;
pub mod timeline;

