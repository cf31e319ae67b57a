//! A qualification's planner: groups of units as fieldsets, filters, "complete my pathway", the
//! live summary, and sharing and saving. The plan is state in a reducer whose transitions are
//! `planner::PlannerState::reduce`; the address follows it, so reload, Back, Forward and shared
//! links reproduce it.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::address::Route;
use crate::catalogue::{shared, Qualification, RuleKind};
use crate::date::Date;
use crate::engine::{group_hint, Plan};
use crate::pacing::Drawn;
use crate::planner::{rows, shortest_route_line, Action, Filters, PlannerEvent, PlannerState};
use crate::words::{qualification_meta, TERMS};

use crate::across::carry::{carried_lines, route_from_here};
use crate::web::browser::{focus_by_id, today_iso};
use crate::web::components::carry::CarryPanel;
use crate::web::components::complete::CompletePanel;
use crate::web::components::erratum::ErrataNotes;
use crate::web::components::filters::FilterBar;
use crate::web::components::notice::{LinkProblems, NoticeView};
use crate::web::components::paste::PastePanel;
use crate::web::components::plan_file::OpenPlanFile;
use crate::web::components::printed_plan::{PrintNames, PrintedPlan};
use crate::web::components::saved_plans::SavedPlansPanel;
use crate::web::components::share::SharePanel;
use crate::web::components::summary::Summary;
use crate::web::components::unit_row::{UnitRef, UnitRowView};
use crate::web::context::{use_nav, use_notices, Notice};
use crate::web::Qual;

#[derive(Properties, PartialEq)]
pub struct PlannerProps {
    pub number: String,
    /// The plan the address names.
    pub plan: Plan,
    /// What the address named that could not be used.
    pub problems: Vec<String>,
}

/// The reducer's state: the planner state of one compiled qualification.
#[derive(PartialEq)]
struct PlanStore {
    compiled: Option<Qual>,
    state: PlannerState,
}

impl Reducible for PlanStore {
    type Action = PlannerEvent;

    fn reduce(self: Rc<Self>, event: PlannerEvent) -> Rc<Self> {
        match self.compiled {
            Some(c) => Rc::new(PlanStore {
                compiled: self.compiled,
                state: self.state.reduce(&c, event),
            }),
            None => self,
        }
    }
}

#[function_component(PlannerPage)]
pub fn planner_page(props: &PlannerProps) -> Html {
    let compiled = crate::planner::compiled(&props.number).map(Qual);
    let nav = use_nav();
    let notices = use_notices();
    let store = use_reducer_eq(|| PlanStore {
        compiled,
        state: PlannerState::new(props.plan.clone()),
    });
    {
        // The address changed from outside (Back, Forward, a link): show its plan.
        let dispatcher = store.dispatcher();
        use_effect_with(props.plan.clone(), move |plan| {
            dispatcher.dispatch(PlannerEvent::Show(plan.clone()))
        });
    }
    {
        // The address follows the plan; the first render's plan came from the address.
        let (record, number) = (nav.record.clone(), props.number.clone());
        let first = use_mut_ref(|| true);
        use_effect_with(store.state.plan.clone(), move |plan| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                record.emit(Route::Planner {
                    number,
                    plan: plan.clone(),
                });
            }
        });
    }
    // Stable for the page's life, so unit rows whose own state did not change are not re-rendered.
    let on_event = {
        let dispatcher = store.dispatcher();
        use_callback((), move |event: PlannerEvent, _| dispatcher.dispatch(event))
    };
    let on_action = use_callback(on_event.clone(), |action: Action, on_event| {
        on_event.emit(PlannerEvent::Act(action))
    });

    let Some(compiled) = compiled else {
        return html! { <main id="main" class="page" tabindex="-1"><h1>{"This qualification could not be loaded"}</h1></main> };
    };
    html! {
        <main id="main" class="page planner" tabindex="-1">
            <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="#/">{"All qualifications"}</a></nav>
            <nav class="jump-links" aria-label="On this page">
                <a href="#summary-title" onclick={jump("summary-toggle")}>{"Jump to the summary"}</a>
                <a href="#travel-title" onclick={jump("travel-title")}>{"Jump to share and save"}</a>
            </nav>
            <QualIntro compiled={compiled} problems={props.problems.clone()} notice={notices.current} />
            <PlannerBody compiled={compiled} state={store.state.clone()} {on_event} {on_action} />
        </main>
    }
}

/// A link within the page: the address holds the plan, so it moves the focus (and the view)
/// instead of changing the address.
fn jump(id: &'static str) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        focus_by_id(id);
    })
}

#[derive(Properties, PartialEq)]
struct BodyProps {
    compiled: Qual,
    state: PlannerState,
    on_event: Callback<PlannerEvent>,
    on_action: Callback<Action>,
}

/// Everything that changes with the plan. Apart from the page so that when the address catches
/// up with a click (or anything else re-renders the page with the same plan) none of it is rebuilt.
#[function_component(PlannerBody)]
fn planner_body(props: &BodyProps) -> Html {
    let filters = use_state(Filters::default);
    let names = use_state(|| PrintNames {
        date: today_iso(),
        ..PrintNames::default()
    });
    // The solver's completion from the plan as it stands, once units are achieved (carried ones too).
    let from_here = use_memo((props.compiled, props.state.plan.clone()), |(c, plan)| {
        route_from_here(c, plan)
    });
    // Drawn in steps, one task each (`pacing`), so that opening a planner never holds up a slow
    // phone for long.
    let steps = use_state_eq(|| 0_usize);
    let (compiled, on_action, on_event) = (props.compiled, &props.on_action, &props.on_event);
    let plan = &props.state.plan;
    let (sets, _) = compiled.resolve(plan);
    let unit_rows = rows(&compiled, &sets, &filters);
    let visible = unit_rows.iter().filter(|r| r.visible).count();
    let stage = Drawn::after(*steps, visible);
    let (drawn, complete) = (stage.rows, stage.is_complete());
    {
        let steps = steps.clone();
        use_effect_with((*steps, complete), move |&(taken, complete)| {
            let next = (!complete).then(|| Timeout::new(0, move || steps.set(taken + 1)));
            move || drop(next)
        });
    }
    let Some(q) = shared().ok().and_then(|c| c.qualification(&compiled.number)) else {
        return html! {};
    };
    let verdict = compiled.evaluate_sets(&sets);
    let needs_date = compiled.units.iter().any(|u| u.window.is_some());
    let entries: Vec<_> = q.units().map(|(_, u)| u).collect();
    // Each group's rows are numbered across the page, so the first `drawn` of them are drawn.
    let mut before = 0;

    html! {
        <>
            if let Some(line) = &*from_here { <p class="route-line from-here">{line}</p> }
            if let (Some(carried), Ok(cat)) = (&plan.carried, shared()) {
                <section class="carried" aria-labelledby="carried-title">
                    <h2 id="carried-title">{"Units carried from another qualification"}</h2>
                    { for carried_lines(cat, q, carried).into_iter().map(|l| html! { <p>{l}</p> }) }
                </section>
            }
            <div class="planner-layout">
                // Busy while rows are still to come: tests, and assistive technology, wait for it.
                <div class="planner-main" aria-busy={(!complete).then_some("true")}>
                    if stage.complete_panel {
                        if needs_date { { registration(plan, on_action.clone()) } }
                        <CompletePanel compiled={compiled} plan={plan.clone()} completion={props.state.completion.clone()} on_event={on_event.clone()} />
                    }
                    if stage.filters {
                        <FilterBar filters={filters.clone()} {visible} total={unit_rows.len()} compiled={compiled} />
                        <p class="hint keyboard-hint">{"With a keyboard: Tab moves from unit to unit; on a unit, the arrow keys reach its other options (already achieved, don't suggest, notes and details)."}</p>
                        // A fragment each, for the groups and for a group's rows: Yew matches the
                        // children of an element from the last one, so rows appended straight into
                        // the fieldset would each be redrawn in the place of another.
                        <>{ for compiled.groups.iter().enumerate().map_while(|(gi, g)| {
                            let own: Vec<&RuleKind> = q.rules.iter().map(|r| &r.kind).filter(|k| matches!(k,
                                RuleKind::MinGroupCredits { groups, .. } | RuleKind::MaxGroupCredits { groups, .. } if groups.len() == 1 && groups[0] == g.id)).collect();
                            let group_rows: Vec<_> = unit_rows.iter().filter(|r| compiled.units[r.index].group == gi).collect();
                            let shown = group_rows.iter().filter(|r| r.visible).count();
                            // A group comes with its first row (or, shown empty, after the last).
                            if before >= drawn && drawn < visible {
                                return None;
                            }
                            let room = drawn.saturating_sub(before);
                            before += shown;
                            Some(html! {
                                <fieldset key={g.id.clone()} class="group" id={format!("group-{}", g.id)}>
                                    <legend><span class="legend-title">{&g.title}</span></legend>
                                    <p class="hint">{group_hint(g.mandatory, &own)}</p>
                                    if shown == 0 {
                                        <p class="empty">{"No units in this group match the filters."}</p>
                                    }
                                    <>{ for group_rows.into_iter().filter(|r| r.visible).take(room).map(|r| {
                                        let key = &compiled.units[r.index].key;
                                        html! {
                                            <UnitRowView
                                                key={key.clone()}
                                                of={UnitRef { unit: &compiled.0.units[r.index], entry: entries[r.index] }}
                                                state={r.state}
                                                warnings={r.warnings.clone()}
                                                ruled_out={plan.ruled_out.contains(key)}
                                                carried_from={plan.carried.as_ref().filter(|c| c.units.contains(key)).map(|c| AttrValue::from(c.from.clone()))}
                                                added={props.state.added(key)}
                                                on_action={on_action.clone()} />
                                        }
                                    }) }</>
                                </fieldset>
                            })
                        }) }</>
                    }
                    if stage.sharing {
                        <CarryPanel number={q.number.clone()} plan={plan.clone()} />
                        <section class="travel" aria-labelledby="travel-title">
                            <h2 id="travel-title" tabindex="-1">{"Share, save and print"}</h2>
                            <SharePanel compiled={compiled} plan={plan.clone()} names={names.clone()} />
                            if stage.saving {
                                <SavedPlansPanel to_save={Some((q.number.clone(), plan.clone()))} />
                                <OpenPlanFile />
                                <PastePanel compiled={compiled} on_action={on_action.clone()} />
                            }
                        </section>
                    }
                    if stage.saving {
                        <p><button type="button" class="button secondary" onclick={ let a = on_action.clone(); move |_| a.emit(Action::Clear) }
                            disabled={plan.chosen.is_empty() && plan.achieved.is_empty()}>{"Start again (clear chosen and achieved units)"}</button></p>
                    }
                </div>
                if stage.summary {
                    <Summary compiled={compiled} verdict={verdict.clone()} started={!plan.chosen.is_empty() || !plan.achieved.is_empty()} />
                }
            </div>
            if stage.printing {
                <PrintedPlan compiled={compiled} plan={plan.clone()} {verdict} names={(*names).clone()} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct IntroProps {
    compiled: Qual,
    problems: Vec<String>,
    notice: Option<Notice>,
}

/// The qualification as printed, above the units: title, figures, shortest routes, notices,
/// facts and the rules' own words. Its props do not change with the plan, so a click never
/// rebuilds it.
#[function_component(QualIntro)]
fn qual_intro(props: &IntroProps) -> Html {
    let Some(q) = shared().ok().and_then(|c| c.qualification(&props.compiled.number)) else {
        return html! {};
    };
    html! {
        <>
            <PlannerHead compiled={props.compiled} />
            <LinkProblems problems={props.problems.clone()} />
            if let Some(n) = props.notice.clone() { <NoticeView notice={n} /> }
            <ErrataNotes ids={q.errata.clone()} label="About this qualification" />
            { facts(q) }
            <details class="rules-text">
                <summary>{"Rules of combination, as printed"}</summary>
                { for q.rules_text.iter().map(|t| html! { <p>{t}</p> }) }
                <p class="source">{source_line(q)}</p>
            </details>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct HeadProps {
    pub compiled: Qual,
}

/// The top of a planner: title, figures, terms and shortest routes. The release build also
/// renders it for every qualification into `index.html` (`web::prerender_planner_heads`), for the
/// loading shell to show while the wasm arrives: the first screen of a planner is then drawn
/// before the app starts, by this same component.
#[function_component(PlannerHead)]
pub fn planner_head(props: &HeadProps) -> Html {
    let compiled = props.compiled;
    // The shortest routes take the solver a few milliseconds, longer the first time: the browser
    // shows the line the build worked out (the loading shell's) at once, and the solver's own
    // answer, the same, replaces it a task later. Without the build's line (a development build),
    // the line comes with that task.
    let route_line = use_state_eq(|| first_route_line(compiled));
    {
        let route_line = route_line.clone();
        use_effect_with(compiled, move |&c| {
            let work = Timeout::new(0, move || route_line.set(shortest_route_line(&c)));
            move || drop(work)
        });
    }
    let Some(q) = shared().ok().and_then(|c| c.qualification(&props.compiled.number)) else {
        return html! {};
    };
    html! {
        <>
            <h1>{&q.title}</h1>
            <p class="qual-meta">{qualification_meta(q)}</p>
            <p class="hint terms">{TERMS}</p>
            if let Some(line) = &*route_line { <p class="route-line">{line}</p> }
        </>
    }
}

/// The shortest-routes line to draw first: the build's, in the browser; worked out at once when
/// pre-rendering (effects do not run there).
#[cfg(target_arch = "wasm32")]
fn first_route_line(compiled: Qual) -> Option<String> {
    let address = crate::address::encode(&Route::Planner {
        number: compiled.number.clone(),
        plan: Plan::default(),
    });
    crate::web::browser::prerendered_text(&address, ".route-line")
}

#[cfg(not(target_arch = "wasm32"))]
fn first_route_line(compiled: Qual) -> Option<String> {
    shortest_route_line(&compiled)
}

fn facts(q: &Qualification) -> Html {
    if q.facts.is_empty() {
        return html! {};
    }
    html! {
        <details class="facts-detail">
            <summary>{"About this qualification: assessment, entry, ages and dates, as printed"}</summary>
            <dl class="facts-list">
                { for q.facts.iter().map(|f| html! { <div><dt>{&f.label}</dt><dd>{&f.value}</dd></div> }) }
            </dl>
        </details>
    }
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
