//! The rules engine: a qualification compiled to unit indices and numeric tests, a plan
//! evaluated against every rule, and what adding or removing each unit would do.
//!
//! Results are data with numbers (`Finding`); `explain` turns them into words at the edge.

pub mod constraints;
pub(crate) mod explain;
mod finding;
mod plan;
mod unit_set;

pub use explain::{describe_rule_kind, group_hint, qualification_summary, unit_label, window_phrase};
pub use finding::{Finding, RuleResult, Window};
pub use plan::{Carried, Plan};
pub use unit_set::{UnitSet, MAX_UNITS};

use crate::catalogue::{Qualification, RuleKind};
use crate::date::Date;

/// One unit of a compiled qualification.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub key: String,
    pub number: Option<String>,
    pub reference: String,
    pub title: String,
    pub level: u8,
    pub credits: u32,
    pub glh: Option<u32>,
    /// Index into `Compiled::groups`.
    pub group: usize,
    pub window: Option<Window>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GroupInfo {
    pub id: String,
    pub title: String,
    pub mandatory: bool,
    pub units: UnitSet,
}

/// Where a compiled rule comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A rule in the qualification's `rules`, by id.
    Printed(String),
    /// A group whose units are all mandatory.
    Mandatory(usize),
    /// A barred pair from the structure table.
    Barred(usize, usize),
    /// A unit restricted by registration date.
    Registration(usize),
}

/// A rule reduced to a numeric test over unit sets.
#[derive(Debug, Clone, PartialEq)]
enum Test {
    /// Sum of credits over `scope`, bounded below or above.
    Credits {
        scope: UnitSet,
        min: Option<u32>,
        max: Option<u32>,
    },
    /// Number of chosen units in `scope` at most `max`.
    Count { scope: UnitSet, max: u32 },
    /// All of `scope` present.
    All { scope: UnitSet },
    /// If `unit` is in the plan, the registration date must fall in its window.
    Window { unit: usize },
}

#[derive(Debug, Clone, PartialEq)]
struct CompiledRule {
    origin: Origin,
    kind: Option<RuleKind>,
    test: Test,
    alternative: Option<(RuleKind, Test)>,
    errata: Vec<String>,
}

/// A qualification ready to evaluate plans against.
#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    pub number: String,
    pub total_credits: u32,
    pub units: Vec<Unit>,
    pub groups: Vec<GroupInfo>,
    pub mandatory: UnitSet,
    rules: Vec<CompiledRule>,
}

/// Why a qualification could not be compiled (the catalogue tests prevent these).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError(pub String);

/// The evaluation of one plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub rules: Vec<RuleResult>,
    pub totals: Totals,
    /// Plan keys this qualification does not have.
    pub unknown: Vec<String>,
}

impl Verdict {
    pub fn met(&self) -> bool {
        self.rules.iter().all(|r| r.finding.met())
    }

    pub fn unmet(&self) -> impl Iterator<Item = &RuleResult> {
        self.rules.iter().filter(|r| !r.finding.met())
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Totals {
    pub credits: u32,
    pub credits_achieved: u32,
    pub credits_to_do: u32,
    pub units: u32,
    pub units_achieved: u32,
    /// GLH of the units in the plan that print GLH.
    pub glh: u32,
    /// GLH of the units still to do (what learning remains).
    pub glh_to_do: u32,
    /// Keys of units in the plan whose GLH no document prints.
    pub glh_missing: Vec<String>,
    /// Credits per level, lowest level first; levels with no credits are left out. (A short
    /// sorted list rather than a map: the browser build then needs no map code for it.)
    pub credits_by_level: Vec<(u8, u32)>,
    /// Credits per group, in group order.
    pub credits_by_group: Vec<(String, u32)>,
}

/// What choosing (or removing) a unit would do to the rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    pub unit: usize,
    /// Rules met now that the change would break, as they would read after it.
    pub breaks: Vec<RuleResult>,
    /// Rules unmet now that the change would satisfy.
    pub fixes: Vec<String>,
}

impl Prediction {
    pub fn is_fine(&self) -> bool {
        self.breaks.is_empty()
    }
}

/// The resolved plan: unit sets by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlanSets {
    /// Units to do, mandatory ones included.
    pub to_do: UnitSet,
    pub achieved: UnitSet,
    pub registered: Option<Date>,
}

impl PlanSets {
    pub fn all(&self) -> UnitSet {
        self.to_do.or(self.achieved)
    }
}

impl Compiled {
    pub fn new(q: &Qualification) -> Result<Compiled, CompileError> {
        let mut units = Vec::new();
        let mut groups = Vec::new();
        for (gi, g) in q.groups.iter().enumerate() {
            let mut members = UnitSet::EMPTY;
            for u in &g.units {
                if units.len() == MAX_UNITS {
                    return Err(CompileError(format!("{} has more than {MAX_UNITS} units", q.number)));
                }
                let window = match &u.availability {
                    None => None,
                    Some(a) => Some(Window::from_availability(a).ok_or_else(|| {
                        CompileError(format!("unit {} has an unreadable registration date", u.key()))
                    })?),
                };
                members.insert(units.len());
                units.push(Unit {
                    key: u.key(),
                    number: u.number.clone(),
                    reference: u.reference.clone(),
                    title: u.title.clone(),
                    level: u.level,
                    credits: u.credits,
                    glh: u.glh,
                    group: gi,
                    window,
                });
            }
            groups.push(GroupInfo {
                id: g.id.clone(),
                title: g.title.clone(),
                mandatory: g.mandatory,
                units: members,
            });
        }
        let mut compiled = Compiled {
            number: q.number.clone(),
            total_credits: q.total_credits,
            mandatory: groups
                .iter()
                .filter(|g| g.mandatory)
                .fold(UnitSet::EMPTY, |s, g| s.or(g.units)),
            units,
            groups,
            rules: Vec::new(),
        };
        let mut rules = Vec::new();
        for (gi, g) in compiled.groups.iter().enumerate() {
            if g.mandatory {
                rules.push(CompiledRule {
                    origin: Origin::Mandatory(gi),
                    kind: None,
                    test: Test::All { scope: g.units },
                    alternative: None,
                    errata: Vec::new(),
                });
            }
        }
        for r in &q.rules {
            let test = compiled.test_for(&r.kind)?;
            let alternative = match &r.alternative {
                Some(k) => Some(((**k).clone(), compiled.test_for(k)?)),
                None => None,
            };
            rules.push(CompiledRule {
                origin: Origin::Printed(r.id.clone()),
                kind: Some(r.kind.clone()),
                test,
                alternative,
                errata: r.errata.clone(),
            });
        }
        for (i, u) in q.units().map(|(_, u)| u).enumerate() {
            for b in &u.barred {
                // A barred unit the qualification lacks can never be chosen with this one.
                let Some(j) = compiled.index(b) else { continue };
                let (a, b) = (i.min(j), i.max(j));
                if !rules.iter().any(|r| r.origin == Origin::Barred(a, b)) {
                    rules.push(CompiledRule {
                        origin: Origin::Barred(a, b),
                        kind: None,
                        test: Test::Count {
                            scope: [a, b].into_iter().collect(),
                            max: 1,
                        },
                        alternative: None,
                        // A unit's errata concern the unit (a title, a reference), not the bar.
                        errata: Vec::new(),
                    });
                }
            }
            if let Some(a) = &u.availability {
                rules.push(CompiledRule {
                    origin: Origin::Registration(i),
                    kind: None,
                    test: Test::Window { unit: i },
                    alternative: None,
                    errata: a.errata.clone(),
                });
            }
        }
        compiled.rules = rules;
        Ok(compiled)
    }

    pub fn index(&self, key: &str) -> Option<usize> {
        self.units.iter().position(|u| u.key == key)
    }

    pub fn all_units(&self) -> UnitSet {
        (0..self.units.len()).collect()
    }

    fn group_scope(&self, ids: &[String]) -> Result<UnitSet, CompileError> {
        if ids.is_empty() {
            return Ok(self.all_units());
        }
        let mut s = UnitSet::EMPTY;
        for id in ids {
            let g = self
                .groups
                .iter()
                .find(|g| &g.id == id)
                .ok_or_else(|| CompileError(format!("{}: no group {id}", self.number)))?;
            s = s.or(g.units);
        }
        Ok(s)
    }

    fn level_scope(&self, level: u8, or_above: bool) -> UnitSet {
        self.units
            .iter()
            .enumerate()
            .filter(|(_, u)| if or_above { u.level >= level } else { u.level == level })
            .map(|(i, _)| i)
            .collect()
    }

    fn test_for(&self, kind: &RuleKind) -> Result<Test, CompileError> {
        Ok(match kind {
            RuleKind::MinTotalCredits { min } => Test::Credits {
                scope: self.all_units(),
                min: Some(*min),
                max: None,
            },
            RuleKind::MinGroupCredits { groups, min } => Test::Credits {
                scope: self.group_scope(groups)?,
                min: Some(*min),
                max: None,
            },
            RuleKind::MaxGroupCredits { groups, max } => Test::Credits {
                scope: self.group_scope(groups)?,
                min: None,
                max: Some(*max),
            },
            RuleKind::MinLevelCredits {
                level,
                or_above,
                min,
                groups,
            } => Test::Credits {
                scope: self.group_scope(groups)?.and(self.level_scope(*level, *or_above)),
                min: Some(*min),
                max: None,
            },
            RuleKind::MaxLevelCredits {
                level,
                or_above,
                max,
                groups,
            } => Test::Credits {
                scope: self.group_scope(groups)?.and(self.level_scope(*level, *or_above)),
                min: None,
                max: Some(*max),
            },
            // A listed unit the qualification lacks can never be chosen, so it drops out.
            RuleKind::MaxUnits { units, max } => Test::Count {
                scope: units.iter().filter_map(|k| self.index(k)).collect(),
                max: *max,
            },
        })
    }

    /// Resolves a plan of keys to unit sets; mandatory units are always included.
    pub fn resolve(&self, plan: &Plan) -> (PlanSets, Vec<String>) {
        let mut unknown = std::collections::BTreeSet::new();
        let mut lookup = |keys: &std::collections::BTreeSet<String>| -> UnitSet {
            let mut s = UnitSet::EMPTY;
            for k in keys {
                match self.index(k) {
                    Some(i) => s.insert(i),
                    None => {
                        unknown.insert(k.clone());
                    }
                }
            }
            s
        };
        let achieved = lookup(&plan.achieved);
        let chosen = lookup(&plan.chosen);
        let to_do = chosen.or(self.mandatory).minus(achieved);
        (
            PlanSets {
                to_do,
                achieved,
                registered: plan.registered,
            },
            unknown.into_iter().collect(),
        )
    }

    pub fn credits(&self, set: UnitSet) -> u32 {
        set.iter().map(|i| self.units[i].credits).sum()
    }

    fn passes(&self, test: &Test, all: UnitSet, registered: Option<Date>) -> bool {
        match test {
            Test::Credits { scope, min, max } => {
                let have = self.credits(all.and(*scope));
                min.is_none_or(|m| have >= m) && max.is_none_or(|m| have <= m)
            }
            Test::Count { scope, max } => all.and(*scope).len() <= *max,
            Test::All { scope } => scope.minus(all).is_empty(),
            Test::Window { unit } => {
                !all.contains(*unit)
                    || registered.is_some_and(|d| self.units[*unit].window.as_ref().is_some_and(|w| w.admits(d)))
            }
        }
    }

    /// Whether every rule holds, without building any words: the solver's and tests' fast path.
    pub fn is_valid(&self, all: UnitSet, registered: Option<Date>) -> bool {
        self.rules.iter().all(|r| self.passes(&r.test, all, registered))
    }

    /// Whether every rule holds under every reading: the primary reading of each rule and, for
    /// a rule the documents allow to be read two ways, the other reading too. As each reading
    /// decides only its own rule, this is the same as "valid under every combination of
    /// readings".
    pub fn is_valid_every_reading(&self, all: UnitSet, registered: Option<Date>) -> bool {
        self.is_valid(all, registered)
            && self.rules.iter().all(|r| {
                r.alternative
                    .as_ref()
                    .is_none_or(|(_, t)| self.passes(t, all, registered))
            })
    }

    /// Whether some rule can be read two ways.
    pub fn has_alternatives(&self) -> bool {
        self.rules.iter().any(|r| r.alternative.is_some())
    }

    fn rule_met_bits(&self, all: UnitSet, registered: Option<Date>) -> Vec<bool> {
        self.rules
            .iter()
            .map(|r| self.passes(&r.test, all, registered))
            .collect()
    }

    fn finding(
        &self,
        rule: &CompiledRule,
        kind: Option<&RuleKind>,
        test: &Test,
        all: UnitSet,
        registered: Option<Date>,
    ) -> Finding {
        let keys = |s: UnitSet| s.iter().map(|i| self.units[i].key.clone()).collect::<Vec<_>>();
        match (&rule.origin, kind) {
            (Origin::Mandatory(g), _) => {
                let scope = self.groups[*g].units;
                Finding::Mandatory {
                    group: self.groups[*g].id.clone(),
                    units: scope.len(),
                    credits: self.credits(scope),
                    missing: keys(scope.minus(all)),
                }
            }
            (Origin::Barred(a, b), _) => Finding::Barred {
                a: self.units[*a].key.clone(),
                b: self.units[*b].key.clone(),
                both: all.contains(*a) && all.contains(*b),
            },
            (Origin::Registration(u), _) => Finding::Registration {
                unit: self.units[*u].key.clone(),
                window: self.units[*u].window.clone().expect("registration rule has a window"),
                registered,
                in_plan: all.contains(*u),
            },
            (Origin::Printed(_), Some(kind)) => {
                let have = match test {
                    Test::Credits { scope, .. } => self.credits(all.and(*scope)),
                    Test::Count { scope, .. } => all.and(*scope).len(),
                    _ => 0,
                };
                match kind.clone() {
                    RuleKind::MinTotalCredits { min } => Finding::TotalCredits { have, min },
                    RuleKind::MinGroupCredits { groups, min } => Finding::GroupCreditsMin { groups, have, min },
                    RuleKind::MaxGroupCredits { groups, max } => Finding::GroupCreditsMax { groups, have, max },
                    RuleKind::MinLevelCredits {
                        level,
                        or_above,
                        min,
                        groups,
                    } => Finding::LevelCreditsMin {
                        level,
                        or_above,
                        groups,
                        have,
                        min,
                    },
                    RuleKind::MaxLevelCredits {
                        level,
                        or_above,
                        max,
                        groups,
                    } => Finding::LevelCreditsMax {
                        level,
                        or_above,
                        groups,
                        have,
                        max,
                    },
                    RuleKind::MaxUnits { units, max } => {
                        let Test::Count { scope, .. } = test else {
                            unreachable!("max_units compiles to a count")
                        };
                        Finding::UnitsMax {
                            units,
                            chosen: keys(all.and(*scope)),
                            max,
                        }
                    }
                }
            }
            (Origin::Printed(_), None) => unreachable!("printed rules keep their kind"),
        }
    }

    fn result(&self, rule: &CompiledRule, all: UnitSet, registered: Option<Date>) -> RuleResult {
        let id = match &rule.origin {
            Origin::Printed(id) => id.clone(),
            Origin::Mandatory(g) => format!("mandatory-{}", self.groups[*g].id),
            Origin::Barred(a, b) => format!("barred-{}-{}", self.units[*a].key, self.units[*b].key),
            Origin::Registration(u) => format!("registration-{}", self.units[*u].key),
        };
        RuleResult {
            id,
            finding: self.finding(rule, rule.kind.as_ref(), &rule.test, all, registered),
            alternative: rule
                .alternative
                .as_ref()
                .map(|(k, t)| self.finding(rule, Some(k), t, all, registered)),
            errata: rule.errata.clone(),
        }
    }

    pub fn evaluate(&self, plan: &Plan) -> Verdict {
        let (sets, unknown) = self.resolve(plan);
        let mut v = self.evaluate_sets(&sets);
        v.unknown = unknown;
        v
    }

    pub fn evaluate_sets(&self, sets: &PlanSets) -> Verdict {
        let all = sets.all();
        let rules = self
            .rules
            .iter()
            .map(|r| self.result(r, all, sets.registered))
            .collect();
        Verdict {
            rules,
            totals: self.totals(sets),
            unknown: Vec::new(),
        }
    }

    pub fn totals(&self, sets: &PlanSets) -> Totals {
        let all = sets.all();
        let mut t = Totals {
            credits: self.credits(all),
            credits_achieved: self.credits(sets.achieved),
            credits_to_do: self.credits(sets.to_do),
            units: all.len(),
            units_achieved: sets.achieved.len(),
            ..Totals::default()
        };
        for i in all.iter() {
            let u = &self.units[i];
            let by_level = &mut t.credits_by_level;
            match by_level.iter().position(|&(l, _)| l >= u.level) {
                Some(at) if by_level[at].0 == u.level => by_level[at].1 += u.credits,
                Some(at) => by_level.insert(at, (u.level, u.credits)),
                None => by_level.push((u.level, u.credits)),
            }
            match u.glh {
                Some(h) => {
                    t.glh += h;
                    if sets.to_do.contains(i) {
                        t.glh_to_do += h;
                    }
                }
                None => t.glh_missing.push(u.key.clone()),
            }
        }
        t.credits_by_group = self
            .groups
            .iter()
            .map(|g| (g.id.clone(), self.credits(all.and(g.units))))
            .collect();
        t
    }

    /// For every unit not in the plan, what choosing it would do; for every chosen unit that
    /// is not mandatory, what removing it would do. Achieved units are left alone.
    pub fn predictions(&self, sets: &PlanSets) -> Vec<Prediction> {
        let all = sets.all();
        let now = self.rule_met_bits(all, sets.registered);
        (0..self.units.len())
            .filter(|&i| !sets.achieved.contains(i) && !(self.mandatory.contains(i)))
            .map(|i| {
                let after = if all.contains(i) { all.without(i) } else { all.with(i) };
                self.compare(i, &now, after, sets.registered)
            })
            .collect()
    }

    /// What choosing (or, if chosen, removing) unit `i` would do.
    pub fn predict(&self, sets: &PlanSets, i: usize) -> Prediction {
        let all = sets.all();
        let now = self.rule_met_bits(all, sets.registered);
        let after = if all.contains(i) { all.without(i) } else { all.with(i) };
        self.compare(i, &now, after, sets.registered)
    }

    fn compare(&self, unit: usize, now: &[bool], after: UnitSet, registered: Option<Date>) -> Prediction {
        let mut breaks = Vec::new();
        let mut fixes = Vec::new();
        for (r, &was) in self.rules.iter().zip(now) {
            let will = self.passes(&r.test, after, registered);
            if was && !will {
                breaks.push(self.result(r, after, registered));
            } else if !was && will {
                fixes.push(self.result(r, after, registered).id);
            }
        }
        Prediction { unit, breaks, fixes }
    }
}

#[cfg(test)]
mod tests;
