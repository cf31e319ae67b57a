//! Prints what the release build's post-build hook puts in `index.html`: the home page
//! pre-rendered by the app's own components (`web::prerender_home`), for `#app`, then the top of
//! every planner (`web::prerender_planner_heads`) as `<template>` elements for the loading shell.
//! The two parts are separated by a line holding only `<!--heads-->`.

use std::io::Write;

fn main() {
    let mut page = pathway_planner::web::prerender_home();
    page.push_str("\n<!--heads-->\n");
    for (address, html) in pathway_planner::web::prerender_planner_heads() {
        // The address is `#/` and a qualification number made safe for an address by `encode`.
        let id = address.trim_start_matches("#/");
        page.push_str(&format!("<template data-planner=\"{id}\">{html}</template>"));
    }
    let mut out = std::io::stdout().lock();
    if out.write_all(page.as_bytes()).and_then(|_| out.flush()).is_err() {
        std::process::exit(1);
    }
}
