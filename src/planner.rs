//! What the planner page does to a plan and what it shows for each unit, as pure functions, so
//! the components only render and forward events.

use crate::across::search::{unit_matches, Query};
use crate::date::Date;
use crate::engine::{Compiled, Plan, PlanSets, Prediction};
use crate::solver::{self, Goal, Request, Robustness};
use crate::words;

/// Every qualification of the embedded catalogue, compiled once for the life of the process.
pub fn compiled(number: &str) -> Option<&'static Compiled> {
    static ALL: std::sync::OnceLock<Vec<Compiled>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        crate::catalogue::shared()
            .map(|cat| {
                cat.qualifications
                    .iter()
                    .filter_map(|q| Compiled::new(q).ok())
                    .collect()
            })
            .unwrap_or_default()
    })
    .iter()
    .find(|c| c.number == number)
}

/// A change the user asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Tick or untick a unit to do.
    Toggle(String),
    /// Mark or unmark a unit as already achieved (it leaves the to-do list when marked).
    ToggleAchieved(String),
    /// Keep a unit out of (or let it back into) "complete my pathway" suggestions.
    ToggleRuledOut(String),
    SetRegistered(Option<Date>),
    /// Add these units to the plan (the solver's completion).
    AddAll(Vec<String>),
    /// Mark these units as already achieved (mandatory ones too), e.g. from a pasted list.
    AchieveAll(Vec<String>),
    /// Remove these units from the plan (undoing a completion).
    RemoveAll(Vec<String>),
    Clear,
}

/// The plan after an action. Mandatory units are never stored: they are always included.
pub fn apply(compiled: &Compiled, plan: &Plan, action: &Action) -> Plan {
    let mut next = plan.clone();
    let mandatory = |k: &str| compiled.index(k).is_some_and(|i| compiled.mandatory.contains(i));
    match action {
        Action::Toggle(k) => {
            if !next.chosen.remove(k) && !mandatory(k) && compiled.index(k).is_some() {
                next.achieved.remove(k);
                next.ruled_out.remove(k);
                next.chosen.insert(k.clone());
            }
        }
        Action::ToggleAchieved(k) => {
            if !next.achieved.remove(k) && compiled.index(k).is_some() {
                next.chosen.remove(k);
                next.ruled_out.remove(k);
                next.achieved.insert(k.clone());
            }
        }
        Action::ToggleRuledOut(k) => {
            if !next.ruled_out.remove(k) && compiled.index(k).is_some() && !mandatory(k) {
                next.ruled_out.insert(k.clone());
                next.chosen.remove(k);
            }
        }
        Action::SetRegistered(d) => next.registered = *d,
        Action::AddAll(keys) => {
            for k in keys {
                if !mandatory(k) && !next.achieved.contains(k) && compiled.index(k).is_some() {
                    next.ruled_out.remove(k);
                    next.chosen.insert(k.clone());
                }
            }
        }
        Action::AchieveAll(keys) => {
            for k in keys.iter().filter(|k| compiled.index(k).is_some()) {
                next.chosen.remove(k);
                next.ruled_out.remove(k);
                next.achieved.insert(k.clone());
            }
        }
        Action::RemoveAll(keys) => {
            for k in keys {
                next.chosen.remove(k);
            }
        }
        Action::Clear => {
            next = Plan {
                registered: plan.registered,
                ..Plan::default()
            }
        }
    }
    // A carried unit is an achieved one: unmarking it drops it from the record.
    if let Some(c) = &mut next.carried {
        c.units.retain(|k| next.achieved.contains(k));
        if c.units.is_empty() {
            next.carried = None;
        }
    }
    next
}

/// The planner page's state: the plan, and what the last "complete my pathway" added. The
/// completion is part of the state so that its message and its undo can never outlive the plan
/// they describe (browser Back, a link, or clearing the plan drops them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlannerState {
    pub plan: Plan,
    pub completion: Option<CompletionReport>,
}

/// What can happen to the planner's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlannerEvent {
    /// The user changed the plan.
    Act(Action),
    /// "Complete my pathway" found these units: add them and remember the report.
    Completed(CompletionReport),
    /// Take the last completion's units out again.
    UndoCompletion,
    /// The address now names this plan (browser Back or Forward, a link, a plan file).
    Show(Plan),
}

impl PlannerState {
    pub fn new(plan: Plan) -> PlannerState {
        PlannerState { plan, completion: None }
    }

    /// The state after `event`. A completion stays only while every unit it added is still to
    /// do, so its highlight and undo keep describing the plan on screen.
    pub fn reduce(&self, compiled: &Compiled, event: PlannerEvent) -> PlannerState {
        let (plan, completion) = match event {
            PlannerEvent::Act(action) => (apply(compiled, &self.plan, &action), self.completion.clone()),
            PlannerEvent::Completed(report) => (
                apply(compiled, &self.plan, &Action::AddAll(report.added.clone())),
                Some(report),
            ),
            PlannerEvent::UndoCompletion => match &self.completion {
                Some(report) => (
                    apply(compiled, &self.plan, &Action::RemoveAll(report.added.clone())),
                    None,
                ),
                None => (self.plan.clone(), None),
            },
            PlannerEvent::Show(plan) if plan == self.plan => (plan, self.completion.clone()),
            PlannerEvent::Show(plan) => (plan, None),
        };
        let completion = completion.filter(|r| r.added.iter().all(|k| plan.chosen.contains(k)));
        PlannerState { plan, completion }
    }

    /// Whether `key` was added by the completion on screen.
    pub fn added(&self, key: &str) -> bool {
        self.completion
            .as_ref()
            .is_some_and(|r| r.added.iter().any(|k| k == key))
    }
}

/// A saved or remembered plan's verdict in a few words, from its address: "✓ Meets the rules",
/// "✗ Not yet (12 of 42 credits)", or "Cannot be opened" for an address that names no plan.
pub fn verdict_line(cat: &crate::catalogue::Catalogue, address: &str) -> String {
    match crate::address::decode(address, cat).route {
        crate::address::Route::Planner { number, plan } => match compiled(&number) {
            Some(c) => {
                let v = c.evaluate(&plan);
                if v.met() {
                    "\u{2713} Meets the rules".to_owned()
                } else {
                    format!("\u{2717} Not yet ({} of {} credits)", v.totals.credits, c.total_credits)
                }
            }
            None => String::new(),
        },
        _ => "Cannot be opened".to_owned(),
    }
}

/// How the unit list is narrowed. Filtering only hides rows; the plan is untouched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub text: String,
    pub level: Option<u8>,
    pub addable_only: bool,
}

impl Filters {
    pub fn is_active(&self) -> bool {
        !self.text.trim().is_empty() || self.level.is_some() || self.addable_only
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowState {
    Mandatory,
    Achieved,
    Chosen,
    Available,
}

/// One unit's row on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRow {
    pub index: usize,
    pub state: RowState,
    /// For an available unit: why choosing it would break a rule. For a chosen one: what
    /// removing it would break. Empty when the change is fine.
    pub warnings: Vec<String>,
    pub visible: bool,
}

/// Every unit's row, in document order.
pub fn rows(compiled: &Compiled, sets: &PlanSets, filters: &Filters) -> Vec<UnitRow> {
    let predictions: Vec<Prediction> = compiled.predictions(sets);
    // The same word matching as "Find a unit": title, content, unit number and reference.
    let query = Query::new(&filters.text);
    let text_matches = if query.is_empty() {
        Vec::new()
    } else {
        unit_matches(&compiled.number, &query)
    };
    (0..compiled.units.len())
        .map(|i| {
            let state = if sets.achieved.contains(i) {
                RowState::Achieved
            } else if compiled.mandatory.contains(i) {
                RowState::Mandatory
            } else if sets.to_do.contains(i) {
                RowState::Chosen
            } else {
                RowState::Available
            };
            let warnings = predictions
                .iter()
                .find(|p| p.unit == i)
                .map(|p| p.reasons(compiled, state == RowState::Available))
                .unwrap_or_default();
            let u = &compiled.units[i];
            let matches_text = query.is_empty() || text_matches.get(i).copied().unwrap_or(false);
            let matches_level = filters.level.is_none_or(|l| u.level == l);
            let matches_addable = !filters.addable_only || (state == RowState::Available && warnings.is_empty());
            UnitRow {
                index: i,
                state,
                warnings,
                visible: matches_text && matches_level && matches_addable,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::shared;

    fn l3() -> Compiled {
        Compiled::new(shared().unwrap().qualification("600/1136/1").unwrap()).unwrap()
    }

    #[test]
    fn toggling_twice_restores_the_plan_and_mandatory_units_stay() {
        let c = l3();
        let p = Plan::default();
        let once = apply(&c, &p, &Action::Toggle("204".into()));
        assert!(once.chosen.contains("204"));
        assert_eq!(apply(&c, &once, &Action::Toggle("204".into())), p);
        assert_eq!(
            apply(&c, &p, &Action::Toggle("101".into())),
            p,
            "mandatory units cannot be unticked"
        );
        assert_eq!(
            apply(&c, &p, &Action::Toggle("nope".into())),
            p,
            "unknown keys are ignored"
        );
    }

    #[test]
    fn achieved_and_chosen_are_exclusive() {
        let c = l3();
        let p = apply(&c, &Plan::default(), &Action::Toggle("204".into()));
        let p = apply(&c, &p, &Action::ToggleAchieved("204".into()));
        assert!(p.achieved.contains("204") && !p.chosen.contains("204"));
        let p = apply(&c, &p, &Action::Toggle("204".into()));
        assert!(p.chosen.contains("204") && !p.achieved.contains("204"));
    }

    #[test]
    fn mandatory_units_can_be_marked_achieved_and_pasted_units_too() {
        let c = l3();
        let p = apply(&c, &Plan::default(), &Action::ToggleAchieved("101".into()));
        assert!(p.achieved.contains("101"));
        let (sets, _) = c.resolve(&p);
        assert_eq!(rows(&c, &sets, &Filters::default())[0].state, RowState::Achieved);
        let p = apply(&c, &p, &Action::Toggle("204".into()));
        let p = apply(
            &c,
            &p,
            &Action::AchieveAll(vec!["204".into(), "301".into(), "nope".into()]),
        );
        assert_eq!(p.achieved, ["101", "204", "301"].map(String::from).into());
        assert!(p.chosen.is_empty());
    }

    #[test]
    fn unmarking_a_carried_unit_drops_it_from_the_record() {
        let c = l3();
        let p = Plan {
            achieved: ["101", "204"].map(String::from).into(),
            carried: Some(crate::engine::Carried {
                from: "600/1135/X".into(),
                units: ["101", "204"].map(String::from).into(),
            }),
            ..Plan::default()
        };
        let p = apply(&c, &p, &Action::ToggleAchieved("204".into()));
        assert_eq!(p.carried.as_ref().unwrap().units, ["101".to_owned()].into());
        let p = apply(&c, &p, &Action::Toggle("101".into()));
        assert!(p.achieved.contains("101"), "a mandatory unit is not unticked by Toggle");
        let p = apply(&c, &p, &Action::ToggleAchieved("101".into()));
        assert_eq!(p.carried, None);
        assert_eq!(apply(&c, &Plan::default(), &Action::Clear).carried, None);
    }

    #[test]
    fn rows_warn_before_a_click_and_filters_never_touch_the_plan() {
        let c = l3();
        let p = apply(&c, &Plan::default(), &Action::Toggle("212".into()));
        let (sets, _) = c.resolve(&p);
        let all = rows(&c, &sets, &Filters::default());
        let row = |k: &str| all.iter().find(|r| c.units[r.index].key == k).unwrap();
        assert_eq!(
            row("318").warnings,
            vec!["Barred with unit 212, which is in the plan.".to_owned()]
        );
        assert_eq!(row("101").state, RowState::Mandatory);
        assert_eq!(row("212").state, RowState::Chosen);
        let filtered = rows(
            &c,
            &sets,
            &Filters {
                text: "bespoke".into(),
                level: None,
                addable_only: false,
            },
        );
        let visible: Vec<_> = filtered
            .iter()
            .filter(|r| r.visible)
            .map(|r| c.units[r.index].key.as_str())
            .collect();
        assert_eq!(visible, vec!["212", "318"]);
        let addable = rows(
            &c,
            &sets,
            &Filters {
                text: String::new(),
                level: Some(3),
                addable_only: true,
            },
        );
        assert!(addable
            .iter()
            .filter(|r| r.visible)
            .all(|r| r.state == RowState::Available && r.warnings.is_empty()));
        assert!(!addable.iter().any(|r| r.visible && c.units[r.index].key == "318"));
    }
}

/// Whether the qualification's documents print any unit's guided learning hours: where none
/// does (ProQual), "fewest hours" would only repeat "fewest credits", so the page does not offer it.
pub fn unit_hours_printed(compiled: &Compiled) -> bool {
    compiled.units.iter().any(|u| u.glh.is_some())
}

/// The goals worth offering for this qualification, in the page's order.
pub fn goals(compiled: &Compiled) -> Vec<Goal> {
    Goal::ALL
        .into_iter()
        .filter(|g| *g != Goal::FewestHours || unit_hours_printed(compiled))
        .collect()
}

/// What "complete my pathway" did, in words and keys, for the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionReport {
    /// Keys of the units added, in document order.
    pub added: Vec<String>,
    pub message: String,
}

pub fn goal_label(goal: Goal) -> &'static str {
    match goal {
        Goal::FewestHours => "Fewest guided learning hours",
        Goal::FewestCredits => "Fewest credits",
        Goal::FewestUnits => "Fewest units",
    }
}

/// The best completion of `plan` for `goal`, or why there is none, in plain English.
pub fn complete_plan(compiled: &Compiled, plan: &Plan, goal: Goal) -> Result<CompletionReport, String> {
    let (sets, _) = compiled.resolve(plan);
    let ruled_out = plan.ruled_out.iter().filter_map(|k| compiled.index(k)).collect();
    let done = solver::complete(
        compiled,
        Request {
            plan: &sets,
            ruled_out,
            goal,
        },
    )
    .map_err(|e| format!("No set of units can complete this plan. {}", e.explain(compiled)))?;
    let added: Vec<String> = done.added.iter().map(|i| compiled.units[i].key.clone()).collect();
    let readings = match &done.robust {
        Robustness::Unambiguous => None,
        Robustness::Accepted => Some("Every reading of the rules accepts this plan.".to_owned()),
        Robustness::Costs { rules, extra, instead } => Some(format!(
            "{} accepts this plan; a plan that every reading accepts needs {}.",
            only_one_reading(compiled, rules),
            extra_words(compiled, goal, *extra, done.added.or(*instead))
        )),
        Robustness::Impossible { rules } => Some(format!(
            "{} accepts this plan, and no completion of it is accepted by every reading.",
            only_one_reading(compiled, rules)
        )),
    };
    if added.is_empty() {
        let mut message = "This plan already meets the rules: nothing to add.".to_owned();
        if let Some(r) = readings {
            message.push(' ');
            message.push_str(&r);
        }
        return Ok(CompletionReport { added, message });
    }
    // Units by number (or reference) and title, as the list on the page shows them.
    let named: Vec<String> = done
        .added
        .iter()
        .map(|i| {
            let u = &compiled.units[i];
            match &u.number {
                Some(n) => format!("{n} {} ({})", u.title, u.reference),
                None => format!("{} {}", u.reference, u.title),
            }
        })
        .collect();
    let hours = if done.glh_unknown.len() == added.len() {
        "guided learning hours not printed".to_owned()
    } else {
        format!("{} guided learning hours", done.added_glh)
    };
    let mut message = format!(
        "Added {} ({}, {hours}): {}.",
        words::units(added.len() as u32),
        words::credits(done.added_credits),
        named.join("; ")
    );
    if !done.glh_unknown.is_empty() && done.glh_unknown.len() < added.len() {
        let keys: Vec<&str> = done
            .glh_unknown
            .iter()
            .map(|&i| compiled.units[i].key.as_str())
            .collect();
        message.push_str(&format!(
            " No guided learning hours are printed for {}; {} counted as {} hours per credit when comparing.",
            keys.join(", "),
            if keys.len() == 1 { "it was" } else { "they were" },
            solver::HOURS_PER_CREDIT_WITHOUT_GLH
        ));
    }
    if let Some(r) = readings {
        message.push(' ');
        message.push_str(&r);
    }
    Ok(CompletionReport { added, message })
}

/// "Only one reading of the rule “At least 23 credits at level 3 or above”": the rules whose
/// other reading rejects a plan (indices into `Compiled::constraints()`), as the summary words
/// them.
fn only_one_reading(compiled: &Compiled, rules: &[usize]) -> String {
    let all = compiled.constraints();
    let names: Vec<String> = rules
        .iter()
        .filter_map(|&k| all.get(k)?.kind.as_ref())
        .map(|kind| format!("\u{201c}{}\u{201d}", crate::engine::describe_rule_kind(kind)))
        .collect();
    let rule = if names.len() == 1 { "rule" } else { "rules" };
    format!("Only one reading of the {rule} {}", words::and_list(&names))
}

/// What accepting every reading costs on the goal's own measure: "2 more credits", "1 more
/// unit", "8 more guided learning hours". `units` are those the hours were counted over; where
/// one prints no guided learning hours the count includes the estimate, and says so.
fn extra_words(compiled: &Compiled, goal: Goal, extra: u32, units: crate::engine::UnitSet) -> String {
    let plural = |one: &str, many: &str| format!("{extra} more {}", if extra == 1 { one } else { many });
    match goal {
        Goal::FewestCredits => plural("credit", "credits"),
        Goal::FewestUnits => plural("unit", "units"),
        Goal::FewestHours if units.iter().all(|i| compiled.units[i].glh.is_some()) => {
            plural("guided learning hour", "guided learning hours")
        }
        Goal::FewestHours => format!(
            "{} (counting {} hours per credit where a unit prints no guided learning hours)",
            plural("hour", "hours"),
            solver::HOURS_PER_CREDIT_WITHOUT_GLH
        ),
    }
}

/// "The shortest valid route is 42 credits (9 units) and 92 guided learning hours."
pub fn shortest_route_line(compiled: &Compiled) -> Option<String> {
    let routes = solver::shortest_routes(compiled).ok()?;
    let units = routes.units.unit_count;
    let head = format!(
        "The shortest valid route is {} credits; the fewest units is {units}",
        routes.credits.credits
    );
    let hours = &routes.hours;
    let head = if hours.glh_unknown.len() as u32 == hours.unit_count {
        format!("{head}. Unit guided learning hours are not printed, so routes cannot be compared by hours.")
    } else if hours.glh_unknown.is_empty() {
        format!("{head}; the fewest guided learning hours is {}.", hours.glh)
    } else {
        format!(
            "{head}; the fewest guided learning hours is {} printed, plus {} unit{} with no hours printed.",
            hours.glh,
            hours.glh_unknown.len(),
            if hours.glh_unknown.len() == 1 { "" } else { "s" }
        )
    };
    Some(match routes_readings(compiled, &routes) {
        Some(readings) => format!("{head} {readings}"),
        None => head,
    })
}

/// What the shortest routes are worth under every reading of the rules, or `None` where no rule
/// can be read two ways. Hours are left out where no unit prints them, as in the line above.
fn routes_readings(compiled: &Compiled, routes: &solver::Routes) -> Option<String> {
    let hours_printed = (routes.hours.glh_unknown.len() as u32) < routes.hours.unit_count;
    let mut all = vec![("fewest credits", &routes.credits), ("fewest units", &routes.units)];
    if hours_printed {
        all.push(("fewest guided learning hours", &routes.hours));
    }
    let mut accepted = Vec::new();
    // Routes only one reading accepts, grouped by the rules whose other reading rejects them.
    let mut costs: Vec<(&Vec<usize>, Vec<String>, Vec<String>)> = Vec::new();
    for (label, route) in all {
        match &route.robust {
            Robustness::Unambiguous => return None,
            Robustness::Accepted => accepted.push(label.to_owned()),
            Robustness::Costs { rules, extra, instead } => {
                let extra = extra_words(compiled, route.goal, *extra, route.units.or(*instead));
                match costs.iter_mut().find(|(r, _, _)| *r == rules) {
                    Some((_, labels, extras)) => {
                        labels.push(label.to_owned());
                        extras.push(extra);
                    }
                    None => costs.push((rules, vec![label.to_owned()], vec![extra])),
                }
            }
            Robustness::Impossible { rules } => {
                return Some(format!(
                    "No route is accepted by every reading: {} can be met.",
                    words::lower_first(&only_one_reading(compiled, rules))
                ))
            }
        }
    }
    let mut out = Vec::new();
    if costs.is_empty() {
        out.push("Every reading of the rules accepts these routes.".to_owned());
    } else if !accepted.is_empty() {
        let routes = if accepted.len() == 1 { "route" } else { "routes" };
        out.push(format!(
            "Every reading of the rules accepts the {routes} with {}.",
            words::and_list(&accepted)
        ));
    }
    for (rules, labels, extras) in costs {
        let (route, one, need) = if labels.len() == 1 {
            ("route", "a route", "needs")
        } else {
            ("routes", "routes", "need")
        };
        out.push(format!(
            "{} accepts the {route} with {}; {one} that every reading accepts {need} {}.",
            only_one_reading(compiled, rules),
            words::and_list(&labels),
            words::and_list(&extras)
        ));
    }
    Some(out.join(" "))
}

#[cfg(test)]
mod completion_tests {
    use super::*;
    use crate::catalogue::shared;

    fn compiled(n: &str) -> Compiled {
        Compiled::new(shared().unwrap().qualification(n).unwrap()).unwrap()
    }

    #[test]
    fn completing_gives_a_valid_plan_and_says_what_it_added() {
        let c = compiled("600/1136/1");
        let plan = Plan::with_chosen(["302"]);
        let report = complete_plan(&c, &plan, Goal::FewestCredits).unwrap();
        let done = apply(&c, &plan, &Action::AddAll(report.added.clone()));
        assert!(c.evaluate(&done).met(), "{report:?}");
        assert!(report.message.starts_with("Added "), "{}", report.message);
        assert_eq!(
            apply(&c, &done, &Action::RemoveAll(report.added)),
            plan,
            "undo restores the plan"
        );
    }

    #[test]
    fn ruled_out_units_are_never_suggested() {
        let c = compiled("601/3478/1");
        let first = complete_plan(&c, &Plan::default(), Goal::FewestUnits).unwrap();
        let mut plan = Plan::default();
        plan.ruled_out.insert(first.added[0].clone());
        let second = complete_plan(&c, &plan, Goal::FewestUnits).unwrap();
        assert!(!second.added.contains(&first.added[0]));
        assert!(c.evaluate(&apply(&c, &plan, &Action::AddAll(second.added))).met());
    }

    #[test]
    fn completion_names_units_and_never_counts_unprinted_hours_as_zero() {
        let c = compiled("600/1136/1");
        let report = complete_plan(&c, &Plan::with_chosen(["302"]), Goal::FewestCredits).unwrap();
        let first = &c.units[c.index(&report.added[0]).unwrap()];
        assert!(
            report.message.contains(&format!("{} {}", report.added[0], first.title)),
            "{}",
            report.message
        );
        let proqual = compiled("601/3576/1");
        assert_eq!(goals(&proqual), [Goal::FewestCredits, Goal::FewestUnits]);
        assert_eq!(goals(&c), Goal::ALL);
        let report = complete_plan(&proqual, &Plan::default(), Goal::FewestCredits).unwrap();
        assert!(
            report.message.contains("guided learning hours not printed"),
            "{}",
            report.message
        );
        assert!(
            !report.message.contains(" 0 guided learning hours"),
            "{}",
            report.message
        );
        assert!(!report.message.contains("counted as"), "{}", report.message);
    }

    #[test]
    fn an_impossible_plan_says_why() {
        let c = compiled("600/1135/X");
        let plan = Plan::with_chosen(["112", "221"]);
        let err = complete_plan(&c, &plan, Goal::FewestHours).unwrap_err();
        assert!(err.contains("112 and 221"), "{err}");
    }

    #[test]
    fn a_completion_belongs_to_the_plan_it_completed() {
        let c = compiled("600/1136/1");
        let start = PlannerState::new(Plan::with_chosen(["302"]));
        let report = complete_plan(&c, &start.plan, Goal::FewestCredits).unwrap();
        assert!(!report.added.is_empty());
        let done = start.reduce(&c, PlannerEvent::Completed(report.clone()));
        assert!(c.evaluate(&done.plan).met());
        assert!(done.added(&report.added[0]));

        // Undo takes the added units out and forgets the completion.
        let undone = done.reduce(&c, PlannerEvent::UndoCompletion);
        assert_eq!(undone, start);

        // Going back to the plan before it (browser Back) forgets it too.
        let back = done.reduce(&c, PlannerEvent::Show(start.plan.clone()));
        assert_eq!(back, start);
        // The address catching up with the same plan keeps it.
        assert_eq!(done.reduce(&c, PlannerEvent::Show(done.plan.clone())), done);

        // Another unit ticked keeps it; unticking one it added drops it.
        let spare = c
            .units
            .iter()
            .map(|u| u.key.clone())
            .find(|k| !done.plan.chosen.contains(k) && !c.mandatory.contains(c.index(k).unwrap()))
            .unwrap();
        let more = done.reduce(&c, PlannerEvent::Act(Action::Toggle(spare)));
        assert_eq!(more.completion, done.completion);
        let less = done.reduce(&c, PlannerEvent::Act(Action::Toggle(report.added[0].clone())));
        assert_eq!(less.completion, None);
        assert_eq!(done.reduce(&c, PlannerEvent::Act(Action::Clear)).completion, None);
    }

    #[test]
    fn verdict_lines_read_the_plan_in_the_address() {
        let cat = shared().unwrap();
        assert_eq!(verdict_line(cat, "#/"), "Cannot be opened");
        let award = compiled("600/1244/4");
        let mandatory_only = award.evaluate(&Plan::default()).totals.credits;
        assert_eq!(
            verdict_line(cat, "#/600-1244-4"),
            format!("\u{2717} Not yet ({mandatory_only} of 12 credits)")
        );
        let c = compiled("600/1136/1");
        let report = complete_plan(&c, &Plan::default(), Goal::FewestCredits).unwrap();
        let plan = apply(&c, &Plan::default(), &Action::AddAll(report.added));
        let address = crate::address::encode(&crate::address::Route::Planner {
            number: c.number.clone(),
            plan,
        });
        assert_eq!(verdict_line(cat, &address), "\u{2713} Meets the rules");
    }

    #[test]
    fn completions_say_whether_every_reading_accepts_them() {
        // At 36 credits a plan both readings of "at level 3" accept exists, and is chosen.
        let c = compiled("600/1136/1");
        let report = complete_plan(&c, &Plan::default(), Goal::FewestCredits).unwrap();
        assert!(
            report
                .message
                .ends_with("Every reading of the rules accepts this plan."),
            "{}",
            report.message
        );
        // By hours, the plan every reading accepts is 8 hours longer.
        let report = complete_plan(&c, &Plan::default(), Goal::FewestHours).unwrap();
        assert!(
            report.message.ends_with(
                "Only one reading of the rule \u{201c}At least 23 credits at level 3 or above\u{201d} accepts this \
                 plan; a plan that every reading accepts needs 8 more guided learning hours."
            ),
            "{}",
            report.message
        );
        let report = complete_plan(&compiled("600/1288/2"), &Plan::default(), Goal::FewestUnits).unwrap();
        assert!(report.message.ends_with("needs 1 more unit."), "{}", report.message);
        // Unit 226 (level 2) with mandatory 201 already puts 8 credits at level 2 in the plan: the
        // whole-plan reading of the level 2 cap can never be met.
        let l1 = compiled("600/1286/9");
        let report = complete_plan(&l1, &Plan::with_chosen(["226"]), Goal::FewestCredits).unwrap();
        assert!(
            report.message.ends_with(
                "Only one reading of the rule \u{201c}At most 6 credits at level 2 from Groups B and C\u{201d} \
                 accepts this plan, and no completion of it is accepted by every reading."
            ),
            "{}",
            report.message
        );
        // A plan already complete still says how it stands.
        let done = apply(&l1, &Plan::with_chosen(["226"]), &Action::AddAll(report.added));
        let again = complete_plan(&l1, &done, Goal::FewestCredits).unwrap();
        assert!(again.added.is_empty());
        assert!(
            again
                .message
                .starts_with("This plan already meets the rules: nothing to add. Only one reading"),
            "{}",
            again.message
        );
        // Where no rule can be read two ways, nothing is said about readings.
        let pearson = complete_plan(&compiled("601/3478/1"), &Plan::default(), Goal::FewestCredits).unwrap();
        assert!(!pearson.message.contains("reading"), "{}", pearson.message);
    }

    #[test]
    fn shortest_route_lines_say_whether_every_reading_accepts_them() {
        let l3 = shortest_route_line(&compiled("600/1136/1")).unwrap();
        assert!(
            l3.ends_with(
                "Every reading of the rules accepts the routes with fewest credits and fewest units. Only one \
                 reading of the rule \u{201c}At least 23 credits at level 3 or above\u{201d} accepts the route with \
                 fewest guided learning hours; a route that every reading accepts needs 8 more guided learning hours."
            ),
            "{l3}"
        );
        let l4 = shortest_route_line(&compiled("600/1288/2")).unwrap();
        assert!(
            l4.contains(
                "accepts the routes with fewest units and fewest guided learning hours; routes that every \
                 reading accepts need 1 more unit and 77 more guided learning hours."
            ),
            "{l4}"
        );
        let proqual = shortest_route_line(&compiled("601/4756/8")).unwrap();
        assert!(
            proqual.ends_with(" Every reading of the rules accepts these routes."),
            "{proqual}"
        );
        let pearson = shortest_route_line(&compiled("601/3478/1")).unwrap();
        assert!(!pearson.contains("reading"), "{pearson}");
    }

    #[test]
    fn shortest_route_lines_are_honest_about_missing_hours() {
        let proqual = shortest_route_line(&compiled("601/3576/1")).unwrap();
        assert!(proqual.contains("not printed"), "{proqual}");
        let pearson = shortest_route_line(&compiled("601/3478/1")).unwrap();
        assert!(pearson.contains("the fewest guided learning hours is 289"), "{pearson}");
    }
}
