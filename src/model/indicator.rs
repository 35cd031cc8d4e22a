//! Indicators and the (optionally disaggregated) figures reported against them.

use super::text::{labelled_enum, Text};
use serde::{Deserialize, Serialize};

labelled_enum! {
    /// What an indicator counts.
    pub enum Unit {
        People = "people", "personnes", "people";
        Sessions = "sessions", "séances", "sessions";
        Agreements = "agreements", "accords", "agreements";
        Disputes = "disputes", "litiges", "disputes";
        Alerts = "alerts", "alertes", "alerts";
        Broadcasts = "broadcasts", "émissions", "broadcasts";
        Committees = "committees", "comités", "committees";
        /// A share from 0 to 100. Not additive: totals report the mean.
        Percent = "percent", "pour cent", "percent";
    }
}

impl Unit {
    /// True when values of several projects may be added up.
    pub fn is_additive(self) -> bool {
        self != Unit::Percent
    }
}

labelled_enum! {
    /// A way an indicator's figures are broken down.
    pub enum Axis {
        /// `women` + `men` = `total`.
        Sex = "sex", "sexe", "sex";
        /// `youth` (15–35 years) + `other` = `total`.
        Age = "age", "âge", "age";
    }
}

/// A measure of the programme, referenced by id from project results and
/// from the logical framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: String,
    pub label: Text,
    pub unit: Unit,
    /// Breakdowns every figure of this indicator must carry (none: total only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disaggregation: Vec<Axis>,
}

impl Indicator {
    pub fn by_sex(&self) -> bool {
        self.disaggregation.contains(&Axis::Sex)
    }

    pub fn by_age(&self) -> bool {
        self.disaggregation.contains(&Axis::Age)
    }
}

/// A figure with its optional breakdowns. Signed so that a negative value
/// in the data is reported by validation rather than rejected as a type error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Figures {
    pub total: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub women: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub men: Option<i64>,
    /// People aged 15 to 35.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub youth: Option<i64>,
    /// People outside the youth band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<i64>,
}

impl Figures {
    /// A total without breakdown.
    pub fn total(total: i64) -> Self {
        Figures { total, ..Figures::default() }
    }

    /// Adds a breakdown by sex.
    pub fn with_sex(self, women: i64, men: i64) -> Self {
        Figures { women: Some(women), men: Some(men), ..self }
    }

    /// Adds a breakdown by age (youth 15–35, other).
    pub fn with_age(self, youth: i64, other: i64) -> Self {
        Figures { youth: Some(youth), other: Some(other), ..self }
    }

    /// Every field with its JSON name, for checks and display.
    pub fn fields(&self) -> [(&'static str, Option<i64>); 5] {
        [
            ("total", Some(self.total)),
            ("women", self.women),
            ("men", self.men),
            ("youth", self.youth),
            ("other", self.other),
        ]
    }
}
