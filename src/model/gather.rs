//! The reporting pages' items gathered from all projects (pure): each
//! challenge, lesson and recommendation with the project it comes from, in
//! project order, so every item links back to its project.

use super::project::{Audience, Challenge, Project, Recommendation};
use super::text::Text;

/// Every challenge (with its solution) of `projects`.
pub fn challenges<'a>(projects: &[&'a Project]) -> Vec<(&'a Project, &'a Challenge)> {
    projects.iter().flat_map(|p| p.challenges.iter().map(move |c| (*p, c))).collect()
}

/// Every lesson of `projects`.
pub fn lessons<'a>(projects: &[&'a Project]) -> Vec<(&'a Project, &'a Text)> {
    projects.iter().flat_map(|p| p.lessons.iter().map(move |l| (*p, l))).collect()
}

/// The recommendations of one audience (`None`: none given), each with
/// its project.
pub type AudienceGroup<'a> = (Option<Audience>, Vec<(&'a Project, &'a Recommendation)>);

/// Recommendations grouped by audience: the audiences in [`Audience::ALL`]
/// order, then those the data gives none (`None`); empty groups left out.
pub fn recommendations_by_audience<'a>(projects: &[&'a Project]) -> Vec<AudienceGroup<'a>> {
    let all: Vec<_> = projects.iter().flat_map(|p| p.recommendations.iter().map(move |r| (*p, r))).collect();
    Audience::ALL
        .iter()
        .map(|a| Some(*a))
        .chain([None])
        .map(|a| (a, all.iter().filter(|(_, r)| r.audience == a).copied().collect::<Vec<_>>()))
        .filter(|(_, items)| !items.is_empty())
        .collect()
}
