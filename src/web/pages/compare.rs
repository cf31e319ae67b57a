//! Qualifications side by side (`across::compare`) and the units they share
//! (`across::shared_units`). Each table scrolls inside its own labelled, focusable region on a
//! narrow screen, so the page itself never scrolls sideways; on paper it is A4 landscape.

use yew::prelude::*;

use crate::across::compare::{compare, Cell, Comparison};
use crate::across::shared_units::{shared_units, Placement, SharedReference};
use crate::catalogue::shared;
use crate::words::{credits, NOT_PRINTED};

use crate::web::components::choose::ChooseQualifications;
use crate::web::components::erratum::ErrataNotes;
use crate::web::components::notice::LinkProblems;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    /// As the address names them; empty: every qualification.
    pub numbers: Vec<String>,
    pub problems: Vec<String>,
}

#[function_component(ComparePage)]
pub fn compare_page(props: &CompareProps) -> Html {
    let numbers = use_memo(props.numbers.clone(), |n| match shared() {
        Ok(cat) if n.is_empty() => cat.qualifications.iter().map(|q| q.number.clone()).collect(),
        _ => n.clone(),
    });
    let table = use_memo(numbers.clone(), |n| shared().ok().map(|cat| compare(cat, n)));
    let common = use_memo(numbers.clone(), |n| {
        shared().ok().map(|cat| shared_units(cat, n)).unwrap_or_default()
    });
    let Some(table) = table.as_ref() else { return html! {} };
    html! {
        <main id="main" class="page compare-page" tabindex="-1">
            <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="#/">{"All qualifications"}</a></nav>
            <h1>{"Compare qualifications"}</h1>
            <p class="lede">{format!("{} side by side. Every figure is as the awarding body prints it; \u{201c}not printed\u{201d} means the document gives none. The shortest routes are worked out exactly from the rules of combination.", crate::words::plural(table.columns.len() as u32, "qualification", "qualifications"))}</p>
            <LinkProblems problems={props.problems.clone()} />
            <details class="choose-again">
                <summary>{"Change which qualifications are compared"}</summary>
                <ChooseQualifications id="compare-choose" selected={(*numbers).clone()} />
            </details>
            { comparison(table) }
            { in_common(table, &common) }
        </main>
    }
}

fn comparison(t: &Comparison) -> Html {
    html! {
        <>
        <p class="scroll-hint">{"The tables below scroll sideways; the row headings stay in view."}</p>
        <div class="table-scroll" role="region" aria-labelledby="compare-caption" tabindex="0">
            <table class="compare-table">
                <caption id="compare-caption">{"The qualifications compared"}</caption>
                <thead>
                    <tr>
                        <th scope="col">{"Qualification number"}</th>
                        { for t.columns.iter().map(|c| html! {
                            <th scope="col"><a href={c.address.clone()}>{&c.number}<span class="visually-hidden">{format!(": open the planner for {}", c.title)}</span></a></th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for t.rows.iter().map(|r| html! {
                        <tr data-row={r.id}>
                            <th scope="row">{r.label}</th>
                            { for r.cells.iter().zip(&t.columns).map(|(cell, col)| html! { <td>{ cell_html(cell, r.label, &col.number) }</td> }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
        </>
    }
}

fn cell_html(cell: &Cell, row: &str, number: &str) -> Html {
    match cell {
        Cell::Text(t) => html! { {t} },
        Cell::NotPrinted => html! { <span class="not-printed">{NOT_PRINTED}</span> },
        Cell::Quoted(facts) => html! {
            <>{ for facts.iter().map(|(label, value)| html! {
                <p class="quoted"><span class="fact-label">{label}</span>{" "}{value}</p>
            }) }</>
        },
        Cell::Route { summary, address } => html! {
            <>
                <p class="route-summary">{summary}</p>
                <a href={address.clone()}>{"Open this plan"}<span class="visually-hidden">{format!(": {} for {number}", crate::words::lower_first(row))}</span></a>
            </>
        },
    }
}

fn in_common(t: &Comparison, common: &[SharedReference]) -> Html {
    let columns = &t.columns;
    if columns.len() < 2 {
        return html! {
            <section class="in-common" aria-labelledby="common-title">
                <h2 id="common-title">{"Units in common"}</h2>
                <p>{"Choose two or more qualifications to see the units they share."}</p>
            </section>
        };
    }
    let across_bodies = common
        .iter()
        .filter(|s| {
            s.placements
                .iter()
                .any(|p| p.awarding_body != s.placements[0].awarding_body)
        })
        .count();
    html! {
        <section class="in-common" aria-labelledby="common-title">
            <h2 id="common-title">{"Units in common"}</h2>
            <p id="common-count">{ match common.len() {
                0 => "These qualifications share no unit reference numbers.".to_owned(),
                n => format!("{} shared by two or more of these qualifications ({across_bodies} across different awarding bodies). A unit is matched only by its unit reference number; each qualification's own unit number, group, level and credits are shown as it prints them.",
                    crate::words::plural(n as u32, "unit reference number is", "unit reference numbers are")),
            } }</p>
            if !common.is_empty() {
                <div class="table-scroll" role="region" aria-labelledby="common-caption" tabindex="0">
                    <table class="common-table">
                        <caption id="common-caption">{"Units in common"}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{"Unit"}</th>
                                { for columns.iter().map(|c| html! { <th scope="col">{&c.number}</th> }) }
                            </tr>
                        </thead>
                        <tbody>
                            { for common.iter().map(|s| html! {
                                <tr data-ref={s.reference.clone()}>
                                    <th scope="row">{ unit_header(s) }</th>
                                    { for columns.iter().map(|c| html! { <td>{ placements(s.in_qualification(&c.number).collect(), s.ambiguous) }</td> }) }
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </section>
    }
}

fn unit_header(s: &SharedReference) -> Html {
    let titles = s.titles();
    html! {
        <>
            <span class="common-ref">{&s.reference}</span>
            if s.ambiguous {
                <span class="common-title">{"Printed for different units: "}{titles.join("; ")}</span>
                <strong class="ambiguous-tag">{"One reference, two units: not merged"}</strong>
            } else {
                <span class="common-title">{titles[0]}</span>
                if titles.len() > 1 {
                    <span class="common-also">{format!("Also printed as \u{201c}{}\u{201d}", titles[1..].join("\u{201d}, \u{201c}"))}</span>
                }
            }
            <ErrataNotes ids={s.errata()} label="Note" />
        </>
    }
}

/// One qualification's entries for a reference; under a reference printed for two units, each
/// entry says which unit it is.
fn placements(found: Vec<&Placement>, with_titles: bool) -> Html {
    if found.is_empty() {
        return html! { <span class="not-included">{"\u{2014}"}<span class="visually-hidden">{"not included"}</span></span> };
    }
    html! {
        <ul class="placements">
            { for found.into_iter().map(|p| html! {
                <li>
                    { match &p.number { Some(n) => format!("Unit {n}, "), None => String::new() } }
                    {format!("Group {}{}, Level {}, {}", p.group, if p.mandatory { " (mandatory)" } else { "" }, p.level, credits(p.credits))}
                    if with_titles { <span class="placement-title">{format!(": {}", p.title)}</span> }
                </li>
            }) }
        </ul>
    }
}
