//! The goal a logic lint finding asks a witness to show.

use crate::lint::logic::{Finding, Kind, Owner};

use super::{Goal, NoWitness, Site, Unsatisfiable};

impl Goal {
    /// What a witness of `finding` must show; `None` for a finding that is
    /// not about events (an unused act, a pragma, an undecided question);
    /// `Err` when the finding proves that no witness exists.
    pub fn of_finding(finding: &Finding) -> Option<Result<Goal, NoWitness>> {
        let site = match finding.owner {
            Owner::Article(i) => Some(Site::Article(i)),
            Owner::Exception(i) => Some(Site::Exception(i)),
            Owner::Act(_) | Owner::Pragma => None,
        };
        let part = |holds| {
            site.map(|site| {
                Ok(Goal::Exercised {
                    site,
                    part: finding.span.range.clone(),
                    holds,
                })
            })
        };
        match &finding.kind {
            Kind::Unsatisfiable | Kind::NeverWithArticle { .. } => {
                Some(Err(NoWitness::Proven(Unsatisfiable::ByCaller)))
            }
            Kind::AlwaysTrue => site.map(|s| {
                Ok(match s {
                    Site::Article(i) => Goal::Article(i),
                    Site::Exception(i) => Goal::Exception(i),
                })
            }),
            Kind::PartAlwaysTrue => part(true),
            Kind::PartAlwaysFalse => part(false),
            Kind::Redundant { by } => match finding.owner {
                Owner::Exception(i) => Some(Ok(Goal::Both(i, *by))),
                Owner::Article(_) | Owner::Act(_) | Owner::Pragma => None,
            },
            Kind::Overlap {
                relieves, upholds, ..
            } => Some(Ok(Goal::Both(*relieves, *upholds))),
            Kind::Gap { act } => Some(Ok(Goal::Unreached(usize::from(*act)))),
            Kind::Shadowed { .. }
            | Kind::UnusedAct { .. }
            | Kind::NotDecided { .. }
            | Kind::PragmaWithoutReason
            | Kind::PragmaUnknownCode { .. }
            | Kind::PragmaAllowsNothing => None,
        }
    }
}
