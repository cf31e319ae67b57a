//! The planner page: groups of units as fieldsets, filters, and the live summary.

use yew::prelude::*;

use crate::address::{decode, Route};
use crate::catalogue::{shared, Qualification, RuleKind};
use crate::date::Date;
use crate::engine::{group_hint, Compiled, Plan};
use crate::planner::{apply, rows, shortest_route_line, Action, Filters, RowState};

use super::app::{current_hash, navigate, Notice};
use super::complete::CompletePanel;
use super::erratum::ErrataNotes;
use super::home::problems;
use super::plan_file::notice;
use super::summary::Summary;
use super::travel::TravelPanel;
use super::unit_row::{UnitRef, UnitRowView};

#[derive(Properties, PartialEq)]
pub struct PlannerProps {
    pub number: String,
    pub plan: Plan,
    pub problems: Vec<String>,
    /// A message carried over from how the user got here (a plan file opened).
    pub notice: Option<Notice>,
}

#[function_component(PlannerPage)]
pub fn planner_page(props: &PlannerProps) -> Html {
    let filters = use_state(Filters::default);
    let last_completion = use_state(|| None::<(Vec<String>, String)>);
    let on_completion = {
        let last = last_completion.clone();
        Callback::from(move |r| last.set(r))
    };
    let compiled = crate::planner::compiled(&props.number).map(super::Qual);
    let route_line = use_memo(props.number.clone(), |n| {
        crate::planner::compiled(n).and_then(shortest_route_line)
    });
    let (Some(q), Some(compiled)) = (shared().ok().and_then(|c| c.qualification(&props.number)), compiled) else {
        return html! { <main id="main" class="page"><h1>{"This qualification could not be loaded"}</h1></main> };
    };

    // The plan is read from the address when the action happens, so this callback stays the
    // same across clicks and unit rows whose own state did not change are not re-rendered.
    let on_action = use_callback(compiled, |action: Action, compiled| {
        let Ok(cat) = shared() else { return };
        let plan = match decode(&current_hash(), cat).route {
            Route::Planner { number, plan } if number == compiled.number => plan,
            _ => Plan::default(),
        };
        let next = apply(compiled, &plan, &action);
        navigate(&Route::Planner {
            number: compiled.number.clone(),
            plan: next,
        });
    });

    let (sets, _) = compiled.resolve(&props.plan);
    let verdict = compiled.evaluate_sets(&sets);
    let unit_rows = rows(&compiled, &sets, &filters);
    let visible = unit_rows.iter().filter(|r| r.visible).count();
    let needs_date = compiled.units.iter().any(|u| u.window.is_some());
    let entries: Vec<_> = q.units().map(|(_, u)| u).collect();

    html! {
        <main id="main" class="page planner" tabindex="-1">
            <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="#/">{"All qualifications"}</a></nav>
            <h1>{&q.title}</h1>
            <p class="qual-meta">{qual_meta(q)}</p>
            if let Some(line) = &*route_line { <p class="route-line">{line}</p> }
            { problems(&props.problems) }
            if let Some(n) = &props.notice { { notice(n) } }
            <ErrataNotes ids={q.errata.clone()} label="About this qualification" />
            if !q.facts.is_empty() {
                <details class="facts-detail">
                    <summary>{"About this qualification: assessment, entry, ages and dates, as printed"}</summary>
                    <dl class="facts-list">
                        { for q.facts.iter().map(|f| html! { <div><dt>{&f.label}</dt><dd>{&f.value}</dd></div> }) }
                    </dl>
                </details>
            }
            <details class="rules-text">
                <summary>{"Rules of combination, as printed"}</summary>
                { for q.rules_text.iter().map(|t| html! { <p>{t}</p> }) }
                <p class="source">{source_line(q)}</p>
            </details>
            <div class="planner-layout">
                <div class="planner-main">
                    if needs_date { { registration(&props.plan, on_action.clone()) } }
                    <CompletePanel compiled={compiled} plan={props.plan.clone()} on_action={on_action.clone()}
                        last={(*last_completion).clone()} on_result={on_completion} />
                    { filter_bar(&filters, visible, unit_rows.len(), &compiled) }
                    { for compiled.groups.iter().enumerate().map(|(gi, g)| {
                        let own: Vec<&RuleKind> = q.rules.iter().map(|r| &r.kind).filter(|k| matches!(k,
                            RuleKind::MinGroupCredits { groups, .. } | RuleKind::MaxGroupCredits { groups, .. } if groups.len() == 1 && groups[0] == g.id)).collect();
                        let group_rows: Vec<_> = unit_rows.iter().filter(|r| compiled.units[r.index].group == gi).collect();
                        let shown = group_rows.iter().filter(|r| r.visible).count();
                        html! {
                            <fieldset class="group" id={format!("group-{}", g.id)}>
                                <legend><span class="legend-title">{&g.title}</span></legend>
                                <p class="hint">{group_hint(g.mandatory, &own)}</p>
                                if shown == 0 {
                                    <p class="empty">{"No units in this group match the filters."}</p>
                                }
                                // Units in the plan that the filters hide are still rendered, for
                                // the printed plan, which lists every unit in the plan.
                                { for group_rows.into_iter().filter(|r| r.visible || r.state != RowState::Available).map(|r| {
                                    let key = &compiled.units[r.index].key;
                                    let row = html! {
                                        <UnitRowView
                                            key={key.clone()}
                                            of={UnitRef { unit: &compiled.0.units[r.index], entry: entries[r.index] }}
                                            state={r.state}
                                            warnings={r.warnings.clone()}
                                            ruled_out={props.plan.ruled_out.contains(key)}
                                            added={last_completion.as_ref().is_some_and(|(a, _)| a.contains(key))}
                                            on_action={on_action.clone()} />
                                    };
                                    if r.visible { row } else { html! { <div key={format!("print-{key}")} class="print-only">{row}</div> } }
                                }) }
                            </fieldset>
                        }
                    }) }
                    <TravelPanel compiled={compiled} plan={props.plan.clone()} on_action={on_action.clone()} />
                    { plan_errata(&compiled, q, &props.plan) }
                    <p><button type="button" class="button secondary" onclick={ let a = on_action.clone(); move |_| a.emit(Action::Clear) }
                        disabled={props.plan.chosen.is_empty() && props.plan.achieved.is_empty()}>{"Start again (clear chosen and achieved units)"}</button></p>
                </div>
                <Summary compiled={compiled} verdict={verdict} />
            </div>
        </main>
    }
}

fn qual_meta(q: &Qualification) -> String {
    let mut parts = vec![
        format!("{} · {}", q.awarding_body, q.number),
        format!("Level {}", q.level),
        format!("{} credits", q.total_credits),
    ];
    if let Some(t) = q.tqt {
        parts.push(format!("TQT {t} hours"));
    }
    if let Some(g) = q.glh {
        parts.push(format!("GLH {g}"));
    }
    parts.join(" · ")
}

fn source_line(q: &Qualification) -> String {
    let doc = shared()
        .ok()
        .and_then(|c| c.document(&q.source.document))
        .map(|d| d.title.clone())
        .unwrap_or_default();
    format!("Source: {doc}, section \u{201c}{}\u{201d}.", q.source.section)
}

fn registration(plan: &Plan, on_action: Callback<Action>) -> Html {
    let value = plan.registered.map(|d| d.iso()).unwrap_or_default();
    let onchange = Callback::from(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        on_action.emit(Action::SetRegistered(Date::parse_iso(&input.value())));
    });
    html! {
        <div class={if plan.registered.is_some() { "field registration" } else { "field registration no-date" }}>
            <label for="registered">{"Learner's registration date"}</label>
            <p class="hint" id="registered-hint">{"Some units depend on when the learner registered (City & Guilds units 319 and 619). Leave empty if not known yet."}</p>
            <input type="date" id="registered" name="registered" value={value} aria-describedby="registered-hint" {onchange} />
        </div>
    }
}

fn filter_bar(filters: &UseStateHandle<Filters>, visible: usize, total: usize, compiled: &Compiled) -> Html {
    let mut levels: Vec<u8> = compiled.units.iter().map(|u| u.level).collect();
    levels.sort_unstable();
    levels.dedup();
    let on_text = {
        let f = filters.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            f.set(Filters {
                text: input.value(),
                ..(*f).clone()
            });
        })
    };
    let on_level = {
        let f = filters.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            f.set(Filters {
                level: select.value().parse().ok(),
                ..(*f).clone()
            });
        })
    };
    let on_addable = {
        let f = filters.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            f.set(Filters {
                addable_only: input.checked(),
                ..(*f).clone()
            });
        })
    };
    let on_clear = {
        let f = filters.clone();
        Callback::from(move |_| f.set(Filters::default()))
    };
    let level_value = filters.level.map(|l| l.to_string()).unwrap_or_default();
    html! {
        <search class="filters" aria-label="Find units">
            <h2 class="visually-hidden">{"Find units"}</h2>
            <div class="filter-row">
                <div class="field">
                    <label for="filter-text">{"Words in title or unit number"}</label>
                    <input type="search" id="filter-text" value={filters.text.clone()} oninput={on_text} autocomplete="off" />
                </div>
                <div class="field">
                    <label for="filter-level">{"Level"}</label>
                    <select id="filter-level" onchange={on_level}>
                        <option value="" selected={filters.level.is_none()}>{"Any level"}</option>
                        { for levels.iter().map(|l| html! { <option value={l.to_string()} selected={level_value == l.to_string()}>{format!("Level {l}")}</option> }) }
                    </select>
                </div>
                <div class="field checkbox-field">
                    <input type="checkbox" id="filter-addable" checked={filters.addable_only} onchange={on_addable} />
                    <label for="filter-addable">{"Only units that can still be added"}</label>
                </div>
                <button type="button" class="button secondary" onclick={on_clear} disabled={!filters.is_active()}>{"Clear filters"}</button>
            </div>
            <p class="filter-count" aria-live="polite">{
                if filters.is_active() { format!("Showing {visible} of {total} units. Chosen units still count in the summary.") } else { format!("{total} units") }
            }</p>
        </search>
    }
}

/// The errata that bear on the plan, listed in full for the printed plan (on screen each one sits
/// next to the unit or rule it concerns).
fn plan_errata(compiled: &Compiled, q: &Qualification, plan: &Plan) -> Html {
    let Ok(cat) = shared() else { return html! {} };
    let errata = crate::travel::print::plan_errata(cat, compiled, q, plan);
    if errata.is_empty() {
        return html! {};
    }
    html! {
        <section class="plan-errata" aria-labelledby="plan-errata-title">
            <h2 id="plan-errata-title">{"Errors and ambiguities in the source documents that affect this plan"}</h2>
            <dl>
                { for errata.iter().map(|e| html! {
                    <>
                        <dt>{format!("Erratum {}", e.id)}</dt>
                        <dd>{&e.problem}{" What this app does: "}{&e.treatment}</dd>
                    </>
                }) }
            </dl>
        </section>
    }
}
