//! The browser's local storage for saved plans. The format and its recovery rules are in
//! `travel::saved`; this only reads and writes the one entry, and keeps unreadable text aside.

use crate::travel::saved::{self, LoadOutcome, SavedPlans, BACKUP_KEY, RECOVERY_KEY, STORAGE_KEY};

fn local() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Reads the saved plans. Text that could not all be read is copied under the recovery key
/// (never overwriting an earlier copy) before anything is written back. An entry in the previous
/// release's format is rewritten in the current one, with the old text kept under the backup key
/// until the new entry is written.
pub fn load() -> LoadOutcome {
    let Some(store) = local() else {
        return LoadOutcome {
            problems: vec!["This browser does not allow saving here (storage is off), so plans cannot be saved on this device; links and downloads still work.".into()],
            ..LoadOutcome::default()
        };
    };
    let raw = store.get_item(STORAGE_KEY).ok().flatten();
    let mut outcome = saved::load(raw.as_deref());
    if let Some(old) = &outcome.migrated_from {
        if store.set_item(BACKUP_KEY, old).is_ok()
            && store.set_item(STORAGE_KEY, &saved::to_storage(&outcome.plans)).is_ok()
        {
            let _ = store.remove_item(BACKUP_KEY);
        }
    }
    if let Some(text) = &outcome.recovered {
        // The damaged entry stays until the next save, so every visit reads it again: reuse
        // the copy already kept rather than making one per visit.
        let kept = (0..store.length().unwrap_or(0))
            .filter_map(|i| store.key(i).ok().flatten())
            .filter(|k| k.starts_with(RECOVERY_KEY))
            .find(|k| store.get_item(k).ok().flatten().as_deref() == Some(text.as_str()));
        let key = match kept {
            Some(k) => k,
            None if store.get_item(RECOVERY_KEY).ok().flatten().is_some() => format!("{RECOVERY_KEY}.{}", now_iso()),
            None => RECOVERY_KEY.to_owned(),
        };
        if store.get_item(&key).ok().flatten().as_deref() == Some(text.as_str()) || store.set_item(&key, text).is_ok() {
            outcome.problems.push(format!("The unreadable text was kept in this browser's storage under \u{201c}{key}\u{201d}, so nothing is lost."));
        }
    }
    outcome
}

pub fn store(plans: &SavedPlans) -> Result<(), String> {
    let store = local().ok_or_else(|| "This browser does not allow saving here.".to_owned())?;
    store
        .set_item(STORAGE_KEY, &saved::to_storage(plans))
        .map_err(|_| "The plan could not be saved: this browser's storage is full or turned off.".to_owned())
}

/// Where the address of the plan last open in this browser is kept, for "continue" on the home page.
const LAST_KEY: &str = "pathway-planner.last";

/// Remembers `address` as the plan last open. Best effort: without storage there is simply no
/// "continue" link.
pub fn remember_last(address: &str) {
    if let Some(store) = local() {
        let _ = store.set_item(LAST_KEY, address);
    }
}

/// The address of the plan last open in this browser, if any.
pub fn last() -> Option<String> {
    local()?.get_item(LAST_KEY).ok().flatten()
}
