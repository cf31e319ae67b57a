//! What the planner page does to a plan and what it shows for each unit, as pure functions, so
//! the components only render and forward events.

use crate::date::Date;
use crate::engine::{Compiled, PlanSets, Plan, Prediction};

/// A change the user asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Tick or untick a unit to do.
    Toggle(String),
    /// Mark or unmark a unit as already achieved (it leaves the to-do list when marked).
    ToggleAchieved(String),
    SetRegistered(Option<Date>),
    /// Add these units to the plan (the solver's completion).
    AddAll(Vec<String>),
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
                next.chosen.insert(k.clone());
            }
        }
        Action::ToggleAchieved(k) => {
            if !next.achieved.remove(k) && compiled.index(k).is_some() {
                next.chosen.remove(k);
                next.achieved.insert(k.clone());
            }
        }
        Action::SetRegistered(d) => next.registered = *d,
        Action::AddAll(keys) => {
            for k in keys {
                if !mandatory(k) && !next.achieved.contains(k) && compiled.index(k).is_some() {
                    next.chosen.insert(k.clone());
                }
            }
        }
        Action::RemoveAll(keys) => {
            for k in keys {
                next.chosen.remove(k);
            }
        }
        Action::Clear => next = Plan { registered: plan.registered, ..Plan::default() },
    }
    next
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
    // ASCII folding is enough for these titles and keeps Unicode case tables out of the download.
    let needle = filters.text.trim().to_ascii_lowercase();
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
            let matches_text = needle.is_empty()
                || u.title.to_ascii_lowercase().contains(&needle)
                || u.reference.to_ascii_lowercase().contains(&needle)
                || u.number.as_deref().is_some_and(|n| n.to_ascii_lowercase().contains(&needle));
            let matches_level = filters.level.is_none_or(|l| u.level == l);
            let matches_addable = !filters.addable_only || (state == RowState::Available && warnings.is_empty());
            UnitRow { index: i, state, warnings, visible: matches_text && matches_level && matches_addable }
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
        assert_eq!(apply(&c, &p, &Action::Toggle("101".into())), p, "mandatory units cannot be unticked");
        assert_eq!(apply(&c, &p, &Action::Toggle("nope".into())), p, "unknown keys are ignored");
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
    fn rows_warn_before_a_click_and_filters_never_touch_the_plan() {
        let c = l3();
        let p = apply(&c, &Plan::default(), &Action::Toggle("212".into()));
        let (sets, _) = c.resolve(&p);
        let all = rows(&c, &sets, &Filters::default());
        let row = |k: &str| all.iter().find(|r| c.units[r.index].key == k).unwrap();
        assert_eq!(row("318").warnings, vec!["Barred with unit 212, which is in the plan.".to_owned()]);
        assert_eq!(row("101").state, RowState::Mandatory);
        assert_eq!(row("212").state, RowState::Chosen);
        let filtered = rows(&c, &sets, &Filters { text: "bespoke".into(), level: None, addable_only: false });
        let visible: Vec<_> = filtered.iter().filter(|r| r.visible).map(|r| c.units[r.index].key.as_str()).collect();
        assert_eq!(visible, vec!["212", "318"]);
        let addable = rows(&c, &sets, &Filters { text: String::new(), level: Some(3), addable_only: true });
        assert!(addable.iter().filter(|r| r.visible).all(|r| r.state == RowState::Available && r.warnings.is_empty()));
        assert!(!addable.iter().any(|r| r.visible && c.units[r.index].key == "318"));
    }
}
