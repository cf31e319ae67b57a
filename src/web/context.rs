//! What the root shares with every page and component: where the app is (the route, and a way
//! to go elsewhere) and the notice carried to a page. Both travel by `ContextProvider`, so any
//! component can read or change them without a chain of props or a global.

use std::rc::Rc;

use yew::prelude::*;

use crate::address::Route;

/// A message that belongs to one page and outlives the navigation that leads to it, such as
/// what was left out of a plan file just opened. Shown while that page is.
#[derive(Clone, PartialEq)]
pub struct Notice {
    /// The page it belongs to (see [`page_key`]).
    pub page: String,
    pub title: String,
    pub lines: Vec<String>,
    /// Information to read rather than a warning: shown as a status, not an alert.
    pub status: bool,
}

/// Which page a route shows: a plan's changes stay on one page, a new qualification is another.
pub fn page_key(route: &Route) -> String {
    match route {
        Route::Planner { number, .. } => number.clone(),
        Route::NotFound { requested } => format!("missing:{requested}"),
        Route::Home => "home".to_owned(),
        Route::Compare { .. } => "compare".to_owned(),
        Route::Units { .. } => "units".to_owned(),
        Route::Cohort => "cohort".to_owned(),
    }
}

/// Navigation: the route on screen and how to move.
#[derive(Clone, PartialEq)]
pub struct Nav {
    pub route: Rc<Route>,
    /// Go to a route with a new history entry, so Back returns here.
    pub go: Callback<Route>,
    /// Write the route into the address (a new history entry) for a page that already shows it;
    /// the root catches up when the browser reports the change, after the page has updated.
    pub record: Callback<Route>,
}

/// The notice shown on its page, and how to announce another.
#[derive(Clone, PartialEq)]
pub struct Notices {
    pub current: Option<Notice>,
    pub announce: Callback<Notice>,
}

/// A cohort file checked, kept by the root while the page is open so that opening a learner's plan
/// and coming Back shows the results again without the file.
#[derive(PartialEq)]
pub struct CheckedCohort {
    /// What was checked, as the page names it: a file's name in quotes, or "the pasted rows".
    pub source: String,
    pub cohort: crate::cohort::Cohort,
}

#[derive(Clone, PartialEq)]
pub struct CohortMemory {
    pub current: Option<Rc<CheckedCohort>>,
    pub set: Callback<Option<Rc<CheckedCohort>>>,
}

#[hook]
pub fn use_nav() -> Nav {
    use_context::<Nav>().expect("Nav is provided by the app's root")
}

#[hook]
pub fn use_notices() -> Notices {
    use_context::<Notices>().expect("Notices are provided by the app's root")
}

#[hook]
pub fn use_cohort_memory() -> CohortMemory {
    use_context::<CohortMemory>().expect("the cohort memory is provided by the app's root")
}
