//! A read-only view of the compiled rules as plain numeric constraints, for code that reasons
//! about many plans at once (the completion solver). Each rule gives its primary reading (the one
//! the verdict uses) and, for a printed rule the documents allow to be read two ways, the other
//! reading as well.

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

impl Constraint {
    /// Whether a plan with the units `all`, registered on `registered`, meets this test.
    pub fn holds(&self, c: &Compiled, all: super::UnitSet, registered: Option<crate::date::Date>) -> bool {
        let test = match *self {
            Constraint::CreditsWithin { scope, min, max } => Test::Credits { scope, min, max },
            Constraint::CountAtMost { scope, max } => Test::Count { scope, max },
            Constraint::AllOf { scope } => Test::All { scope },
            Constraint::Window { unit } => Test::Window { unit },
        };
        c.passes(&test, all, registered)
    }
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
    /// The other reading of a rule the documents allow to be read two ways (see
    /// `specs/ERRATA.md`), as printed and as a test; `None` for every other rule.
    pub alternative: Option<(RuleKind, Constraint)>,
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
                constraint: constraint(&r.test),
                alternative: r.alternative.as_ref().map(|(k, t)| (k.clone(), constraint(t))),
            })
            .collect()
    }
}

fn constraint(test: &Test) -> Constraint {
    match test {
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
    }
}
