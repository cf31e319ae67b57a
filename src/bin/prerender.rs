//! Prints the home page pre-rendered by the app's own components (`web::prerender_home`), for
//! the release build's post-build hook to put inside `#app` in `index.html`.

use std::io::Write;

fn main() {
    let html = pathway_planner::web::prerender_home();
    let mut out = std::io::stdout().lock();
    if out.write_all(html.as_bytes()).and_then(|_| out.flush()).is_err() {
        std::process::exit(1);
    }
}
