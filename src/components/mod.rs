//! Reusable pieces of pages, one file per component, built as pure
//! [`crate::doc`] trees from the data.
pub mod mali_map;
pub mod map_legend;
pub mod org_list;
pub mod project_list;
pub mod region_list;
pub mod region_map;
pub mod results_table;
pub mod sample_badge;
pub mod status_bar;
