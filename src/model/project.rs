//! Grant projects, their results and what was learned.

use super::indicator::Figures;
use super::text::{labelled_enum, Text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

labelled_enum! {
    /// The main theme of a project.
    pub enum Theme {
        IntercommunityDialogue = "intercommunity_dialogue", "Dialogue intercommunautaire", "Intercommunity dialogue";
        LandConflicts = "land_conflicts", "Gestion des conflits fonciers", "Land conflict management";
        Youth = "youth", "Jeunesse et paix", "Youth and peace";
        WomenPeace = "women_peace", "Femmes et paix", "Women and peace";
        RadioMedia = "radio_media", "Radio et médias", "Radio and media";
        LocalGovernance = "local_governance", "Gouvernance locale", "Local governance";
        EarlyWarning = "early_warning", "Alerte précoce", "Early warning";
    }
}

labelled_enum! {
    /// Who a recommendation is addressed to.
    pub enum Audience {
        Csos = "csos", "OSC", "CSOs";
        Donors = "donors", "Bailleurs", "Donors";
        Authorities = "authorities", "Autorités", "Authorities";
        Communities = "communities", "Communautés", "Communities";
    }
}

/// A grant project run by a lead CSO with partner CSOs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub id: String,
    pub title: Text,
    pub summary: Text,
    pub theme: Theme,
    /// Region ids (in scope), at least one.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Cercle ids, each inside one of `regions`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cercles: Vec<String>,
    /// Commune names (the dataset has no commune reference list).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub communes: Vec<String>,
    /// Organisation id of the lead CSO.
    pub lead: String,
    /// Organisation ids of the partner CSOs.
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(with = "super::date")]
    pub start: NaiveDate,
    #[serde(with = "super::date")]
    pub end: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    #[serde(default)]
    pub results: Vec<ProjectResult>,
    #[serde(default)]
    pub challenges: Vec<Challenge>,
    #[serde(default)]
    pub lessons: Vec<Text>,
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
    /// True for fictional sample records.
    #[serde(default)]
    pub sample: bool,
}

impl Project {
    /// The lead followed by the partners.
    pub fn organisation_ids(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.lead.as_str()).chain(self.partners.iter().map(String::as_str))
    }

    /// True when `cso` leads or partners this project.
    pub fn involves(&self, cso: &str) -> bool {
        self.organisation_ids().any(|id| id == cso)
    }
}

/// An amount in a currency (ISO 4217 code, e.g. `XOF`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    pub amount: i64,
    pub currency: String,
}

/// Target and achieved figures of one project for one indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectResult {
    /// Indicator id.
    pub indicator: String,
    pub target: Figures,
    pub achieved: Figures,
}

/// A difficulty met and how it was overcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    pub challenge: Text,
    pub solution: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    pub text: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Audience>,
}
