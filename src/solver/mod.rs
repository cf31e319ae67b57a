//! "Complete my pathway": the best valid completion of a partial plan, exactly.
//!
//! Given a compiled qualification and a partial plan (units chosen, units achieved, units the
//! learner has ruled out, and the registration date if known), [`complete`] finds the valid
//! plan that keeps everything already in it (the mandatory units too), adds none of the
//! ruled-out units, and adds the least for the [`Goal`]. [`shortest_routes`] does the same from
//! an empty plan for every goal, to say how short the shortest route through a qualification is.
//!
//! # What is minimised
//!
//! Each unit added has three measures: hours, credits and 1 (a unit). A goal compares
//! completions by its own measure first, then by the other two in the fixed order hours,
//! credits, units, and finally by the units themselves (see [`Goal::order`]):
//!
//! | goal            | compared by                                                    |
//! |-----------------|----------------------------------------------------------------|
//! | `FewestHours`   | hours, then every reading, then credits, units, position       |
//! | `FewestCredits` | credits, then every reading, then hours, units, position       |
//! | `FewestUnits`   | units, then every reading, then hours, credits, position       |
//!
//! "Every reading": at equal cost on the goal's own measure, a plan that every reading of the
//! rules accepts comes before one that only the primary reading accepts (see below).
//! "Position": of two completions equal on all three measures (so the same number of units),
//! the one whose first differing unit in document order it contains wins, i.e. the
//! lexicographically smallest list of unit indices. The order is total, so the same input
//! always gives the same completion.
//!
//! # Rules that can be read two ways
//!
//! Where a document can be read two ways ("at level N" with or without higher levels, the
//! scope of a cap, a total that does not add up; `specs/ERRATA.md`), the catalogue gives the
//! rule an `alternative` reading next to the one the verdict uses. A plan is *accepted by every
//! reading* when it meets the primary reading of every rule and the other reading of every rule
//! that has one. That is the same as being valid under every combination of readings: a plan is
//! valid under a combination exactly when each rule passes under the reading the combination
//! picks for it, and each reading decides only its own rule. (Both are tested against
//! brute-force search.) Only the primary readings decide whether a plan is valid at all; the
//! other readings only rank plans that are.
//!
//! Robustness ranks right after the goal's own measure, before the other measures: the point
//! is to prefer, at the same number of credits (or hours, or units) the learner asked to
//! minimise, a plan no reading of the documents can reject, even if it is longer on a measure
//! they did not ask about. Results carry a [`Robustness`]: accepted by every reading, or only
//! by the primary reading together with what the best plan every reading accepts would cost
//! more on the goal's measure, or that no such plan exists.
//!
//! It stays exact with two searches under the order without readings: the best plan under the
//! primary readings, and, only if some other reading rejects it, the best plan that meets the
//! other readings as well (their tests are added as extra rules). If the second has the same
//! goal measure it is the answer, since nothing every reading accepts is better and nothing
//! cheaper exists; otherwise the first is, and the difference is the extra cost.
//!
//! # Hours where a unit prints no GLH
//!
//! A unit's hours are its printed guided learning hours (GLH). Where no document prints a
//! unit's GLH, it counts as [`HOURS_PER_CREDIT_WITHOUT_GLH`] (10) hours per credit: by the
//! definition of a credit (one credit is ten hours of total qualification time, which includes
//! the guided hours) that is an upper estimate, so a unit never looks cheaper than it may be
//! merely because its hours are unknown, and it scales with the unit's size. Where no unit of a
//! qualification prints GLH (the ProQual qualifications), "fewest hours" therefore ranks plans
//! exactly as "fewest credits" does. Results list the units whose hours were estimated
//! (`glh_unknown`) and give printed GLH separately (`added_glh`), so the page can say so.
//!
//! # Why the answer is exact
//!
//! The optimiser (`dp.rs`) is a dynamic programme over the numbers the rules look at (credits
//! per rule scope, saturated at each minimum and cut off at each cap), with barred pairs and
//! "no more than n of" rules handled by enumerating their clusters of units. It keeps the one
//! best partial choice per state under an order that adding units cannot overturn, so it is
//! exact; no greedy step or heuristic is involved (the only pruning drops what provably cannot
//! win). The tests compare it with exhaustive search on every embedded qualification.
//!
//! # Registration dates
//!
//! A unit with a registration-date window can be added only when the plan's registration date
//! is known and falls in the window; with no date such units are left out (and an explanation
//! says so when that is why no completion exists). [`shortest_routes`] does not know the date:
//! it tries one date inside every stretch between window boundaries and keeps the best route,
//! reporting a date under which the route is valid when the route uses a dated unit.

mod dp;
mod explain;
#[cfg(test)]
mod tests;

pub use explain::{CapRoom, Conflict, Infeasible, Required, RuleState, Unavailable};

use crate::date::Date;
use crate::engine::constraints::{Constraint, RuleConstraint};
use crate::engine::{Compiled, PlanSets, Unit, UnitSet};
use dp::{Cost, CountRule, CreditRule, Problem};

/// Hours counted per credit for a unit whose guided learning hours no document prints.
pub const HOURS_PER_CREDIT_WITHOUT_GLH: u32 = 10;

/// The hours [`Goal::FewestHours`] counts for a unit: its GLH where printed, otherwise
/// [`HOURS_PER_CREDIT_WITHOUT_GLH`] per credit.
pub fn unit_hours(u: &Unit) -> u32 {
    u.glh.unwrap_or(u.credits * HOURS_PER_CREDIT_WITHOUT_GLH)
}

/// What "best" means for a completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Goal {
    /// Fewest guided learning hours added (see the module notes for units without GLH).
    FewestHours,
    /// Fewest credits added.
    FewestCredits,
    /// Fewest units added.
    FewestUnits,
}

/// A measure of a set of units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    Hours,
    Credits,
    Units,
}

impl Goal {
    pub const ALL: [Goal; 3] = [Goal::FewestHours, Goal::FewestCredits, Goal::FewestUnits];

    /// The measures compared, most important first; ties after all three go to the completion
    /// whose first differing unit in document order it contains.
    pub fn order(self) -> [Measure; 3] {
        match self {
            Goal::FewestHours => [Measure::Hours, Measure::Credits, Measure::Units],
            Goal::FewestCredits => [Measure::Credits, Measure::Hours, Measure::Units],
            Goal::FewestUnits => [Measure::Units, Measure::Hours, Measure::Credits],
        }
    }

    fn cost(self, u: &Unit) -> Cost {
        Cost(self.order().map(|m| match m {
            Measure::Hours => unit_hours(u),
            Measure::Credits => u.credits,
            Measure::Units => 1,
        }))
    }
}

/// How a result fares where the documents can be read two ways (rules with an `alternative`
/// reading, see `specs/ERRATA.md` and the module notes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Robustness {
    /// No rule of the qualification can be read two ways.
    Unambiguous,
    /// Every reading of every rule accepts the plan.
    Accepted,
    /// The other reading of `rules` (indices into `Compiled::constraints()`) rejects the plan;
    /// the best plan that every reading accepts costs `extra` more on the goal's own measure
    /// (credits, hours or units). `instead` is that plan: for a completion the units it would
    /// add, for a route all its units.
    Costs {
        rules: Vec<usize>,
        extra: u32,
        instead: UnitSet,
    },
    /// The other reading of `rules` rejects the plan, and no plan that every reading accepts
    /// exists (from this partial plan, without the units ruled out, under its date).
    Impossible { rules: Vec<usize> },
}

/// A partial plan to complete.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The plan so far (from `Compiled::resolve`); its registration date decides dated units.
    pub plan: &'a PlanSets,
    /// Units the learner will not take.
    pub ruled_out: UnitSet,
    pub goal: Goal,
}

/// The best completion of a plan for a goal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub goal: Goal,
    /// The units to add: none was in the plan (or mandatory) and none is ruled out.
    pub added: UnitSet,
    pub added_units: u32,
    pub added_credits: u32,
    /// The hours the goal counts: printed GLH, plus 10 per credit for added units without GLH.
    pub added_hours: u32,
    /// Printed GLH of the added units that print it.
    pub added_glh: u32,
    /// Added units (indices) whose GLH no document prints, in document order.
    pub glh_unknown: Vec<usize>,
    /// The completed plan: `added` (and any mandatory unit the plan lacked) joins `to_do`.
    pub plan: PlanSets,
    /// Whether every reading of the rules accepts the completed plan, and if not, what a
    /// completion every reading accepts would cost.
    pub robust: Robustness,
}

/// The shortest route through a qualification for one goal: a whole valid plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub goal: Goal,
    /// Every unit of the route, mandatory units included.
    pub units: UnitSet,
    pub unit_count: u32,
    pub credits: u32,
    /// Printed GLH, plus 10 per credit for units without GLH.
    pub hours: u32,
    /// Printed GLH of the units that print it.
    pub glh: u32,
    /// Units of the route whose GLH no document prints.
    pub glh_unknown: Vec<usize>,
    /// A registration date under which the route is valid, when it uses a unit restricted by
    /// registration date (`None` when no unit of the route depends on the date).
    pub registered: Option<Date>,
    /// Whether every reading of the rules accepts the route, and if not, what a route every
    /// reading accepts would cost.
    pub robust: Robustness,
}

/// The shortest routes from an empty plan, one per goal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routes {
    pub hours: Route,
    pub credits: Route,
    pub units: Route,
}

impl Routes {
    /// "The shortest route is 45 credits and 245 hours." Each figure is the minimum for its own
    /// goal (the route with fewest credits need not be the one with fewest hours).
    pub fn sentence(&self) -> String {
        let estimated = if self.hours.glh_unknown.is_empty() {
            ""
        } else {
            ", counting 10 hours per credit where a unit prints no guided learning hours"
        };
        format!(
            "The shortest route is {} credits and {} hours{estimated}.",
            self.credits.credits, self.hours.hours
        )
    }
}

/// Which readings of the rules an optimisation must satisfy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Readings {
    /// The primary reading of every rule (the one the verdict uses).
    Primary,
    /// The primary reading and, for every rule that has one, the other reading too.
    Every,
}

/// The best plan under the solver's order (the goal's own measure, then a plan every reading
/// accepts, then the rest) and how it fares under every reading. `solve(readings)` is the best
/// plan in the order without readings that satisfies `readings`; `T` rides along (a
/// registration date for routes).
///
/// If the best plan under the primary readings is accepted by every reading, it is the answer.
/// Otherwise the best plan every reading accepts is the answer when its goal measure is the
/// same (it is then the best of the plans at that measure that every reading accepts, and none
/// better exists), and otherwise says what accepting every reading costs.
fn best_over_readings<T>(
    m: &Model,
    base: UnitSet,
    solve: impl Fn(Readings) -> Option<(Cost, UnitSet, T)>,
) -> Option<((Cost, UnitSet, T), Robustness)> {
    let best = solve(Readings::Primary)?;
    if !m.c.has_alternatives() {
        return Some((best, Robustness::Unambiguous));
    }
    // The other readings are credit and count tests, which never look at the date.
    let rules = m.other_reading_rejects(base.or(best.1));
    if rules.is_empty() {
        return Some((best, Robustness::Accepted));
    }
    Some(match solve(Readings::Every) {
        Some(every) if every.0 .0[0] == best.0 .0[0] => (every, Robustness::Accepted),
        Some(every) => {
            let extra = every.0 .0[0] - best.0 .0[0];
            let instead = every.1;
            (best, Robustness::Costs { rules, extra, instead })
        }
        None => (best, Robustness::Impossible { rules }),
    })
}

/// Everything the solver needs from a compiled qualification, read once.
pub(crate) struct Model<'c> {
    pub c: &'c Compiled,
    pub rules: Vec<RuleConstraint>,
    pub credits: Vec<u32>,
}

impl<'c> Model<'c> {
    pub fn new(c: &'c Compiled) -> Model<'c> {
        Model {
            c,
            rules: c.constraints(),
            credits: c.units.iter().map(|u| u.credits).collect(),
        }
    }

    /// Units every completion includes: mandatory groups (and any all-of rule).
    pub fn required(&self) -> UnitSet {
        self.rules.iter().fold(self.c.mandatory, |s, r| match r.constraint {
            Constraint::AllOf { scope } => s.or(scope),
            _ => s,
        })
    }

    /// Units that a plan registered on `date` may include.
    pub fn admitted(&self, date: Option<Date>) -> UnitSet {
        (0..self.c.units.len())
            .filter(|&i| match &self.c.units[i].window {
                None => true,
                Some(w) => date.is_some_and(|d| w.admits(d)),
            })
            .collect()
    }

    /// The rules (indices into `rules`) whose other reading rejects a plan with the units `all`.
    /// Other readings are credit and count tests, which never look at the registration date.
    pub fn other_reading_rejects(&self, all: UnitSet) -> Vec<usize> {
        self.rules
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.alternative
                    .as_ref()
                    .is_some_and(|(_, alt)| !alt.holds(self.c, all, None))
            })
            .map(|(k, _)| k)
            .collect()
    }

    /// The optimiser over the rules selected by `keep` (all credit and count rules when every
    /// index is kept), adding from `avail` to `base`; under every reading, the other reading of
    /// each kept rule that has one binds as well.
    pub fn optimise(
        &self,
        goal: Goal,
        base: UnitSet,
        avail: UnitSet,
        keep: impl Fn(usize) -> bool,
        readings: Readings,
    ) -> Option<(Cost, UnitSet)> {
        let mut credit_rules = Vec::new();
        let mut count_rules = Vec::new();
        for (k, r) in self.rules.iter().enumerate() {
            if !keep(k) {
                continue;
            }
            let other = match readings {
                Readings::Primary => None,
                Readings::Every => r.alternative.as_ref().map(|(_, alt)| alt),
            };
            for constraint in std::iter::once(&r.constraint).chain(other) {
                match *constraint {
                    Constraint::CreditsWithin { scope, min, max } => credit_rules.push(CreditRule { scope, min, max }),
                    Constraint::CountAtMost { scope, max } => count_rules.push(CountRule { scope, max }),
                    Constraint::AllOf { .. } | Constraint::Window { .. } => {}
                }
            }
        }
        let cost: Vec<Cost> = self.c.units.iter().map(|u| goal.cost(u)).collect();
        let p = Problem {
            credits: &self.credits,
            cost: &cost,
            base,
            avail,
            credit_rules: &credit_rules,
            count_rules: &count_rules,
        };
        dp::solve(&p)
    }
}

/// The best valid completion of `req.plan` for `req.goal`, or why there is none.
pub fn complete(c: &Compiled, req: Request) -> Result<Completion, Infeasible> {
    let m = Model::new(c);
    let base = req.plan.all().or(m.required());
    if let Some(why) = explain::precheck(&m, req.plan, base, req.ruled_out) {
        return Err(why);
    }
    let avail = m.admitted(req.plan.registered).minus(base).minus(req.ruled_out);
    let solve = |readings| {
        m.optimise(req.goal, base, avail, |_| true, readings)
            .map(|(cost, added)| (cost, added, ()))
    };
    match best_over_readings(&m, base, solve) {
        Some(((_, added, ()), robust)) => {
            let (added_units, added_credits, added_hours, added_glh, glh_unknown) = measure(c, added);
            let to_do = req.plan.to_do.or(base.minus(req.plan.achieved)).or(added);
            Ok(Completion {
                goal: req.goal,
                added,
                added_units,
                added_credits,
                added_hours,
                added_glh,
                glh_unknown,
                plan: PlanSets {
                    to_do,
                    achieved: req.plan.achieved,
                    registered: req.plan.registered,
                },
                robust,
            })
        }
        None => Err(explain::diagnose(&m, req.plan, base, req.ruled_out)),
    }
}

/// Units, credits, hours, printed GLH and the units without GLH of a set.
fn measure(c: &Compiled, s: UnitSet) -> (u32, u32, u32, u32, Vec<usize>) {
    let units: Vec<&Unit> = s.iter().map(|i| &c.units[i]).collect();
    (
        s.len(),
        c.credits(s),
        units.iter().map(|u| unit_hours(u)).sum(),
        units.iter().filter_map(|u| u.glh).sum(),
        s.iter().filter(|&i| c.units[i].glh.is_none()).collect(),
    )
}

/// One date inside every stretch between registration-window boundaries (the day before the
/// first boundary, then each boundary, as `from` is inclusive and `before` exclusive), in date
/// order; just `None` when no unit has a window. With no date every dated unit is unusable, and
/// any date makes at least those units usable, so `None` need not be tried when there are windows.
pub fn representative_dates(c: &Compiled) -> Vec<Option<Date>> {
    let mut bounds: Vec<Date> = c
        .units
        .iter()
        .filter_map(|u| u.window.as_ref())
        .flat_map(|w| [w.from, w.before])
        .flatten()
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    match bounds.first() {
        None if c.units.iter().any(|u| u.window.is_some()) => vec![Some(Date {
            year: 2000,
            month: 1,
            day: 1,
        })],
        None => vec![None],
        Some(&first) => std::iter::once(day_before(first))
            .chain(bounds.iter().copied())
            .map(Some)
            .collect(),
    }
}

fn day_before(d: Date) -> Date {
    if d.day > 1 {
        return Date { day: d.day - 1, ..d };
    }
    let (year, month) = if d.month == 1 {
        (d.year - 1, 12)
    } else {
        (d.year, d.month - 1)
    };
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let day = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    Date { year, month, day }
}

/// The shortest route from an empty plan for each goal, over every registration date.
pub fn shortest_routes(c: &Compiled) -> Result<Routes, Infeasible> {
    let m = Model::new(c);
    let empty = PlanSets::default();
    let base = m.required();
    if let Some(why) = explain::precheck(&m, &empty, base, UnitSet::EMPTY) {
        return Err(why);
    }
    let dates = representative_dates(c);
    // The best route over every date under the given readings. The base is the same for every
    // date, so comparing what is added compares routes.
    let best_over_dates = |goal: Goal, readings: Readings| {
        let mut best: Option<(Cost, UnitSet, Option<Date>)> = None;
        for &date in &dates {
            let avail = m.admitted(date).minus(base);
            if let Some((cost, added)) = m.optimise(goal, base, avail, |_| true, readings) {
                if best.is_none_or(|(bc, bs, _)| dp::precedes((cost, added), (bc, bs))) {
                    best = Some((cost, added, date));
                }
            }
        }
        best
    };
    let route = |goal: Goal| -> Option<Route> {
        let ((_, added, date), robust) = best_over_readings(&m, base, |readings| best_over_dates(goal, readings))?;
        let robust = match robust {
            Robustness::Costs { rules, extra, instead } => Robustness::Costs {
                rules,
                extra,
                instead: instead.or(base),
            },
            other => other,
        };
        let units = base.or(added);
        let (unit_count, credits, hours, glh, glh_unknown) = measure(c, units);
        let dated = units.iter().any(|i| c.units[i].window.is_some());
        Some(Route {
            goal,
            units,
            unit_count,
            credits,
            hours,
            glh,
            glh_unknown,
            registered: date.filter(|_| dated),
            robust,
        })
    };
    match (
        route(Goal::FewestHours),
        route(Goal::FewestCredits),
        route(Goal::FewestUnits),
    ) {
        (Some(hours), Some(credits), Some(units)) => Ok(Routes { hours, credits, units }),
        _ => Err(explain::diagnose(&m, &empty, base, UnitSet::EMPTY)),
    }
}
