//! The browser's local storage: saved plans and the plan last open. The format, its versions and
//! the rules for damaged entries are in `travel::saved`; this reads and writes the entries with
//! `gloo-storage` and makes sure nothing unreadable is ever overwritten before a copy of it is
//! confirmed written.

use gloo_storage::{LocalStorage, Storage};

use crate::travel::saved::{self, LoadOutcome, BACKUP_KEY, RECOVERY_KEY, STORAGE_KEY};
use crate::travel::saved_ops::SavedOp;

use super::browser::now_iso;

/// Where the address of the plan last open in this browser is kept, for "continue" on the home page.
const LAST_KEY: &str = "pathway-planner.last";

/// `gloo-storage` throws when the browser has storage turned off; ask first.
fn available() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some()
}

fn get_raw(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Writes `text` under `key` and reads it back: only a confirmed copy counts as kept.
fn set_raw(key: &str, text: &str) -> bool {
    LocalStorage::raw().set_item(key, text).is_ok() && get_raw(key).as_deref() == Some(text)
}

/// The saved plans as stored, and whether the entry may be written.
#[derive(Clone, PartialEq, Default)]
pub struct Loaded {
    pub outcome: LoadOutcome,
    /// False while part of the stored entry could not be read and could not be copied aside
    /// either: writing then would lose it, so saving is refused.
    pub writable: bool,
}

/// Reads the saved plans. Text that could not all be read is copied under the recovery key
/// (never over an earlier, different copy) before anything may be written back. An entry in
/// the previous release's format is rewritten in the current one once its old text is confirmed
/// kept under the backup key, which goes only when the new entry is written.
pub fn load() -> Loaded {
    if !available() {
        return Loaded {
            outcome: LoadOutcome {
                problems: vec!["This browser does not allow saving here (storage is off), so plans cannot be saved on this device; links and downloads still work.".into()],
                ..LoadOutcome::default()
            },
            writable: false,
        };
    }
    let mut outcome = saved::load(get_raw(STORAGE_KEY).as_deref());
    if let Some(old) = &outcome.migrated_from {
        if set_raw(BACKUP_KEY, old) && set_raw(STORAGE_KEY, &saved::to_storage(&outcome.plans)) {
            LocalStorage::delete(BACKUP_KEY);
        }
    }
    let Some(text) = outcome.recovered.clone() else {
        return Loaded {
            outcome,
            writable: true,
        };
    };
    // The damaged entry stays until the next save, so every visit reads it again: reuse the copy
    // already kept rather than making one per visit.
    let store = LocalStorage::raw();
    let kept = (0..store.length().unwrap_or(0))
        .filter_map(|i| store.key(i).ok().flatten())
        .filter(|k| k.starts_with(RECOVERY_KEY))
        .find(|k| get_raw(k).as_deref() == Some(text.as_str()));
    let key = match kept {
        Some(k) => Some(k),
        None => {
            let key = if get_raw(RECOVERY_KEY).is_some() {
                format!("{RECOVERY_KEY}.{}", now_iso())
            } else {
                RECOVERY_KEY.to_owned()
            };
            set_raw(&key, &text).then_some(key)
        }
    };
    let writable = match key {
        Some(key) => {
            outcome.problems.push(format!(
                "The unreadable text was kept in this browser's storage under \u{201c}{key}\u{201d}, so nothing is lost."
            ));
            true
        }
        None => {
            outcome.problems.push("The unreadable text could not be copied aside (this browser's storage is full), so nothing will be saved over it. Free some space, then reload the page.".to_owned());
            false
        }
    };
    Loaded { outcome, writable }
}

/// Applies `op` to the saved plans as they are stored now (another tab may have changed them)
/// and writes the result. `Ok` carries the stored list and what to tell the user; `Err` the list
/// as stored, unchanged, and why not.
// Both arms are the same outcome to show, made once per click; on 64-bit targets (the
// pre-renderer's build) clippy finds the error arm large, which costs nothing here.
#[allow(clippy::result_large_err)]
pub fn apply(op: &SavedOp) -> Result<(Loaded, String), (Loaded, String)> {
    let fresh = load();
    if !fresh.writable {
        let why =
            "Nothing was saved: this browser will not store plans here right now (see the message above).".to_owned();
        return Err((fresh, why));
    }
    let mut plans = fresh.outcome.plans.clone();
    let message = match plans.apply(op) {
        Ok(message) => message,
        Err(why) => return Err((fresh, why)),
    };
    if LocalStorage::raw()
        .set_item(STORAGE_KEY, &saved::to_storage(&plans))
        .is_err()
    {
        let why = "Nothing was saved: this browser's storage is full or turned off.".to_owned();
        return Err((load(), why));
    }
    let mut loaded = fresh;
    loaded.outcome.plans = plans;
    Ok((loaded, message))
}

/// Remembers `address` as the plan last open. Best effort: without storage there is simply no
/// "continue" link.
pub fn remember_last(address: &str) {
    if available() {
        let _ = LocalStorage::raw().set_item(LAST_KEY, address);
    }
}

/// The address of the plan last open in this browser, if any.
pub fn last() -> Option<String> {
    available().then(|| get_raw(LAST_KEY)).flatten()
}

/// Whether a `storage` event from another tab concerns the saved plans.
pub fn is_saved_plans_key(key: Option<String>) -> bool {
    key.is_none_or(|k| k == STORAGE_KEY)
}
