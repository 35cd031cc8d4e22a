//! Local civil-society organisations (OSC / CSOs).

use super::text::labelled_enum;
use serde::{Deserialize, Serialize};

labelled_enum! {
    /// The kind of a civil-society organisation.
    pub enum OrgKind {
        Association = "association", "Association", "Association";
        WomensGroup = "womens_group", "Groupement de femmes", "Women's group";
        YouthNetwork = "youth_network", "Réseau de jeunes", "Youth network";
        CommunityRadio = "community_radio", "Radio communautaire", "Community radio";
        Ngo = "ngo", "ONG", "NGO";
        FaithBased = "faith_based", "Organisation confessionnelle", "Faith-based organisation";
        Network = "network", "Réseau ou plateforme d'OSC", "CSO network or platform";
    }
}

/// A local civil-society organisation taking part in the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    pub kind: OrgKind,
    /// Region id where it is based.
    pub home_region: String,
    /// Region ids where it works (the home region may be repeated or not).
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// True for fictional sample records.
    #[serde(default)]
    pub sample: bool,
}

impl Organisation {
    /// "Name (ACR)", or the name alone.
    pub fn display_name(&self) -> String {
        match &self.acronym {
            Some(a) if !a.is_empty() => format!("{} ({a})", self.name),
            _ => self.name.clone(),
        }
    }
}

/// How to reach an organisation (every field optional).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}
