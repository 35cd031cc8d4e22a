//! Regions and cercles (OCHA COD-AB P-codes).

use serde::{Deserialize, Serialize};

/// An administrative region (ADM1) of Mali, or the district of Bamako.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// OCHA P-code, `ML01`…`ML10`.
    pub id: String,
    pub name: String,
    /// True for the programme's 8 regions; projects may only be there.
    pub in_scope: bool,
    #[serde(default)]
    pub cercles: Vec<Cercle>,
}

impl Region {
    pub fn cercle(&self, id: &str) -> Option<&Cercle> {
        self.cercles.iter().find(|c| c.id == id)
    }
}

/// A cercle (ADM2) inside its region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cercle {
    /// OCHA P-code, e.g. `ML0501` (region P-code + two digits).
    pub id: String,
    pub name: String,
}
