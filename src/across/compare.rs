//! Qualifications side by side: one column per qualification, one row per question an employer
//! or adviser asks, each cell exactly as the catalogue has it, "not printed" where the document
//! has nothing, and the solver's shortest routes with the address of each route's plan.

use crate::address::{encode, Route};
use crate::catalogue::{Catalogue, Fact, Qualification};
use crate::engine::{Compiled, Plan};
use crate::solver::{self, Route as SolverRoute};
use crate::words::{self, and_list, credits, units};

/// One cell of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// A value from the catalogue, in words.
    Text(String),
    /// The document prints no such figure or statement.
    NotPrinted,
    /// The document's own words: each a label and a value, as printed.
    Quoted(Vec<(String, String)>),
    /// A shortest route: what it takes, and the address of its plan.
    Route { summary: String, address: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// A stable name for the row (`credits`, `route-hours`, ...).
    pub id: &'static str,
    /// The row header.
    pub label: &'static str,
    /// One cell per column.
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub number: String,
    pub title: String,
    /// The qualification's planner, with an empty plan.
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// Fact labels, as the documents print them, that say how a qualification is assessed.
pub const ASSESSMENT_LABELS: [&str; 4] = [
    "Assessment",
    "Assessment available",
    "Assessing performance",
    "Grading information",
];
/// Fact labels that state entry requirements.
pub const ENTRY_LABELS: [&str; 2] = ["Entry requirements", "Candidate entry requirements"];
/// Fact labels that state ages.
pub const AGE_LABELS: [&str; 3] = ["Age group approved", "Age restrictions", "Approved age ranges"];

/// The qualifications numbered `numbers` (every one, in catalogue order, when empty) side by
/// side. Numbers the catalogue lacks are left out.
pub fn compare(cat: &Catalogue, numbers: &[String]) -> Comparison {
    let quals: Vec<&Qualification> = if numbers.is_empty() {
        cat.qualifications.iter().collect()
    } else {
        numbers.iter().filter_map(|n| cat.qualification(n)).collect()
    };
    let compiled: Vec<Option<&Compiled>> = quals.iter().map(|q| crate::planner::compiled(&q.number)).collect();
    let routes: Vec<Option<Result<solver::Routes, String>>> = compiled
        .iter()
        .map(|c| c.map(|c| solver::shortest_routes(c).map_err(|e| e.explain(c))))
        .collect();
    let each = |f: &dyn Fn(usize, &Qualification) -> Cell| -> Vec<Cell> {
        quals.iter().enumerate().map(|(i, q)| f(i, q)).collect()
    };
    let row = |id, label, cells| Row { id, label, cells };
    let rows = vec![
        row("title", "Title", each(&|_, q| Cell::Text(q.title.clone()))),
        row(
            "awarding-body",
            "Awarding body",
            each(&|_, q| {
                Cell::Text(match &q.awarding_body_code {
                    Some(code) => format!("{} ({code})", q.awarding_body),
                    None => q.awarding_body.clone(),
                })
            }),
        ),
        row("level", "Level", each(&|_, q| Cell::Text(format!("Level {}", q.level)))),
        row(
            "size",
            "Size",
            each(&|_, q| size(&q.title).map_or(Cell::NotPrinted, |s| Cell::Text(s.to_owned()))),
        ),
        row(
            "credits",
            "Total credits",
            each(&|_, q| Cell::Text(credits(q.total_credits))),
        ),
        row(
            "tqt",
            "Total qualification time (TQT)",
            each(&|_, q| q.tqt.map_or(Cell::NotPrinted, |t| Cell::Text(format!("{t} hours")))),
        ),
        row(
            "glh",
            "Guided learning hours (GLH)",
            each(&|_, q| q.glh.map_or(Cell::NotPrinted, |g| Cell::Text(format!("{g} hours")))),
        ),
        row(
            "mandatory",
            "Mandatory units",
            each(&|i, _| {
                compiled[i].map_or(Cell::NotPrinted, |c| {
                    let n = c.mandatory.len();
                    Cell::Text(format!("{}, {}", units(n), credits(c.credits(c.mandatory))))
                })
            }),
        ),
        row(
            "mandatory-glh",
            "Guided learning hours of the mandatory units",
            each(&|i, _| compiled[i].map_or(Cell::NotPrinted, mandatory_hours)),
        ),
        row(
            "optional",
            "Optional units to choose from",
            each(&|i, _| {
                compiled[i].map_or(Cell::NotPrinted, |c| {
                    let groups: Vec<String> = c.groups.iter().filter(|g| !g.mandatory).map(|g| g.id.clone()).collect();
                    let n = c.all_units().minus(c.mandatory).len();
                    Cell::Text(format!("{} in {}", units(n), groups_words(&groups)))
                })
            }),
        ),
        row(
            "assessment",
            "How it is assessed",
            each(&|_, q| facts(q, &ASSESSMENT_LABELS)),
        ),
        row("entry", "Entry requirements", each(&|_, q| facts(q, &ENTRY_LABELS))),
        row("ages", "Ages", each(&|_, q| facts(q, &AGE_LABELS))),
        row("apprenticeship", "Apprenticeship use", each(&|_, q| apprenticeship(q))),
        row(
            "route-hours",
            "Shortest route: fewest guided learning hours",
            each(&|i, q| route_cell(q, compiled[i], &routes[i], Pick::Hours)),
        ),
        row(
            "route-credits",
            "Shortest route: fewest credits",
            each(&|i, q| route_cell(q, compiled[i], &routes[i], Pick::Credits)),
        ),
        row(
            "route-units",
            "Shortest route: fewest units",
            each(&|i, q| route_cell(q, compiled[i], &routes[i], Pick::Units)),
        ),
    ];
    Comparison {
        columns: quals
            .iter()
            .map(|q| Column {
                number: q.number.clone(),
                title: q.title.clone(),
                address: encode(&Route::Planner {
                    number: q.number.clone(),
                    plan: Plan::default(),
                }),
            })
            .collect(),
        rows,
    }
}

/// "Award", "Certificate" or "Diploma", as the title says.
pub fn size(title: &str) -> Option<&'static str> {
    ["Award", "Certificate", "Diploma"]
        .into_iter()
        .find(|s| title.split_whitespace().any(|w| w == *s))
}

fn groups_words(groups: &[String]) -> String {
    match groups {
        [one] => format!("Group {one}"),
        _ => format!("Groups {}", and_list(groups)),
    }
}

fn mandatory_hours(c: &Compiled) -> Cell {
    let units: Vec<_> = c.mandatory.iter().map(|i| &c.units[i]).collect();
    let printed: Vec<u32> = units.iter().filter_map(|u| u.glh).collect();
    match (printed.len(), units.len()) {
        (0, _) => Cell::NotPrinted,
        (p, n) if p == n => Cell::Text(format!("{} hours", printed.iter().sum::<u32>())),
        (p, n) => Cell::Text(format!(
            "{} hours for the {p} units that print them; not printed for {}",
            printed.iter().sum::<u32>(),
            words::plural((n - p) as u32, "unit", "units")
        )),
    }
}

/// The facts printed under any of `labels`, in the document's order.
fn facts(q: &Qualification, labels: &[&str]) -> Cell {
    quoted(q.facts.iter().filter(|f| labels.contains(&f.label.as_str())))
}

fn quoted<'a>(facts: impl Iterator<Item = &'a Fact>) -> Cell {
    let found: Vec<(String, String)> = facts.map(|f| (f.label.clone(), f.value.clone())).collect();
    if found.is_empty() {
        Cell::NotPrinted
    } else {
        Cell::Quoted(found)
    }
}

/// What the document says about apprenticeships: its facts and rules text that name one.
fn apprenticeship(q: &Qualification) -> Cell {
    let names = |s: &str| s.to_ascii_lowercase().contains("apprentice");
    let mut found: Vec<(String, String)> = q
        .facts
        .iter()
        .filter(|f| names(&f.label) || names(&f.value))
        .map(|f| (f.label.clone(), f.value.clone()))
        .collect();
    found.extend(
        q.rules_text
            .iter()
            .filter(|t| names(t))
            .map(|t| ("Rules of combination".to_owned(), t.clone())),
    );
    if found.is_empty() {
        Cell::Text(NO_APPRENTICESHIP.to_owned())
    } else {
        Cell::Quoted(found)
    }
}

/// The apprenticeship row where the document names none.
pub const NO_APPRENTICESHIP: &str = "The document names no apprenticeship";

#[derive(Clone, Copy)]
enum Pick {
    Hours,
    Credits,
    Units,
}

fn route_cell(
    q: &Qualification,
    c: Option<&Compiled>,
    routes: &Option<Result<solver::Routes, String>>,
    pick: Pick,
) -> Cell {
    let (Some(c), Some(routes)) = (c, routes) else {
        return Cell::Text("Could not be worked out".to_owned());
    };
    let routes = match routes {
        Ok(r) => r,
        Err(why) => return Cell::Text(format!("No valid route: {why}")),
    };
    let route = match pick {
        Pick::Hours => {
            if c.units.iter().all(|u| u.glh.is_none()) {
                return Cell::Text("Not worked out: unit guided learning hours are not printed".to_owned());
            }
            &routes.hours
        }
        Pick::Credits => &routes.credits,
        Pick::Units => &routes.units,
    };
    Cell::Route {
        summary: route_summary(c, route),
        address: route_address(q, c, route),
    }
}

/// "9 units, 42 credits, 92 guided learning hours"
pub fn route_summary(c: &Compiled, r: &SolverRoute) -> String {
    let hours = match (r.glh_unknown.len() as u32, r.unit_count) {
        (0, _) => format!("{} guided learning hours", r.glh),
        (missing, all) if missing == all => "guided learning hours not printed".to_owned(),
        (missing, _) => format!(
            "{} guided learning hours, not counting {} whose hours are not printed",
            r.glh,
            words::plural(missing, "unit", "units")
        ),
    };
    let mut s = format!("{}, {}, {hours}", units(r.unit_count), credits(r.credits));
    if let Some(d) = r.registered {
        let dated: Vec<String> = r
            .units
            .iter()
            .filter(|&i| c.units[i].window.is_some())
            .map(|i| c.units[i].key.clone())
            .collect();
        s.push_str(&format!(
            "; uses {} {}, so the plan is for a learner registered on {}",
            if dated.len() == 1 { "unit" } else { "units" },
            and_list(&dated),
            d.iso()
        ));
    }
    s
}

/// The planner address of a route: its optional units to do, and the registration date it
/// needs, if any.
pub fn route_address(q: &Qualification, c: &Compiled, r: &SolverRoute) -> String {
    encode(&Route::Planner {
        number: q.number.clone(),
        plan: Plan {
            chosen: r
                .units
                .minus(c.mandatory)
                .iter()
                .map(|i| c.units[i].key.clone())
                .collect(),
            registered: r.registered,
            ..Plan::default()
        },
    })
}
