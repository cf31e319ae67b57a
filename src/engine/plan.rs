use std::collections::BTreeSet;

use crate::date::Date;

/// A learner's plan for one qualification, by unit key. Mandatory units need not be listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Units the learner will do.
    pub chosen: BTreeSet<String>,
    /// Units already achieved (prior learning or credit transfer); they count towards the rules.
    pub achieved: BTreeSet<String>,
    /// Registration date, where a unit's availability depends on it.
    pub registered: Option<Date>,
    /// Units the learner does not want suggested when the plan is completed. The rules ignore
    /// this; only "complete my pathway" reads it.
    pub ruled_out: BTreeSet<String>,
    /// Which of the achieved units were carried from a plan for another qualification, and from
    /// which. A record for the page and the printed plan; the rules ignore it.
    pub carried: Option<Carried>,
}

/// Units marked already achieved because a plan for another qualification had them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Carried {
    /// The number of the qualification they were carried from, as printed (`600/1135/X`).
    pub from: String,
    /// Their keys in this qualification; each is also in the plan's `achieved`.
    pub units: BTreeSet<String>,
}

impl Plan {
    pub fn with_chosen<'a>(keys: impl IntoIterator<Item = &'a str>) -> Plan {
        Plan {
            chosen: keys.into_iter().map(str::to_owned).collect(),
            ..Plan::default()
        }
    }
}
