//! Find a unit: every unit of every qualification searched by words, unit number or reference
//! (`across::search`), each result with every qualification that includes it and a link that
//! opens that qualification's planner with the unit chosen.

use yew::prelude::*;

use crate::across::search::{search, Found};
use crate::across::shared_units::Placement;
use crate::address::{encode, Route};
use crate::catalogue::shared;
use crate::engine::Plan;
use crate::words::credits;

use crate::web::components::erratum::ErrataNotes;
use crate::web::components::notice::LinkProblems;
use crate::web::components::unit_search::UnitSearchForm;

#[derive(Properties, PartialEq)]
pub struct UnitsProps {
    pub query: String,
    pub problems: Vec<String>,
}

#[function_component(UnitsPage)]
pub fn units_page(props: &UnitsProps) -> Html {
    let found = use_memo(props.query.clone(), |q| {
        shared().map(|cat| search(cat, q)).unwrap_or_default()
    });
    let query = props.query.trim();
    let names = shared().map(|cat| cat.qualifications.len()).unwrap_or_default();
    html! {
        <main id="main" class="page units-page" tabindex="-1">
            <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="#/">{"All qualifications"}</a></nav>
            <h1>{"Find a unit"}</h1>
            <p class="lede">{format!("Search every unit of the {} qualifications: titles, summaries, learning outcomes and assessment criteria, unit numbers and unit reference numbers. Words can be in any order.", crate::words::count_word(names))}</p>
            <LinkProblems problems={props.problems.clone()} />
            <search class="unit-search">
                <UnitSearchForm id="unit-query" label="Words, a unit number or a reference number"
                    hint="For example: handling complaints, 310, or K/503/0418" query={props.query.clone()} />
            </search>
            <p class="search-status" role="status">{ status(query, found.len()) }</p>
            if !found.is_empty() {
                <ol class="results" aria-label="Units found">
                    { for found.iter().map(result) }
                </ol>
            }
        </main>
    }
}

fn status(query: &str, n: usize) -> String {
    match (query.is_empty(), n) {
        (true, _) => String::new(),
        (false, 0) => format!("No unit matches \u{201c}{query}\u{201d}. Try fewer words, or another form of a word."),
        (false, n) => format!(
            "{} found for \u{201c}{query}\u{201d}, whole-title and number matches first.",
            crate::words::plural(n as u32, "unit", "units")
        ),
    }
}

fn result(f: &Found) -> Html {
    let errata: Vec<String> = {
        let mut ids: Vec<String> = Vec::new();
        for id in f.placements.iter().flat_map(|p| p.errata.iter()) {
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
        ids
    };
    html! {
        <li class="result" data-ref={f.reference.clone()}>
            <h2 class="result-title">{&f.title}</h2>
            <p class="unit-meta">{format!("Unit reference number {}", f.reference)}</p>
            if f.ambiguous {
                <p class="ambiguous-tag">{format!("{} is printed for more than one unit; this result is the unit titled as above.", f.reference)}</p>
            }
            if let Some(p) = &f.passage {
                <p class="passage"><span class="fact-label">{"Found in its content:"}</span>{" \u{201c}"}{p}{"\u{201d}"}</p>
            }
            <ErrataNotes ids={errata} label="Note" />
            <ul class="placements">
                { for f.placements.iter().map(|p| placement(f, p)) }
            </ul>
        </li>
    }
}

fn placement(f: &Found, p: &Placement) -> Html {
    let title = shared()
        .ok()
        .and_then(|c| c.qualification(&p.qualification))
        .map(|q| q.title.clone())
        .unwrap_or_default();
    let name = p.name();
    let plan = if p.mandatory {
        Plan::default()
    } else {
        Plan::with_chosen([p.key.as_str()])
    };
    let href = encode(&Route::Planner {
        number: p.qualification.clone(),
        plan,
    });
    html! {
        <li>
            <span class="placement-qual">{format!("{title} ({})", p.qualification)}</span>
            <span class="placement-facts">{format!("{}: Group {}{}, Level {}, {}", crate::words::capital(&name), p.group, if p.mandatory { " (mandatory)" } else { "" }, p.level, credits(p.credits))}</span>
            <a href={href}>
                { if p.mandatory { "Open the planner: it is mandatory there, so always included".to_owned() } else { format!("Open the planner with {name} chosen") } }
                <span class="visually-hidden">{format!(" \u{2014} {} in {}", f.title, p.qualification)}</span>
            </a>
        </li>
    }
}
