//! Reusable pieces of pages, one file per component, built as pure
//! [`crate::doc`] trees from the data.
pub mod bar_chart;
pub mod field_panel;
pub mod mali_map;
pub mod data_status;
pub mod kiosk_panel;
pub mod map_legend;
pub mod org_list;
pub mod project_filters;
pub mod project_list;
pub mod project_place;
pub mod qr_code;
pub mod quarantine_list;
pub mod region_list;
pub mod region_map;
pub mod report_nav;
pub mod results_table;
pub mod sample_badge;
pub mod site_header;
pub mod status_bar;
pub mod totals_table;
pub mod sync_panel;
pub mod lock_panel;
pub mod unlock_form;
