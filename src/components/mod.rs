//! One file per component.
pub mod header;
pub mod lang_switch;
pub mod mali_map;
pub mod map_legend;
pub mod org_list;
pub mod project_list;
pub mod region_list;
pub mod region_map;
pub mod results_table;
pub mod sample_badge;
