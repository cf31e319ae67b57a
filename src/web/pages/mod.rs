//! One function component per address: the home page, a qualification's planner, and the page
//! for a qualification the app does not have.

mod home;
mod not_found;
mod planner;

pub use home::Home;
pub use not_found::NotFound;
pub use planner::PlannerPage;
