//! The programme: names, funding, partners, periods and logical framework.

use super::text::{labelled_enum, Text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The programme as a whole (one per dataset).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    pub name: Text,
    pub funder: Text,
    pub funding_instrument: Text,
    #[serde(default)]
    pub implementing_partners: Vec<Partner>,
    #[serde(default)]
    pub periods: Vec<Period>,
    /// Root of the logical framework: the global objective.
    pub logframe: LogframeNode,
}

impl Programme {
    /// The global objective (root of the logical framework).
    pub fn objective(&self) -> &Text {
        &self.logframe.text
    }

    pub fn period(&self, id: &str) -> Option<&Period> {
        self.periods.iter().find(|p| p.id == id)
    }

    /// The grants period, which bounds every project's dates.
    pub fn grants_period(&self) -> Option<&Period> {
        self.period(Period::GRANTS)
    }
}

/// An organisation implementing the programme (not a grantee CSO).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    pub name: String,
    pub role: Text,
}

/// A named span of time (a single day when `start == end`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub id: String,
    pub label: Text,
    #[serde(with = "super::date")]
    pub start: NaiveDate,
    #[serde(with = "super::date")]
    pub end: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

impl Period {
    /// Id of the programme implementation period.
    pub const IMPLEMENTATION: &'static str = "implementation";
    /// Id of the grants period; project dates must fall inside it.
    pub const GRANTS: &'static str = "grants";
    /// Id of the closing ceremony.
    pub const CEREMONY: &'static str = "ceremony";

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

labelled_enum! {
    /// Level of a logical-framework node, from the top down.
    pub enum Level {
        GlobalObjective = "global_objective", "Objectif global", "Global objective";
        IntermediateOutcome = "intermediate_outcome", "Résultat intermédiaire", "Intermediate outcome";
        ImmediateOutcome = "immediate_outcome", "Résultat immédiat", "Immediate outcome";
        Output = "output", "Extrant", "Output";
    }
}

impl Level {
    /// The level its children must have (`None` for outputs: no children).
    pub fn child(self) -> Option<Level> {
        match self {
            Level::GlobalObjective => Some(Level::IntermediateOutcome),
            Level::IntermediateOutcome => Some(Level::ImmediateOutcome),
            Level::ImmediateOutcome => Some(Level::Output),
            Level::Output => None,
        }
    }
}

/// One node of the logical framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogframeNode {
    pub id: String,
    pub level: Level,
    pub text: Text,
    /// True when written for the sample (not from a programme source).
    #[serde(default)]
    pub sample: bool,
    /// Ids of the indicators measuring this node.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<LogframeNode>,
}

impl LogframeNode {
    /// This node and all its descendants, depth first (parents before children).
    pub fn walk(&self) -> Vec<&LogframeNode> {
        fn visit<'a>(node: &'a LogframeNode, out: &mut Vec<&'a LogframeNode>) {
            out.push(node);
            for child in &node.children {
                visit(child, out);
            }
        }
        let mut out = Vec::new();
        visit(self, &mut out);
        out
    }
}
