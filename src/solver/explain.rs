//! Why no completion exists: typed reasons with numbers, found from the data, and turned into
//! plain English only by [`Infeasible::explain`] / [`Conflict::sentence`].
//!
//! Two kinds of reason:
//!
//! * the plan as it stands already breaks a rule that adding units cannot mend (a cap, a
//!   barred pair, "no more than n of", a unit outside its registration window), or rules out a
//!   unit it must keep ([`precheck`]);
//! * the minimums cannot be reached with the units left ([`diagnose`]). The rules and the two
//!   restrictions on what is left (units ruled out; units the registration date excludes) are
//!   put through a deletion filter: each is dropped in turn, and kept only if dropping it would
//!   let a completion exist. What remains is an irreducible conflict: every rule in it matters.
//!   One minimum on its own is reported as [`Conflict::Short`], one minimum against caps as
//!   [`Conflict::Squeezed`] when the numbers show it directly, anything else as
//!   [`Conflict::Together`].

use super::{Goal, Model, Readings};
use crate::catalogue::RuleKind;
use crate::date::Date;
use crate::engine::constraints::{Constraint, RuleConstraint};
use crate::engine::{Compiled, Origin, PlanSets, UnitSet};
use crate::words::{and_list, capital, credits, groups_phrase};

/// No valid completion exists; `conflicts` says why (never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Infeasible {
    pub conflicts: Vec<Conflict>,
}

/// Why a unit must be in every completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    Mandatory,
    Chosen,
    Achieved,
}

/// A cap that takes part in a conflict. `rule` indexes `Compiled::constraints()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapRoom {
    pub rule: usize,
    pub max: u32,
    /// Credits the plan already has under the cap.
    pub have: u32,
}

/// A rule's numbers in a conflict: credits (or, for a count rule, units) the plan already has in
/// its scope, and how many are left to choose there. `rule` indexes `Compiled::constraints()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleState {
    pub rule: usize,
    pub have: u32,
    pub left: u32,
}

/// Units that would help but cannot be added, where that is part of the reason.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Unavailable {
    /// Ruled-out units in the scope of the rules in conflict.
    pub ruled_out: Vec<usize>,
    /// Units in that scope that the registration date (or its absence) excludes.
    pub by_date: Vec<usize>,
    pub registered: Option<Date>,
}

impl Unavailable {
    fn is_empty(&self) -> bool {
        self.ruled_out.is_empty() && self.by_date.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// A unit every completion keeps is also ruled out.
    RuledOutButRequired { unit: usize, because: Required },
    /// The plan already has more credits under a cap than it allows.
    CreditsOver { rule: usize, have: u32, max: u32 },
    /// The plan already has more of a rule's units than it allows (barred pairs included).
    CountOver { rule: usize, units: Vec<usize>, max: u32 },
    /// A unit in the plan is outside its registration window (or the date is not given).
    Registration { unit: usize, registered: Option<Date> },
    /// A minimum the units left cannot reach, whatever else is chosen.
    Short {
        rule: usize,
        min: u32,
        have: u32,
        left: u32,
        unavailable: Unavailable,
    },
    /// A minimum that cannot be reached within caps: at most the caps' room plus
    /// `left_outside` (credits left to choose in the minimum's scope outside every cap).
    Squeezed {
        rule: usize,
        min: u32,
        have: u32,
        caps: Vec<CapRoom>,
        left_outside: u32,
        unavailable: Unavailable,
    },
    /// Rules that cannot all hold with the units left, though dropping any one would allow a
    /// completion.
    Together {
        rules: Vec<RuleState>,
        unavailable: Unavailable,
    },
}

/// Reasons visible without optimising: the plan rules out what it must keep, or already breaks
/// a rule that only removing units could mend.
pub(crate) fn precheck(m: &Model, plan: &PlanSets, base: UnitSet, ruled_out: UnitSet) -> Option<Infeasible> {
    let c = m.c;
    let mut conflicts = Vec::new();
    for unit in base.and(ruled_out).iter() {
        let because = if plan.achieved.contains(unit) {
            Required::Achieved
        } else if plan.to_do.contains(unit) && !c.mandatory.contains(unit) {
            Required::Chosen
        } else {
            Required::Mandatory
        };
        conflicts.push(Conflict::RuledOutButRequired { unit, because });
    }
    for (rule, r) in m.rules.iter().enumerate() {
        match r.constraint {
            Constraint::CreditsWithin {
                scope, max: Some(max), ..
            } => {
                let have = c.credits(base.and(scope));
                if have > max {
                    conflicts.push(Conflict::CreditsOver { rule, have, max });
                }
            }
            Constraint::CountAtMost { scope, max } if base.and(scope).len() > max => {
                conflicts.push(Conflict::CountOver {
                    rule,
                    units: base.and(scope).iter().collect(),
                    max,
                });
            }
            Constraint::Window { unit } if base.contains(unit) && !m.admitted(plan.registered).contains(unit) => {
                conflicts.push(Conflict::Registration {
                    unit,
                    registered: plan.registered,
                });
            }
            _ => {}
        }
    }
    (!conflicts.is_empty()).then_some(Infeasible { conflicts })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Rule(usize),
    RuledOut,
    Date,
}

/// An irreducible set of rules (and restrictions) that no completion can satisfy, in words-ready
/// form. Call only when `precheck` found nothing and no completion exists.
pub(crate) fn diagnose(m: &Model, plan: &PlanSets, base: UnitSet, ruled_out: UnitSet) -> Infeasible {
    let c = m.c;
    let all = c.all_units();
    let admitted = m.admitted(plan.registered);
    let avail_with = |items: &[Item]| {
        let mut a = all.minus(base);
        if items.contains(&Item::RuledOut) {
            a = a.minus(ruled_out);
        }
        if items.contains(&Item::Date) {
            a = a.and(admitted);
        }
        a
    };
    let feasible = |items: &[Item]| {
        let keep = |k: usize| items.contains(&Item::Rule(k));
        m.optimise(Goal::FewestUnits, base, avail_with(items), keep, Readings::Primary)
            .is_some()
    };

    // Order of trial removal: restrictions first, then count rules, then minimums (broadest
    // first, so the most specific survive), then caps. Whatever is tried last is kept most.
    let mut items = Vec::new();
    if !all.minus(base).and(ruled_out).is_empty() {
        items.push(Item::RuledOut);
    }
    if !all.minus(base).minus(admitted).is_empty() {
        items.push(Item::Date);
    }
    let mut counts = Vec::new();
    let mut mins = Vec::new();
    let mut caps = Vec::new();
    for (k, r) in m.rules.iter().enumerate() {
        match r.constraint {
            Constraint::CountAtMost { .. } => counts.push(k),
            Constraint::CreditsWithin {
                scope, min: Some(_), ..
            } => mins.push((std::cmp::Reverse(scope.len()), k)),
            Constraint::CreditsWithin { .. } => caps.push(k),
            _ => {}
        }
    }
    mins.sort_unstable();
    let order: Vec<Item> = items
        .iter()
        .copied()
        .chain(counts.into_iter().map(Item::Rule))
        .chain(mins.into_iter().map(|(_, k)| Item::Rule(k)))
        .chain(caps.into_iter().map(Item::Rule))
        .collect();
    let mut kept = order.clone();
    if feasible(&kept) {
        // Not expected (the caller found no completion); say what we can.
        return Infeasible {
            conflicts: vec![Conflict::Together {
                rules: Vec::new(),
                unavailable: Unavailable::default(),
            }],
        };
    }
    for item in &order {
        let without: Vec<Item> = kept.iter().copied().filter(|x| x != item).collect();
        if !feasible(&without) {
            kept = without;
        }
    }

    let avail = avail_with(&order);
    let rules: Vec<usize> = kept
        .iter()
        .filter_map(|x| if let Item::Rule(k) = x { Some(*k) } else { None })
        .collect();
    let min_scope = rules.iter().fold(UnitSet::EMPTY, |s, &k| match m.rules[k].constraint {
        Constraint::CreditsWithin {
            scope, min: Some(_), ..
        } => s.or(scope),
        _ => s,
    });
    let unavailable = Unavailable {
        ruled_out: if kept.contains(&Item::RuledOut) {
            min_scope.minus(base).and(ruled_out).iter().collect()
        } else {
            Vec::new()
        },
        by_date: if kept.contains(&Item::Date) {
            min_scope.minus(base).minus(admitted).iter().collect()
        } else {
            Vec::new()
        },
        registered: plan.registered,
    };

    let state = |k: usize| match m.rules[k].constraint {
        Constraint::CreditsWithin { scope, .. } => RuleState {
            rule: k,
            have: c.credits(base.and(scope)),
            left: c.credits(avail.and(scope)),
        },
        Constraint::CountAtMost { scope, .. } => RuleState {
            rule: k,
            have: base.and(scope).len(),
            left: avail.and(scope).len(),
        },
        _ => RuleState {
            rule: k,
            have: 0,
            left: 0,
        },
    };
    let min_rules: Vec<(usize, UnitSet, u32)> = rules
        .iter()
        .filter_map(|&k| match m.rules[k].constraint {
            Constraint::CreditsWithin {
                scope, min: Some(min), ..
            } => Some((k, scope, min)),
            _ => None,
        })
        .collect();
    let cap_rules: Vec<(usize, UnitSet, u32)> = rules
        .iter()
        .filter_map(|&k| match m.rules[k].constraint {
            Constraint::CreditsWithin {
                scope,
                min: None,
                max: Some(max),
            } => Some((k, scope, max)),
            _ => None,
        })
        .collect();
    let conflict = match (min_rules.as_slice(), cap_rules.len() + min_rules.len() == rules.len()) {
        ([(k, _, min)], true) if cap_rules.is_empty() => {
            let s = state(*k);
            Conflict::Short {
                rule: *k,
                min: *min,
                have: s.have,
                left: s.left,
                unavailable,
            }
        }
        ([(k, scope, min)], true) => {
            let capped = cap_rules.iter().fold(UnitSet::EMPTY, |u, (_, s, _)| u.or(*s));
            let left_outside = c.credits(avail.and(*scope).minus(capped));
            let caps: Vec<CapRoom> = cap_rules
                .iter()
                .map(|&(rule, s, max)| CapRoom {
                    rule,
                    max,
                    have: c.credits(base.and(s)),
                })
                .collect();
            let have = c.credits(base.and(*scope));
            let room: u32 = caps.iter().map(|r| r.max.saturating_sub(r.have)).sum();
            if have + left_outside + room < *min {
                Conflict::Squeezed {
                    rule: *k,
                    min: *min,
                    have,
                    caps,
                    left_outside,
                    unavailable,
                }
            } else {
                Conflict::Together {
                    rules: rules.iter().map(|&k| state(k)).collect(),
                    unavailable,
                }
            }
        }
        _ => Conflict::Together {
            rules: rules.iter().map(|&k| state(k)).collect(),
            unavailable,
        },
    };
    Infeasible {
        conflicts: vec![conflict],
    }
}

// ---------------------------------------------------------------------------------------------
// Words.

fn units_phrase(c: &Compiled, units: &[usize]) -> String {
    let keys: Vec<String> = units.iter().map(|&i| c.units[i].key.clone()).collect();
    match keys.as_slice() {
        [] => "no units".to_owned(),
        [one] => format!("unit {one}"),
        _ => format!("units {}", and_list(&keys)),
    }
}

/// Like `units_phrase`, naming at most eight units: "units 304, 305, ..., 405 and 23 others".
fn units_phrase_short(c: &Compiled, units: &[usize]) -> String {
    const NAMED: usize = 8;
    if units.len() <= NAMED + 1 {
        return units_phrase(c, units);
    }
    let keys: Vec<&str> = units[..NAMED].iter().map(|&i| c.units[i].key.as_str()).collect();
    format!("units {} and {} others", keys.join(", "), units.len() - NAMED)
}

fn level_phrase(level: u8, or_above: bool, groups: &[String]) -> String {
    let from = match groups {
        [] => String::new(),
        _ => format!(" from {}", groups_phrase(groups).trim_end_matches(" together")),
    };
    if or_above {
        format!("credits at level {level} or above{from}")
    } else {
        format!("credits at level {level}{from}")
    }
}

fn window_words(c: &Compiled, unit: usize) -> String {
    match &c.units[unit].window {
        None => "any registration date".to_owned(),
        Some(w) => match (&w.from, &w.before) {
            (Some(f), Some(b)) => format!("learners registered from {f} and before {b}"),
            (Some(f), None) => format!("learners registered on or after {f}"),
            (None, Some(b)) => format!("learners registered before {b}"),
            (None, None) => "learners with any registration date".to_owned(),
        },
    }
}

/// "Group B needs 21 credits", "the plan needs 23 credits at level 3 or above".
fn needs_clause(rule: &RuleConstraint, min: u32) -> String {
    match &rule.kind {
        Some(RuleKind::MinGroupCredits { groups, .. }) if groups.len() > 1 => {
            format!("{} need {}", groups_phrase(groups), credits(min))
        }
        Some(RuleKind::MinGroupCredits { groups, .. }) => {
            format!("{} needs {}", groups_phrase(groups), credits(min))
        }
        Some(RuleKind::MinLevelCredits {
            level,
            or_above,
            groups,
            ..
        }) => {
            format!("the plan needs {min} {}", level_phrase(*level, *or_above, groups))
        }
        _ => format!("the plan needs {} in all", credits(min)),
    }
}

/// "Group C is capped at 9 credits", "credits at level 2 from Groups B and C are capped at 6".
fn cap_clause(rule: &RuleConstraint, max: u32) -> String {
    match &rule.kind {
        Some(RuleKind::MaxGroupCredits { groups, .. }) if groups.len() > 1 => {
            format!("{} are capped at {}", groups_phrase(groups), credits(max))
        }
        Some(RuleKind::MaxGroupCredits { groups, .. }) => {
            format!("{} is capped at {}", groups_phrase(groups), credits(max))
        }
        Some(RuleKind::MaxLevelCredits {
            level,
            or_above,
            groups,
            ..
        }) => {
            format!("{} are capped at {max}", level_phrase(*level, *or_above, groups))
        }
        _ => format!("the plan is capped at {}", credits(max)),
    }
}

/// A rule in a list: "At least 21 credits from Group B", "Units 212 and 318 cannot be taken
/// together".
fn rule_line(c: &Compiled, rule: &RuleConstraint) -> String {
    match (&rule.kind, &rule.origin) {
        (Some(kind), _) => crate::engine::describe_rule_kind(kind),
        (None, Origin::Barred(a, b)) => {
            format!(
                "Units {} and {} cannot be taken together",
                c.units[*a].key, c.units[*b].key
            )
        }
        (None, Origin::Mandatory(g)) => format!("Every unit of Group {}", c.groups[*g].id),
        (None, Origin::Registration(u)) => {
            format!("Unit {} only for {}", c.units[*u].key, window_words(c, *u))
        }
        (None, Origin::Printed(id)) => format!("Rule {id}"),
    }
}

impl Unavailable {
    fn sentence(&self, c: &Compiled) -> String {
        let mut out = Vec::new();
        if !self.ruled_out.is_empty() {
            let verb = if self.ruled_out.len() == 1 { "is" } else { "are" };
            out.push(format!(
                "{} {verb} ruled out.",
                capital(&units_phrase_short(c, &self.ruled_out))
            ));
        }
        if !self.by_date.is_empty() {
            let units = capital(&units_phrase(c, &self.by_date));
            out.push(match (self.registered, self.by_date.len()) {
                (None, 1) => {
                    format!("{units} depends on the registration date, which is not given, so it is left out.")
                }
                (None, _) => {
                    format!("{units} depend on the registration date, which is not given, so they are left out.")
                }
                (Some(d), _) => format!("{units} cannot be taken by a learner registered on {d}."),
            });
        }
        out.join(" ")
    }
}

impl Conflict {
    /// The reason in plain English. `rules` is `c.constraints()`.
    pub fn sentence(&self, c: &Compiled, rules: &[RuleConstraint]) -> String {
        let with = |s: String, u: &Unavailable| {
            if u.is_empty() {
                s
            } else {
                format!("{s} {}", u.sentence(c))
            }
        };
        match self {
            Conflict::RuledOutButRequired { unit, because } => {
                let key = &c.units[*unit].key;
                match because {
                    Required::Mandatory => {
                        format!("Unit {key} is mandatory, so it cannot be ruled out.")
                    }
                    Required::Chosen => format!("Unit {key} is both chosen and ruled out."),
                    Required::Achieved => {
                        format!("Unit {key} is already achieved, so it cannot be ruled out.")
                    }
                }
            }
            Conflict::CreditsOver { rule, have, max } => format!(
                "{}: the plan already has {have}, and adding units cannot bring that down.",
                capital(&cap_clause(&rules[*rule], *max))
            ),
            Conflict::CountOver { rule, units, .. } => match rules[*rule].origin {
                Origin::Barred(..) => format!(
                    "{} cannot be taken together, and the plan has both.",
                    capital(&units_phrase(c, units))
                ),
                _ => format!(
                    "{}: the plan already has {} ({}), and adding units cannot mend that.",
                    rule_line(c, &rules[*rule]),
                    units.len(),
                    units_phrase(c, units)
                ),
            },
            Conflict::Registration { unit, registered } => {
                let base = format!("Unit {} is only for {}", c.units[*unit].key, window_words(c, *unit));
                match registered {
                    None => format!("{base}, and the plan has no registration date."),
                    Some(d) => format!("{base}, and this learner registered on {d}."),
                }
            }
            Conflict::Short {
                rule,
                min,
                have,
                left,
                unavailable,
            } => {
                let rest = if *left == 0 {
                    "no units that count towards it are left to choose".to_owned()
                } else {
                    format!("the units left to choose there add up to only {}", credits(*left))
                };
                with(
                    format!(
                        "{}: {have} so far, and {rest}.",
                        capital(&needs_clause(&rules[*rule], *min))
                    ),
                    unavailable,
                )
            }
            Conflict::Squeezed {
                rule,
                min,
                have,
                caps,
                left_outside,
                unavailable,
            } => {
                let caps: Vec<String> = caps
                    .iter()
                    .map(|r| {
                        let clause = cap_clause(&rules[r.rule], r.max);
                        if r.have > 0 {
                            format!("{clause} ({} already in the plan)", r.have)
                        } else {
                            clause
                        }
                    })
                    .collect();
                let have = if *have > 0 {
                    format!(" ({have} already in the plan)")
                } else {
                    String::new()
                };
                let rest = if *left_outside == 0 {
                    "no other units left to choose count towards it".to_owned()
                } else {
                    format!(
                        "only {} are left to choose outside {}",
                        credits(*left_outside),
                        if caps.len() == 1 { "that cap" } else { "those caps" }
                    )
                };
                with(
                    format!(
                        "{}, but {}{have}, and {rest}.",
                        capital(&and_list(&caps)),
                        needs_clause(&rules[*rule], *min)
                    ),
                    unavailable,
                )
            }
            Conflict::Together {
                rules: states,
                unavailable,
            } => {
                let lines: Vec<String> = states
                    .iter()
                    .map(|s| {
                        let r = &rules[s.rule];
                        let numbers = match r.constraint {
                            Constraint::CreditsWithin { min: Some(_), .. } => {
                                format!("the plan has {}, {} left to choose", s.have, s.left)
                            }
                            Constraint::CreditsWithin { .. } => format!("the plan has {}", s.have),
                            Constraint::CountAtMost { .. } => format!(
                                "the plan has {}, {} left to choose",
                                s.have,
                                if s.left == 1 {
                                    "1 unit".to_owned()
                                } else {
                                    format!("{} units", s.left)
                                }
                            ),
                            _ => String::new(),
                        };
                        format!("{} ({numbers})", rule_line(c, r))
                    })
                    .collect();
                if lines.is_empty() {
                    with("No valid plan can be made from the units left.".to_owned(), unavailable)
                } else {
                    with(
                        format!(
                            "These rules cannot all be met with the units left: {}.",
                            lines.join("; ")
                        ),
                        unavailable,
                    )
                }
            }
        }
    }
}

impl Infeasible {
    /// Every reason, in plain English, one sentence (or two) each.
    pub fn explain(&self, c: &Compiled) -> String {
        let rules = c.constraints();
        self.conflicts
            .iter()
            .map(|x| x.sentence(c, &rules))
            .collect::<Vec<_>>()
            .join(" ")
    }
}
