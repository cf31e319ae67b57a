//! Check a cohort: a spreadsheet of learners, opened as a file or pasted, each row checked by
//! `cohort::check_cohort` (the planner's own engine). The results stay in the root's memory
//! (`CohortMemory`), so opening a learner's plan and coming Back finds them again; they are never
//! put in the address or stored.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::catalogue::shared;
use crate::cohort::{
    check_cohort, view, Cohort, Direction, Filter, Sort, SortColumn, Verdict, EXAMPLE_FILE as EXAMPLE, MAX_COHORT_BYTES,
};
use crate::web::browser::{download, link_to, print, take_chosen_file};
use crate::web::context::{use_cohort_memory, CheckedCohort};
use crate::words::thousands;

/// Rows drawn at once: enough to read, few enough that 5,000 learners draw without a pause.
const PAGE_ROWS: usize = 200;

#[function_component(CohortPage)]
pub fn cohort_page() -> Html {
    let memory = use_cohort_memory();
    let pasted = use_state(String::new);
    let busy = use_state(|| None::<String>);
    let refused = use_state(|| None::<String>);
    // The pending check; dropping it (leaving the page) cancels it.
    let timer = use_mut_ref(|| None::<Timeout>);

    // Checked a frame after "Checking…" is drawn, so a large file never leaves the page silent.
    let check = {
        let (busy, refused, set) = (busy.clone(), refused.clone(), memory.set.clone());
        Callback::from(move |(source, bytes): (String, Vec<u8>)| {
            busy.set(Some(source.clone()));
            let (busy, refused, set) = (busy.clone(), refused.clone(), set.clone());
            *timer.borrow_mut() = Some(Timeout::new(30, move || {
                let result = shared()
                    .map_err(|e| e.to_string())
                    .and_then(|cat| check_cohort(cat, &bytes).map_err(|e| e.message()));
                match result {
                    Ok(cohort) => {
                        refused.set(None);
                        set.emit(Some(Rc::new(CheckedCohort { source, cohort })));
                    }
                    Err(message) => refused.set(Some(format!(
                        "{} was not checked. {message} Nothing has been changed.",
                        crate::words::capital(&source)
                    ))),
                }
                busy.set(None);
            }));
        })
    };
    let on_file = {
        let (check, refused) = (check.clone(), refused.clone());
        Callback::from(move |e: Event| {
            let Some(file) = take_chosen_file(&e) else {
                return;
            };
            let name = format!("\u{201c}{}\u{201d}", file.name());
            if file.size() > MAX_COHORT_BYTES as u64 {
                refused.set(Some(format!(
                    "{name} was not checked: it is larger than {} MB, more than a cohort file needs. Nothing has been changed.",
                    MAX_COHORT_BYTES / (1024 * 1024)
                )));
                return;
            }
            let (check, refused) = (check.clone(), refused.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match gloo_file::futures::read_as_bytes(&file).await {
                    // The checker reads bytes (UTF-16 and stray bytes included), so nothing is lost here.
                    Ok(bytes) => check.emit((name, bytes)),
                    Err(_) => refused.set(Some(format!(
                        "The browser could not read {name}. Nothing has been changed."
                    ))),
                }
            });
        })
    };
    let on_paste_input = {
        let pasted = pasted.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            pasted.set(area.value());
        })
    };
    let on_paste_submit = {
        let (pasted, check, refused) = (pasted.clone(), check.clone(), refused.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if pasted.trim().is_empty() {
                refused.set(Some(
                    "Paste rows from a spreadsheet first, with the header row.".to_owned(),
                ));
                return;
            }
            check.emit(("the pasted rows".to_owned(), pasted.as_bytes().to_vec()));
        })
    };
    let on_example = Callback::from(|_: MouseEvent| {
        let _ = download("cohort example.csv", "text/csv", EXAMPLE);
    });

    html! {
        <main id="main" class="page cohort-page" tabindex="-1">
            <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="#/">{"All qualifications"}</a></nav>
            <h1>{"Check a cohort"}</h1>
            <p class="lede">{"Check every learner's plan at once: one row a learner, from a spreadsheet. Each plan is checked against its qualification's rules exactly as the planner checks it."}</p>
            <p class="privacy">{"The file is read in this browser. Nothing is uploaded or kept: the results stay on this page until you close it."}</p>
            <details class="file-format">
                <summary>{"What the file needs"}</summary>
                <p>{"A header row naming the columns, in any order and any case, then one row a learner. Comma, semicolon or tab separated, as spreadsheets save CSV."}</p>
                <dl>
                    <dt>{"learner"}</dt><dd>{"The learner's name or ID."}</dd>
                    <dt>{"qualification"}</dt><dd>{"The qualification number as printed, for example 600/1135/X."}</dd>
                    <dt>{"units"}</dt><dd>{"Units still to do, by unit number or reference number, separated by spaces or semicolons. Mandatory units may be left out."}</dd>
                    <dt>{"achieved (optional)"}</dt><dd>{"Units already achieved, the same way."}</dd>
                    <dt>{"registered (optional)"}</dt><dd>{"The registration date, as 2024-09-01 or 01/09/2024 (day first)."}</dd>
                </dl>
                <pre class="example" aria-label="An example file">{EXAMPLE.replace('\r', "")}</pre>
                <button type="button" class="button secondary" onclick={on_example}>{"Download this example"}</button>
            </details>
            <div class="field">
                <label for="cohort-file">{"Open a CSV file"}</label>
                <p class="hint" id="cohort-file-hint">{"Saved from a spreadsheet as CSV (.csv) or text (.txt)."}</p>
                <input id="cohort-file" type="file" accept=".csv,.txt,.tsv,text/csv,text/plain" aria-describedby="cohort-file-hint" onchange={on_file} />
            </div>
            <form class="field" onsubmit={on_paste_submit}>
                <label for="cohort-paste">{"Or paste rows from a spreadsheet"}</label>
                <p class="hint" id="cohort-paste-hint">{"Copy the cells, header row included, and paste them here."}</p>
                <textarea id="cohort-paste" rows="5" aria-describedby="cohort-paste-hint" value={(*pasted).clone()} oninput={on_paste_input} />
                <button type="submit" class="button">{"Check pasted rows"}</button>
            </form>
            // One region that is always there, so screen readers hear both "Checking…" and the
            // counts once the table is drawn (the counts are shown again, visibly, in the results).
            <div role="status" class={if busy.is_some() { "cohort-status" } else { "cohort-status visually-hidden" }}>
                if let Some(source) = &*busy {
                    <p>{format!("Checking {source}\u{2026}")}</p>
                } else if let Some(checked) = &memory.current {
                    <p>{format!("Checked {}. {}", checked.source, checked.cohort.summary().sentence())}</p>
                }
            </div>
            if let Some(message) = &*refused {
                <p class="notice notice-warning" role="alert">{message.clone()}</p>
            }
            if let Some(checked) = &memory.current {
                <CohortResults key={Rc::as_ptr(checked) as usize} checked={checked.clone()} />
            }
        </main>
    }
}

#[derive(Properties)]
struct ResultsProps {
    checked: Rc<CheckedCohort>,
}

impl PartialEq for ResultsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.checked, &other.checked)
    }
}

#[function_component(CohortResults)]
fn cohort_results(props: &ResultsProps) -> Html {
    let filter = use_state_eq(Filter::default);
    let sort = use_state_eq(Sort::default);
    let shown = use_state_eq(|| PAGE_ROWS);
    let print_timer = use_mut_ref(|| None::<Timeout>);
    let cohort: &Cohort = &props.checked.cohort;
    let summary = cohort.summary();
    let rows = view(&cohort.rows, *filter, *sort);

    let set_filter = |f: Filter| {
        let (filter, shown) = (filter.clone(), shown.clone());
        Callback::from(move |_: Event| {
            filter.set(f);
            shown.set(PAGE_ROWS);
        })
    };
    let on_download = {
        let checked = props.checked.clone();
        let (filter, sort) = (*filter, *sort);
        Callback::from(move |_: MouseEvent| {
            let rows = view(&checked.cohort.rows, filter, sort);
            let base = link_to("");
            let text = crate::cohort::results_csv(rows, &base);
            let _ = download("cohort results.csv", "text/csv", &text);
        })
    };
    let on_print = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| {
            // Every row the filter keeps is drawn first, so the printout is the whole list.
            shown.set(usize::MAX);
            *print_timer.borrow_mut() = Some(Timeout::new(50, print));
        })
    };
    let more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(shown.saturating_add(PAGE_ROWS)))
    };
    let header = |column: SortColumn, label: &'static str| {
        let current = sort.column == column;
        let aria = current.then_some(if sort.direction == Direction::Ascending {
            "ascending"
        } else {
            "descending"
        });
        let onclick = {
            let sort = sort.clone();
            Callback::from(move |_: MouseEvent| {
                let direction = if sort.column == column && sort.direction == Direction::Ascending {
                    Direction::Descending
                } else {
                    Direction::Ascending
                };
                sort.set(Sort { column, direction });
            })
        };
        let mark = match aria {
            Some("ascending") => " \u{25b2}",
            Some(_) => " \u{25bc}",
            None => "",
        };
        html! {
            <th scope="col" aria-sort={aria}>
                <button type="button" class="sort" {onclick}>{label}<span aria-hidden="true">{mark}</span></button>
            </th>
        }
    };
    let left = rows.len().saturating_sub(*shown);
    html! {
        <section class="cohort-results" aria-labelledby="cohort-results-title">
            <h2 id="cohort-results-title">{format!("Results: {}", props.checked.source)}</h2>
            <p class="cohort-summary" data-met={summary.met.to_string()} data-unmet={summary.unmet.to_string()} data-errors={summary.errors.to_string()}>
                {summary.sentence()}
            </p>
            if !cohort.notes.is_empty() {
                <ul class="cohort-notes">{ for cohort.notes.iter().map(|n| html! { <li>{n.sentence()}</li> }) }</ul>
            }
            <div class="cohort-tools">
                <fieldset class="filter-choice">
                    <legend>{"Show"}</legend>
                    { radio("cohort-all", format!("Everyone ({})", thousands(summary.total())), *filter == Filter::All, set_filter(Filter::All)) }
                    { radio("cohort-unmet", format!("Not yet met ({})", thousands(summary.unmet)), *filter == Filter::Unmet, set_filter(Filter::Unmet)) }
                    { radio("cohort-errors", format!("Errors ({})", thousands(summary.errors)), *filter == Filter::Errors, set_filter(Filter::Errors)) }
                </fieldset>
                <div class="actions">
                    <button type="button" class="button" onclick={on_download}>{"Download results (CSV)"}</button>
                    <button type="button" class="button secondary" onclick={on_print}>{"Print results"}</button>
                </div>
            </div>
            if rows.is_empty() {
                <p>{"No learner in this list."}</p>
            } else {
                <div class="table-wrap">
                    <table class="cohort-table">
                        <caption>{format!("{} shown, sorted by {}. Select a column heading to sort by it.", thousands(rows.len().min(*shown)), sort_words(*sort))}</caption>
                        <thead>
                            <tr>
                                { header(SortColumn::Row, "Row") }
                                { header(SortColumn::Learner, "Learner") }
                                { header(SortColumn::Qualification, "Qualification") }
                                { header(SortColumn::Verdict, "Verdict") }
                                { header(SortColumn::Credits, "Credits") }
                                { header(SortColumn::Missing, "What is missing") }
                                <th scope="col">{"Plan"}</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for rows.iter().take(*shown).map(|r| row_view(r)) }
                        </tbody>
                    </table>
                </div>
                if left > 0 {
                    <button type="button" class="button secondary show-more" onclick={more}>
                        {format!("Show {} more ({} not shown)", thousands(left.min(PAGE_ROWS)), thousands(left))}
                    </button>
                }
            }
        </section>
    }
}

fn radio(id: &'static str, label: String, checked: bool, onchange: Callback<Event>) -> Html {
    html! {
        <div class="radio-item">
            <input type="radio" name="cohort-filter" {id} {checked} {onchange} />
            <label for={id}>{label}</label>
        </div>
    }
}

fn sort_words(sort: Sort) -> String {
    let column = match sort.column {
        SortColumn::Row => "row",
        SortColumn::Learner => "learner",
        SortColumn::Qualification => "qualification",
        SortColumn::Verdict => "verdict",
        SortColumn::Credits => "credits",
        SortColumn::Missing => "what is missing",
    };
    let way = if sort.direction == Direction::Ascending {
        "ascending"
    } else {
        "descending"
    };
    format!("{column}, {way}")
}

fn row_view(r: &crate::cohort::CohortRow) -> Html {
    let verdict = r.verdict();
    let (icon, word) = match verdict {
        Verdict::Met => ("\u{2713}", "Meets the rules"),
        Verdict::Unmet => ("\u{2717}", "Not yet"),
        Verdict::Error => ("!", "Cannot be checked"),
    };
    html! {
        <tr data-learner={r.learner.clone()} data-verdict={verdict.label()} class={format!("verdict-{}", verdict.label())}>
            <td data-label="Row">{r.row}</td>
            <td data-label="Learner">{&r.learner}</td>
            <td data-label="Qualification">{&r.qualification}</td>
            <td data-label="Verdict"><span class="mark" aria-hidden="true">{icon}</span>{" "}{word}</td>
            <td data-label="Credits">{r.credits().map(|c| c.to_string()).unwrap_or_default()}</td>
            <td data-label="What is missing">{&r.message}</td>
            <td data-label="Plan">
                if let Some(link) = r.link() {
                    <a href={link.to_owned()} aria-label={format!("Open plan for {}", r.learner)}>{"Open plan"}</a>
                }
            </td>
        </tr>
    }
}
