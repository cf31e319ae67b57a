//! The printed individual learning plan, as a view model: everything the page prints, worked
//! out here so the page only lays it out.

use crate::catalogue::{Catalogue, Qualification};
use crate::engine::{Compiled, Plan};

use super::csv::glh_line;

/// An individual learning plan for one learner and one qualification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintPlan {
    pub title: String,
    pub number: String,
    pub awarding_body: String,
    /// The awarding body's own code, where printed (City & Guilds `3412-03`).
    pub awarding_body_code: Option<String>,
    pub level: u8,
    /// Credits the qualification needs.
    pub total_credits: u32,
    /// The registration date in words ("4 September 2017"), when entered.
    pub registered: Option<String>,
    /// Units still to do, mandatory ones included, in document order.
    pub chosen: Vec<PrintRow>,
    /// Units already achieved, in document order.
    pub achieved: Vec<PrintRow>,
    pub verdict_met: bool,
    /// The sentence of every rule the plan does not meet.
    pub unmet: Vec<String>,
    /// Notes on rules the document words ambiguously where the reading changes the outcome.
    pub readings: Vec<String>,
    /// Credits, hours and units, one line each.
    pub totals: Vec<String>,
    /// Errata behind the qualification, its printed rules and the units in the plan, each once,
    /// in that order.
    pub errata: Vec<PrintErratum>,
}

/// One unit on the printed plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintRow {
    pub key: String,
    pub number: Option<String>,
    pub reference: String,
    pub title: String,
    pub level: u8,
    pub credits: u32,
    pub glh: Option<u32>,
    /// The group letter.
    pub group: String,
    pub mandatory: bool,
}

/// An erratum as the printed plan cites it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintErratum {
    pub id: String,
    /// What is wrong or ambiguous in the source document.
    pub problem: String,
    /// How the app treats it.
    pub treatment: String,
}

/// The learning plan for `plan` on `q` (`c` is `q` compiled; `cat` supplies the errata).
pub fn learning_plan(cat: &Catalogue, c: &Compiled, q: &Qualification, plan: &Plan) -> PrintPlan {
    let (sets, _) = c.resolve(plan);
    let v = c.evaluate(plan);
    let t = &v.totals;
    let row = |i: usize| {
        let u = &c.units[i];
        PrintRow {
            key: u.key.clone(),
            number: u.number.clone(),
            reference: u.reference.clone(),
            title: u.title.clone(),
            level: u.level,
            credits: u.credits,
            glh: u.glh,
            group: q.groups.get(u.group).map(|g| g.id.clone()).unwrap_or_default(),
            mandatory: c.mandatory.contains(i),
        }
    };
    let chosen: Vec<PrintRow> = sets.to_do.iter().map(row).collect();
    let achieved: Vec<PrintRow> = sets.achieved.iter().map(row).collect();

    let errata = plan_errata(cat, c, q, plan);

    let readings = v
        .rules
        .iter()
        .filter(|r| r.reading_matters())
        .filter_map(|r| {
            let alt = r.alternative.as_ref()?;
            let cite = match r.errata.len() {
                0 => String::new(),
                1 => format!(" (erratum {})", r.errata[0]),
                _ => format!(" (errata {})", super::and_list(&r.errata)),
            };
            Some(format!(
                "The document words this rule ambiguously{cite}. The reading used: {} Under the other reading this plan {}: {}",
                r.sentence(),
                if alt.met() { "would meet it" } else { "would not meet it" },
                alt.sentence()
            ))
        })
        .collect();

    let units = |n: u32| {
        if n == 1 {
            "1 unit".to_owned()
        } else {
            format!("{n} units")
        }
    };
    let totals = vec![
        format!("Credits: {} of the {} needed.", t.credits, q.total_credits),
        format!(
            "Already achieved: {} credits ({}).",
            t.credits_achieved,
            units(t.units_achieved)
        ),
        format!(
            "Still to do: {} credits ({}).",
            t.credits_to_do,
            units(t.units.saturating_sub(t.units_achieved))
        ),
        glh_line(t.glh, t.glh_to_do, &t.glh_missing, t.units as usize),
    ];

    PrintPlan {
        title: q.title.clone(),
        number: q.number.clone(),
        awarding_body: q.awarding_body.clone(),
        awarding_body_code: q.awarding_body_code.clone(),
        level: q.level,
        total_credits: q.total_credits,
        registered: plan.registered.map(|d| d.to_string()),
        chosen,
        achieved,
        verdict_met: v.met(),
        unmet: v.unmet().map(|r| r.sentence()).collect(),
        readings,
        totals,
        errata,
    }
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
