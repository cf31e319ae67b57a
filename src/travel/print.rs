//! The errata behind a plan, listed in full on the printed learning plan. (The rest of the
//! printed plan is the planner page itself, laid out for paper by the print stylesheet.)

use crate::catalogue::{Catalogue, Qualification};
use crate::engine::{Compiled, Plan};

/// An erratum as the printed plan cites it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintErratum {
    pub id: String,
    /// What is wrong or ambiguous in the source document.
    pub problem: String,
    /// How the app treats it.
    pub treatment: String,
}

/// The errata that bear on `plan`: those of the qualification, of its printed rules and of the
/// units in the plan (chosen or achieved), each once, in that order.
pub fn plan_errata(cat: &Catalogue, c: &Compiled, q: &Qualification, plan: &Plan) -> Vec<PrintErratum> {
    let mut ids: Vec<&str> = q.errata.iter().map(String::as_str).collect();
    for r in &q.rules {
        ids.extend(r.errata.iter().map(String::as_str));
    }
    let in_plan = c.resolve(plan).0.all();
    for (i, (_, u)) in q.units().enumerate() {
        if !in_plan.contains(i) {
            continue;
        }
        ids.extend(u.errata.iter().map(String::as_str));
        if let Some(a) = &u.availability {
            ids.extend(a.errata.iter().map(String::as_str));
        }
        if let Some(d) = cat.detail(u) {
            ids.extend(d.errata.iter().map(String::as_str));
        }
    }
    let mut errata: Vec<PrintErratum> = Vec::new();
    for id in ids {
        if errata.iter().any(|e| e.id == id) {
            continue;
        }
        if let Some(e) = cat.erratum(id) {
            errata.push(PrintErratum {
                id: e.id.clone(),
                problem: e.problem.clone(),
                treatment: e.treatment.clone(),
            });
        }
    }
    errata
}
