//! Programme data model, validation, search and aggregation (pure).
//!
//! * Types: [`Dataset`], [`Programme`] (periods, [`LogframeNode`] tree),
//!   [`Indicator`] and [`Figures`], [`Region`] and [`Cercle`],
//!   [`Organisation`], [`Project`]; bilingual [`Text`].
//! * Parsing: [`Dataset::from_json`] (syntax, shape, schema version),
//!   [`Dataset::from_json_validated`], [`Dataset::embedded`].
//! * Rules: [`validate`] → every [`Problem`] at once, each with a path.
//! * Search: [`normalize`], [`ProjectQuery`] (URL round trip),
//!   [`filter_projects`].
//! * Aggregation: [`projects_per_region`], [`csos_per_region`],
//!   [`totals_by_indicator`]…
//!
//! # JSON format (`schema_version` 1)
//!
//! UTF-8 JSON; unknown fields are ignored everywhere (a newer minor version may add some). Ids are stable strings
//! of 1–64 ASCII letters, digits, `-`, `_`, `.`, unique per kind; records
//! refer to each other by id only. Dates are `"YYYY-MM-DD"`. A bilingual
//! text (*Text*) is `{"fr": "…", "en": "…"}`, both required and non-empty,
//! plus optional `"translated": "en"` (or `"fr"`) when that language is a
//! translation of the other, not a source wording. Counts are integers ≥ 0.
//! Lists marked *optional* may be left out (empty).
//!
//! Top level:
//! * `schema_version` — `1`. Any other value (or none) is refused before
//!   anything else is read.
//! * `revision` — integer, raised whenever the content changes (sync).
//! * `programme`, `indicators`, `regions`, `organisations`, `projects` —
//!   below; the four lists are required (may be empty).
//!
//! `programme`:
//! * `name`, `funder`, `funding_instrument` — Text (≤ 160 characters).
//! * `implementing_partners` — list of `{"name": "…", "role": Text}`.
//! * `periods` — list of `{"id", "label": Text, "start", "end", "place"?}`;
//!   ids `implementation`, `grants` (required: it bounds project dates) and
//!   `ceremony` (a single day: `start` = `end`).
//! * `logframe` — the root node, the global objective. A node is
//!   `{"id", "level", "text": Text, "sample": bool, "indicators": [ids]?,
//!   "children": [nodes]?}`; `level` is `global_objective` → children
//!   `intermediate_outcome` → `immediate_outcome` → `output` (no children).
//!   `sample: true` marks text written for the sample, not sourced.
//!
//! `indicators[]`: `{"id", "label": Text (≤ 160), "unit",
//! "disaggregation": ["sex", "age"]?}`; `unit` is one of `people`,
//! `sessions`, `agreements`, `disputes`, `alerts`, `broadcasts`,
//! `committees`, `percent` (0–100, never disaggregated, averaged in totals).
//!
//! *Figures*: `{"total": n, "women"?, "men"?, "youth"?, "other"?}` —
//! `women`/`men` present exactly when the indicator is disaggregated by
//! `sex` and then `women + men = total`; likewise `youth` (15–35 years) /
//! `other` for `age`.
//!
//! `regions[]`: `{"id": OCHA P-code "ML01"…"ML10", "name", "in_scope": bool,
//! "cercles": [{"id": P-code "ML0501"…, "name"}]}`. Cercle ids are unique
//! across regions.
//!
//! `organisations[]`: `{"id", "name" (≤ 160), "acronym"?, "kind",
//! "home_region": region id, "regions": [region ids]?, "contact"?: {"email"?,
//! "phone"?, "website"?, "address"?}, "sample": bool}`; `kind` is one of
//! `association`, `womens_group`, `youth_network`, `community_radio`, `ngo`,
//! `faith_based`, `network`.
//!
//! `projects[]`:
//! * `id`; `title`: Text ≤ 160; `summary`: Text ≤ 1200.
//! * `theme`: one of `intercommunity_dialogue`, `land_conflicts`, `youth`,
//!   `women_peace`, `radio_media`, `local_governance`, `early_warning`.
//! * `regions`: ≥ 1 in-scope region id; `cercles`?: cercle ids inside those
//!   regions; `communes`?: commune names (free text, no reference list).
//! * `lead`: organisation id; `partners`: organisation ids (not the lead).
//! * `start`, `end`: inside the `grants` period, `start` ≤ `end`.
//! * `budget`?: `{"amount": integer ≥ 0, "currency": "XOF"}` (ISO 4217).
//! * `results`: `[{"indicator": id, "target": Figures, "achieved": Figures}]`,
//!   one per indicator.
//! * `challenges`: `[{"challenge": Text, "solution": Text}]`;
//!   `lessons`: `[Text]`; `recommendations`: `[{"text": Text,
//!   "audience"?: "csos" | "donors" | "authorities" | "communities"}]`
//!   (texts ≤ 2000).
//! * `sample`: bool, `true` for fictional records.

mod aggregate;
mod dataset;
pub mod gather;
pub mod date;
mod indicator;
pub(crate) mod json_error;
pub mod json_err;
mod json_float;
pub mod link;
mod organisation;
mod problem;
mod programme;
mod project;
pub mod read;
pub mod write;
pub mod refresh;
mod region;
pub(crate) mod search;
pub mod timeline;
mod text;
mod validate;

pub use aggregate::{
    csos_of_region, csos_per_region, projects_of_cso, projects_of_region, projects_per_region,
    projects_per_theme, totals_by_indicator, totals_by_region, totals_by_theme, totals_over, IndicatorTotal,
};
pub use dataset::{Dataset, EMBEDDED_JSON, SCHEMA_VERSION};
pub(crate) use dataset::Object;
pub use indicator::{Axis, Figures, Indicator, Unit};
pub use organisation::{Contact, OrgKind, Organisation};
pub use problem::{Problem, ProblemKind};
pub use programme::{Level, LogframeNode, Partner, Period, Programme};
pub use project::{Audience, Budget, Challenge, Project, ProjectResult, Recommendation, Theme};
pub use region::{Cercle, Region};
pub use search::{filter_projects, filter_with, normalize, search_text, tokens, ProjectQuery, SearchIndex};
pub use text::{code_point, forbidden_char, without_forbidden, Text};
pub use validate::{validate, MAX_ID, MAX_SUMMARY, MAX_TEXT, MAX_TITLE};

/// The app's hash set and hash map: string keys, and as the value a
/// position in a list. Each other key or value type would be one more copy
/// of the hash table's code in the wasm (0.5–1.5 KB each); the maps over the
/// data and the journal go through these two. Two others remain, keyed by
/// owned ids because their records move or change while the map lives: the
/// ids an import has seen (`journal::export`) and the sync run's index of
/// its records (`ui::sync`).
pub type StrSet<'a> = std::collections::HashSet<&'a str, rustc_hash::FxBuildHasher>;
pub type StrIndex<'a> = std::collections::HashMap<&'a str, usize, rustc_hash::FxBuildHasher>;
