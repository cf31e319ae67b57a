//! Plans saved by name on this device: save, list with qualification and verdict, open, rename
//! in place, delete. The list is a reducer over the pure `SavedPlans` operations; every change is
//! written in an effect, applied afresh to what storage holds (another tab may have saved since),
//! and the list then shows what was stored, nothing else.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::address::{encode, Route};
use crate::catalogue::shared;
use crate::engine::Plan;
use crate::planner::verdict_line;
use crate::travel::saved::{SavedEntry, SavedPlan};
use crate::travel::saved_ops::SavedOp;
use crate::web::browser::{focus_by_id, now_iso};
use crate::web::storage::{self, Loaded};

/// What the person may do next about the last change: update a plan whose name they tried to
/// save under, or undo a deletion (for a few seconds).
#[derive(Clone, PartialEq)]
enum Offer {
    Update { id: String, name: String, address: String },
    Undo { plan: SavedPlan, index: usize },
}

/// How long "Undo" stays offered after a deletion.
const UNDO_MS: u32 = 10_000;

/// The saved plans on screen, what the user was last told, and the change still to be written.
#[derive(Clone, PartialEq)]
struct SavedStore {
    loaded: Loaded,
    status: String,
    offer: Option<Offer>,
    /// The last change, numbered so the effect writing it runs once per change.
    pending: Option<(u32, SavedOp)>,
    changes: u32,
}

enum SavedMsg {
    /// The user asked for a change.
    Request(SavedOp),
    /// Storage now holds this (after a write, or another tab's).
    Stored { loaded: Loaded, status: Option<String> },
    /// The offer's time is up.
    Forget,
}

impl Reducible for SavedStore {
    type Action = SavedMsg;

    fn reduce(self: Rc<Self>, msg: SavedMsg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            SavedMsg::Request(op) => {
                next.offer = None;
                let plans = &next.loaded.outcome.plans;
                if let SavedOp::SaveAs { name, address, .. } = &op {
                    if let Some(taken) = plans.named(name) {
                        next.status = format!(
                            "A saved plan is already called \u{201c}{}\u{201d}. Update it with this plan, or choose another name.",
                            taken.name
                        );
                        next.offer = Some(Offer::Update {
                            id: taken.id.clone(),
                            name: taken.name.clone(),
                            address: address.clone(),
                        });
                        return Rc::new(next);
                    }
                }
                if let SavedOp::Delete { id } = &op {
                    if let Some(index) = plans.plans.iter().position(|p| &p.id == id) {
                        next.offer = Some(Offer::Undo {
                            plan: plans.plans[index].clone(),
                            index,
                        });
                    }
                }
                // Shown at once; the effect then writes it and shows what was stored.
                match next.loaded.outcome.plans.apply(&op) {
                    Ok(message) => {
                        next.status = message;
                        next.changes += 1;
                        next.pending = Some((next.changes, op));
                    }
                    Err(why) => {
                        next.status = why;
                        next.offer = None;
                    }
                }
            }
            SavedMsg::Forget => next.offer = None,
            SavedMsg::Stored { loaded, status } => {
                next.loaded = loaded;
                next.pending = None;
                if let Some(status) = status {
                    // A write that failed leaves nothing to undo.
                    if status.starts_with("Nothing") || status.starts_with("Not ") {
                        next.offer = None;
                    }
                    next.status = status;
                }
            }
        }
        Rc::new(next)
    }
}

#[derive(Properties, PartialEq)]
pub struct SavedPlansProps {
    /// The plan on screen (qualification number and plan), saved by "Save"; without one (the
    /// home page) the list is shown without the save form.
    #[prop_or_default]
    pub to_save: Option<(String, Plan)>,
}

#[function_component(SavedPlansPanel)]
pub fn saved_plans_panel(props: &SavedPlansProps) -> Html {
    // Storage is read once the panel is on screen: its first render must equal the pre-rendered
    // home page that the app hydrates.
    let store = use_reducer_eq(|| SavedStore {
        loaded: storage::Loaded::default(),
        status: String::new(),
        offer: None,
        pending: None,
        changes: 0,
    });
    {
        // "Undo" is offered for a few seconds, then withdrawn.
        let dispatcher = store.dispatcher();
        use_effect_with(store.offer.clone(), move |offer| {
            let timer = matches!(offer, Some(Offer::Undo { .. }))
                .then(|| gloo_timers::callback::Timeout::new(UNDO_MS, move || dispatcher.dispatch(SavedMsg::Forget)));
            move || drop(timer)
        });
    }
    let name = use_state(String::new);
    {
        let dispatcher = store.dispatcher();
        use_effect_with(store.pending.clone(), move |pending| {
            if let Some((_, op)) = pending {
                let (loaded, status) = match storage::apply(op) {
                    Ok(done) | Err(done) => done,
                };
                dispatcher.dispatch(SavedMsg::Stored {
                    loaded,
                    status: Some(status),
                });
            }
        });
    }
    {
        // What storage holds now, and whenever another tab saves, renames or deletes.
        let dispatcher = store.dispatcher();
        use_effect_with((), move |_| {
            // In a task of its own, after the page is drawn: reading and checking every saved
            // plan is the panel's heavy part, and the page should not wait for it.
            let first = {
                let dispatcher = dispatcher.clone();
                gloo_timers::callback::Timeout::new(0, move || {
                    dispatcher.dispatch(SavedMsg::Stored {
                        loaded: storage::load(),
                        status: None,
                    })
                })
            };
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "storage", move |e| {
                    let key = e.dyn_ref::<web_sys::StorageEvent>().and_then(|e| e.key());
                    if storage::is_saved_plans_key(key) {
                        dispatcher.dispatch(SavedMsg::Stored {
                            loaded: storage::load(),
                            status: None,
                        });
                    }
                })
            });
            move || drop((first, listener))
        });
    }
    let entries = use_memo(store.loaded.outcome.plans.clone(), |plans| {
        shared()
            .map(|cat| {
                plans
                    .entries(cat)
                    .into_iter()
                    .map(|e| {
                        let verdict = verdict_line(cat, &e.address);
                        (e, verdict)
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let address = props
        .to_save
        .clone()
        .map(|(number, plan)| encode(&Route::Planner { number, plan }));
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            name.set(el.value());
        })
    };
    let save = {
        let (dispatcher, name, address) = (store.dispatcher(), name.clone(), address.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(address) = &address {
                dispatcher.dispatch(SavedMsg::Request(SavedOp::SaveAs {
                    name: (*name).clone(),
                    address: address.clone(),
                    now: now_iso(),
                }));
            }
        })
    };
    let on_op = {
        let dispatcher = store.dispatcher();
        Callback::from(move |op: SavedOp| dispatcher.dispatch(SavedMsg::Request(op)))
    };
    html! {
        <div class="saved-plans">
            if address.is_some() {
                <form class="save-form" onsubmit={save}>
                    <div class="field">
                        <label for="save-name">{"Save this plan on this device as"}</label>
                        <div class="inline">
                            <input id="save-name" type="text" autocomplete="off" value={(*name).clone()} oninput={on_name} />
                            <button type="submit" class="button">{"Save"}</button>
                        </div>
                    </div>
                </form>
            }
            <div class="saved-status">
                <p class="travel-status" role="status">{store.status.clone()}</p>
                { match store.offer.clone() {
                    Some(Offer::Update { id, name, address }) => {
                        let op = SavedOp::Update { id, address, now: String::new() };
                        let on_op = on_op.clone();
                        html! { <button type="button" class="button secondary" onclick={move |_| on_op.emit(stamped(op.clone()))}>{format!("Update \u{201c}{name}\u{201d} with this plan")}</button> }
                    }
                    Some(Offer::Undo { plan, index }) => {
                        let on_op = on_op.clone();
                        let name = plan.name.clone();
                        html! { <button type="button" class="button secondary" onclick={move |_| on_op.emit(SavedOp::Restore { plan: plan.clone(), index })}>{"Undo"}<span class="visually-hidden">{format!(": put back \u{201c}{name}\u{201d}")}</span></button> }
                    }
                    None => html! {},
                } }
            </div>
            <SavedList problems={store.loaded.outcome.problems.clone()} entries={entries} on_op={on_op} />
        </div>
    }
}

/// The change with the time it is made at.
fn stamped(op: SavedOp) -> SavedOp {
    match op {
        SavedOp::Update { id, address, .. } => SavedOp::Update {
            id,
            address,
            now: now_iso(),
        },
        other => other,
    }
}

#[derive(Properties, PartialEq)]
struct SavedListProps {
    problems: Vec<String>,
    entries: Rc<Vec<(SavedEntry, String)>>,
    on_op: Callback<SavedOp>,
}

#[function_component(SavedList)]
fn saved_list(props: &SavedListProps) -> Html {
    // The plan being renamed (its id): its name cell is a small form meanwhile.
    let renaming = use_state(|| None::<String>);
    let done = {
        let (renaming, on_op) = (renaming.clone(), props.on_op.clone());
        Callback::from(move |new: Option<String>| {
            if let Some(id) = (*renaming).clone() {
                if let Some(name) = new {
                    on_op.emit(SavedOp::Rename { id: id.clone(), name });
                }
                // Back to the row's Rename button, where the keyboard user was.
                focus_by_id(&format!("rename-{id}"));
            }
            renaming.set(None);
        })
    };
    html! {
        <div class="saved">
            if !props.problems.is_empty() {
                <div class="notice notice-warning" role="alert">
                    <h3 class="notice-title">{"Some saved plans could not be read"}</h3>
                    <ul>{ for props.problems.iter().map(|p| html! { <li>{p}</li> }) }</ul>
                </div>
            }
            if props.entries.is_empty() {
                <p class="hint">{"No plans saved on this device yet."}</p>
            } else {
                <table class="saved-table">
                    <caption>{"Plans saved on this device"}</caption>
                    <thead><tr><th scope="col">{"Name"}</th><th scope="col">{"Qualification"}</th><th scope="col">{"Verdict"}</th><th scope="col">{"Saved"}</th><th scope="col">{"Actions"}</th></tr></thead>
                    <tbody>
                    { for props.entries.iter().map(|(e, verdict)| {
                        let delete = { let on_op = props.on_op.clone(); let id = e.id.clone(); Callback::from(move |_| on_op.emit(SavedOp::Delete { id: id.clone() })) };
                        let start_rename = { let r = renaming.clone(); let id = e.id.clone(); Callback::from(move |_| r.set(Some(id.clone()))) };
                        html! {
                            <tr key={e.id.clone()}>
                                <th scope="row">
                                    if renaming.as_deref() == Some(e.id.as_str()) {
                                        <RenameForm name={e.name.clone()} on_done={done.clone()} />
                                    } else {
                                        {&e.name}
                                    }
                                </th>
                                <td data-label="Qualification">{ match (&e.number, &e.title) { (Some(n), Some(t)) => format!("{t} ({n})"), _ => "Unknown qualification".to_owned() } }</td>
                                <td data-label="Verdict">{verdict}</td>
                                <td data-label="Saved">{e.saved.get(..16).unwrap_or(&e.saved).replace('T', " ")}</td>
                                <td class="row-actions">
                                    <a href={e.address.clone()}>{"Open"}<span class="visually-hidden">{format!(" {}", e.name)}</span></a>
                                    <button type="button" class="link-button" id={format!("rename-{}", e.id)} onclick={start_rename}>{"Rename"}<span class="visually-hidden">{format!(" {}", e.name)}</span></button>
                                    <button type="button" class="link-button" onclick={delete}>{"Delete"}<span class="visually-hidden">{format!(" {}", e.name)}</span></button>
                                </td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RenameProps {
    name: String,
    /// The new name, or `None` when renaming is given up.
    on_done: Callback<Option<String>>,
}

/// Renaming in place: the field takes the focus with the old name selected; Enter saves,
/// Escape or Cancel gives up.
#[function_component(RenameForm)]
fn rename_form(props: &RenameProps) -> Html {
    let input = use_node_ref();
    {
        let input = input.clone();
        use_effect_with((), move |_| {
            if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                let _ = el.focus();
                el.select();
            }
        });
    }
    let submit = {
        let (input, done) = (input.clone(), props.on_done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            done.emit(input.cast::<web_sys::HtmlInputElement>().map(|el| el.value()));
        })
    };
    let on_key = {
        let done = props.on_done.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                done.emit(None);
            }
        })
    };
    let cancel = props.on_done.reform(|_: MouseEvent| None);
    html! {
        <form class="rename-form" onsubmit={submit}>
            <label for="rename-field" class="visually-hidden">{format!("New name for \u{201c}{}\u{201d}", props.name)}</label>
            <input id="rename-field" type="text" autocomplete="off" value={props.name.clone()} ref={input} onkeydown={on_key} />
            <button type="submit" class="link-button">{"Save name"}</button>
            <button type="button" class="link-button" onclick={cancel}>{"Cancel"}</button>
        </form>
    }
}
