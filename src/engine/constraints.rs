//! A read-only view of the compiled rules as plain numeric constraints, for code that reasons
//! about many plans at once (the completion solver). Only the primary reading of each rule is
//! given; the `alternative` reading stays inside the engine.

use super::{Compiled, Origin, Test};
use crate::catalogue::RuleKind;

/// One compiled rule as a numeric test over the set of units in a plan (to do and achieved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Constraint {
    /// The credits of the plan's units in `scope` are at least `min` and at most `max`.
    CreditsWithin {
        scope: super::UnitSet,
        min: Option<u32>,
        max: Option<u32>,
    },
    /// At most `max` of the units in `scope` are in the plan.
    CountAtMost { scope: super::UnitSet, max: u32 },
    /// Every unit in `scope` is in the plan.
    AllOf { scope: super::UnitSet },
    /// If `unit` is in the plan, the registration date must fall in its window.
    Window { unit: usize },
}

/// A compiled rule: where it comes from and the test it applies.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleConstraint {
    /// The same id `Compiled::evaluate` gives the rule's `RuleResult`.
    pub id: String,
    pub origin: Origin,
    /// The printed rule (primary reading), for printed rules only.
    pub kind: Option<RuleKind>,
    pub constraint: Constraint,
}

impl Compiled {
    /// Every rule, in the order `evaluate` reports them, under its primary reading.
    pub fn constraints(&self) -> Vec<RuleConstraint> {
        self.rules
            .iter()
            .map(|r| RuleConstraint {
                id: match &r.origin {
                    Origin::Printed(id) => id.clone(),
                    Origin::Mandatory(g) => format!("mandatory-{}", self.groups[*g].id),
                    Origin::Barred(a, b) => {
                        format!("barred-{}-{}", self.units[*a].key, self.units[*b].key)
                    }
                    Origin::Registration(u) => format!("registration-{}", self.units[*u].key),
                },
                origin: r.origin.clone(),
                kind: r.kind.clone(),
                constraint: match &r.test {
                    Test::Credits { scope, min, max } => Constraint::CreditsWithin {
                        scope: *scope,
                        min: *min,
                        max: *max,
                    },
                    Test::Count { scope, max } => Constraint::CountAtMost {
                        scope: *scope,
                        max: *max,
                    },
                    Test::All { scope } => Constraint::AllOf { scope: *scope },
                    Test::Window { unit } => Constraint::Window { unit: *unit },
                },
            })
            .collect()
    }
}
