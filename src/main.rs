fn main() {
    #[cfg(target_arch = "wasm32")]
    pathway_planner::web::start();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("Pathway Planner is a web app: build it with `trunk build --release` (see README.md).");
}
