//! One function component per address: the home page, a qualification's planner, qualifications
//! compared, finding a unit, checking a cohort, and the page for a qualification the app does not have.

mod cohort;
mod compare;
mod home;
mod not_found;
mod planner;
mod units;

pub use cohort::CohortPage;
pub use compare::ComparePage;
pub use home::Home;
pub use not_found::NotFound;
pub use planner::PlannerPage;
#[cfg(not(target_arch = "wasm32"))]
pub use planner::{HeadProps, PlannerHead};
pub use units::UnitsPage;
