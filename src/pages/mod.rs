//! One file per route.
pub mod about;
pub mod home;
pub mod logframe;
pub mod not_found;
pub mod organisation;
pub mod organisations;
pub mod project;
pub mod projects;
pub mod region;
pub mod regions;
