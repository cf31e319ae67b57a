//! What the printed individual learning plan lists: every unit in the plan as a table row with
//! its status, and the errata behind the plan, in full. The page lays them out for paper.

use crate::catalogue::{Catalogue, Qualification};
use crate::engine::{Compiled, Plan};

/// One unit of the plan as the printed plan lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    /// The awarding body's unit number, empty where the document does not number units.
    pub number: String,
    pub reference: String,
    pub title: String,
    /// The group's letter.
    pub group: String,
    pub level: u8,
    pub credits: u32,
    /// "not printed" where no document prints the unit's GLH.
    pub glh: String,
    /// "Achieved", "Carried from 600/1135/X", "To do" or "To do (mandatory)".
    pub status: String,
}

/// Every unit in `plan` (mandatory, chosen, achieved), in document order. `c` must be `q` compiled.
pub fn plan_rows(c: &Compiled, q: &Qualification, plan: &Plan) -> Vec<PlanRow> {
    let (sets, _) = c.resolve(plan);
    c.units
        .iter()
        .enumerate()
        .filter(|(i, _)| sets.all().contains(*i))
        .map(|(i, u)| {
            let carried = plan.carried.as_ref().filter(|c| c.units.contains(&u.key));
            let status = match carried {
                Some(c) if sets.achieved.contains(i) => format!("Carried from {}", c.from),
                _ if sets.achieved.contains(i) => "Achieved".to_owned(),
                _ if c.mandatory.contains(i) => "To do (mandatory)".to_owned(),
                _ => "To do".to_owned(),
            };
            PlanRow {
                number: u.number.clone().unwrap_or_default(),
                reference: u.reference.clone(),
                title: u.title.clone(),
                group: q.groups.get(u.group).map(|g| g.id.clone()).unwrap_or_default(),
                level: u.level,
                credits: u.credits,
                glh: u.glh.map_or_else(|| "not printed".to_owned(), |h| h.to_string()),
                status,
            }
        })
        .collect()
}

/// An erratum as the printed plan cites it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintErratum {
    pub id: String,
    /// The passage as printed.
    pub quote: String,
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
                quote: e.quote.clone(),
                problem: e.problem.clone(),
                treatment: e.treatment.clone(),
            });
        }
    }
    errata
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::shared;

    #[test]
    fn the_printed_rows_are_the_units_in_the_plan_with_their_status() {
        let cat = shared().unwrap();
        let q = cat.qualification("600/1136/1").unwrap();
        let c = Compiled::new(q).unwrap();
        let mut plan = Plan::with_chosen(["302"]);
        plan.achieved.insert("204".into());
        plan.carried = Some(crate::engine::Carried {
            from: "600/1135/X".into(),
            units: ["204".to_owned()].into(),
        });
        let rows = plan_rows(&c, q, &plan);
        let status = |n: &str| rows.iter().find(|r| r.number == n).map(|r| r.status.as_str());
        assert_eq!(status("101"), Some("To do (mandatory)"));
        assert_eq!(status("302"), Some("To do"));
        assert_eq!(status("204"), Some("Carried from 600/1135/X"));
        assert_eq!(status("303"), None, "units not in the plan are not printed");
        let proqual = cat.qualification("601/3576/1").unwrap();
        let rows = plan_rows(&Compiled::new(proqual).unwrap(), proqual, &Plan::default());
        assert!(!rows.is_empty() && rows.iter().all(|r| r.glh == "not printed" && r.number.is_empty()));
    }
}
