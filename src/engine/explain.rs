//! Findings in plain English. Numbers come from the engine; only words are made here.

use super::{Compiled, Finding, Prediction, RuleResult, Window};
use crate::catalogue::RuleKind;
use crate::words::{and_list, capital, credits, groups_phrase, lower_first, plural};

pub fn unit_label(key: &str) -> String {
    format!("unit {key}")
}

/// "units 112, 113 and 114"
fn unit_list(keys: &[String]) -> String {
    match keys {
        [] => "no units".to_owned(),
        [one] => unit_label(one),
        _ => format!("units {}", and_list(keys)),
    }
}

fn is_are(groups: &[String]) -> &'static str {
    if groups.len() > 1 {
        "are"
    } else {
        "is"
    }
}

fn level_phrase(level: u8, or_above: bool) -> String {
    if or_above {
        format!("level {level} or above")
    } else {
        format!("level {level}")
    }
}

/// " from Groups B and C", or nothing when the rule counts the whole plan.
fn scope_suffix(groups: &[String]) -> String {
    match groups {
        [] => String::new(),
        [one] => format!(" from Group {one}"),
        _ => format!(" from Groups {}", and_list(groups)),
    }
}

fn more_credits(n: u32) -> String {
    plural(n, "more credit", "more credits")
}

pub fn window_phrase(w: &Window) -> String {
    match (&w.from, &w.before) {
        (Some(f), Some(b)) => format!("registered from {f} and before {b}"),
        (Some(f), None) => format!("registered on or after {f}"),
        (None, Some(b)) => format!("registered before {b}"),
        (None, None) => "any registration date".to_owned(),
    }
}

impl Finding {
    /// The sentence the summary shows for this rule.
    pub fn sentence(&self) -> String {
        let met = self.met();
        let short = self.shortfall();
        match self {
            Finding::TotalCredits { have, min } if met => {
                format!("At least {min} credits in all: this plan has {have}.")
            }
            Finding::TotalCredits { have, min } => {
                format!(
                    "Add at least {}: {have} of the {min} credits needed so far.",
                    more_credits(short)
                )
            }
            Finding::GroupCreditsMin { groups, have, min } if met => {
                format!("At least {min} credits from {}: {have} so far.", groups_phrase(groups))
            }
            Finding::GroupCreditsMin { groups, have, min } => format!(
                "Add at least {} from {}: {have} of {min} so far.",
                more_credits(short),
                groups_phrase(groups)
            ),
            Finding::GroupCreditsMax { groups, have, max } if met => {
                format!("At most {max} credits from {}: {have} so far.", groups_phrase(groups))
            }
            Finding::GroupCreditsMax { groups, have, max } => format!(
                "{} {} capped at {max} credits: this plan has {have}, {short} over.",
                capital(&groups_phrase(groups)),
                is_are(groups)
            ),
            Finding::LevelCreditsMin {
                level,
                or_above,
                groups,
                have,
                min,
            } if met => format!(
                "At least {min} credits at {}{}: {have} so far.",
                level_phrase(*level, *or_above),
                scope_suffix(groups)
            ),
            Finding::LevelCreditsMin {
                level,
                or_above,
                groups,
                have,
                min,
            } => format!(
                "At least {min} credits at {}{}: {have} so far, {short} more needed.",
                level_phrase(*level, *or_above),
                scope_suffix(groups)
            ),
            Finding::LevelCreditsMax {
                level,
                or_above,
                groups,
                have,
                max,
            } if met => format!(
                "At most {max} credits at {}{}: {have} so far.",
                level_phrase(*level, *or_above),
                scope_suffix(groups)
            ),
            Finding::LevelCreditsMax {
                level,
                or_above,
                groups,
                have,
                max,
            } => format!(
                "At most {max} credits at {}{}: this plan has {have}, {short} over.",
                level_phrase(*level, *or_above),
                scope_suffix(groups)
            ),
            Finding::UnitsMax { units, chosen, max } if met => {
                format!("No more than {max} of {}: {} chosen.", unit_list(units), chosen.len())
            }
            Finding::UnitsMax { units, chosen, max } => format!(
                "No more than {max} of {}: this plan has {} ({}). Remove {short}.",
                unit_list(units),
                chosen.len(),
                and_list(chosen)
            ),
            Finding::Mandatory {
                group,
                units,
                credits: c,
                ..
            } if met => match units {
                1 => format!("The unit in Group {group} is mandatory and included ({}).", credits(*c)),
                2 => format!(
                    "Both units in Group {group} are mandatory and included ({}).",
                    credits(*c)
                ),
                n => format!(
                    "All {n} units in Group {group} are mandatory and included ({}).",
                    credits(*c)
                ),
            },
            Finding::Mandatory { group, missing, .. } => {
                format!("Group {group} is mandatory: {} missing.", unit_list(missing))
            }
            Finding::Barred { a, b, both } => {
                let base = format!("Units {a} and {b} cannot be taken together");
                if *both {
                    format!("{base}: this plan has both.")
                } else {
                    format!("{base}.")
                }
            }
            Finding::Registration {
                unit,
                window,
                registered,
                in_plan,
            } => {
                let rule = format!(
                    "{} is only for learners {}",
                    capital(&unit_label(unit)),
                    window_phrase(window)
                );
                match (in_plan, registered) {
                    (false, _) => format!("{rule}."),
                    (true, None) => format!("Enter the learner's registration date: {}.", lower_first(&rule)),
                    (true, Some(d)) if met => format!("{rule}: this learner registered on {d}."),
                    (true, Some(d)) => format!("{rule}; this learner registered on {d}."),
                }
            }
        }
    }

    /// Why choosing (`adding`) or removing unit `key` would break this rule, in the state after.
    pub fn warning(&self, key: &str, adding: bool) -> String {
        let short = self.shortfall();
        match self {
            Finding::GroupCreditsMax { groups, have, max } => format!(
                "{} {} capped at {max} credits: this would make {have}, {short} over.",
                capital(&groups_phrase(groups)),
                is_are(groups)
            ),
            Finding::LevelCreditsMax {
                level,
                or_above,
                groups,
                have,
                max,
            } => format!(
                "At most {max} credits at {}{}: this would make {have}, {short} over.",
                level_phrase(*level, *or_above),
                scope_suffix(groups)
            ),
            Finding::UnitsMax { units, max, .. } => {
                format!("No more than {max} of {}: {max} already chosen.", unit_list(units))
            }
            Finding::Barred { a, b, .. } => {
                let other = if a == key { b } else { a };
                format!("Barred with {}, which is in the plan.", unit_label(other))
            }
            Finding::Registration {
                window,
                registered: None,
                ..
            } => {
                format!(
                    "Needs the registration date: only for learners {}.",
                    window_phrase(window)
                )
            }
            Finding::Registration {
                window,
                registered: Some(d),
                ..
            } => {
                format!(
                    "Not available for a learner registered on {d}: only for learners {}.",
                    window_phrase(window)
                )
            }
            Finding::TotalCredits { have, min } => {
                format!("Removing it would leave {have} of the {min} credits needed.")
            }
            Finding::GroupCreditsMin { groups, have, min } => {
                format!(
                    "Removing it would leave {} with {have} of {min} credits.",
                    groups_phrase(groups)
                )
            }
            Finding::LevelCreditsMin {
                level,
                or_above,
                min,
                have,
                groups,
            } => format!(
                "Removing it would leave {have} of {min} credits at {}{}.",
                level_phrase(*level, *or_above),
                scope_suffix(groups)
            ),
            Finding::Mandatory { group, .. } => format!("Group {group} is mandatory."),
        }
        .replace(
            "this would make",
            if adding {
                "this would make"
            } else {
                "removing it would leave"
            },
        )
    }
}

impl RuleResult {
    pub fn sentence(&self) -> String {
        self.finding.sentence()
    }
}

impl Prediction {
    /// Plain-English reasons, one per rule the change would break.
    pub fn reasons(&self, compiled: &Compiled, adding: bool) -> Vec<String> {
        let key = &compiled.units[self.unit].key;
        self.breaks.iter().map(|r| r.finding.warning(key, adding)).collect()
    }
}

/// One line for a printed rule, for lists and hints: "At least 15 credits from Group B".
pub fn describe_rule_kind(kind: &RuleKind) -> String {
    match kind {
        RuleKind::MinTotalCredits { min } => format!("At least {min} credits in all"),
        RuleKind::MinGroupCredits { groups, min } => format!("At least {min} credits from {}", groups_phrase(groups)),
        RuleKind::MaxGroupCredits { groups, max } => format!("At most {max} credits from {}", groups_phrase(groups)),
        RuleKind::MinLevelCredits {
            level,
            or_above,
            min,
            groups,
        } => {
            format!(
                "At least {min} credits at {}{}",
                level_phrase(*level, *or_above),
                scope_suffix(groups)
            )
        }
        RuleKind::MaxLevelCredits {
            level,
            or_above,
            max,
            groups,
        } => {
            format!(
                "At most {max} credits at {}{}",
                level_phrase(*level, *or_above),
                scope_suffix(groups)
            )
        }
        RuleKind::MaxUnits { units, max } => format!("No more than {max} of {}", unit_list(units)),
    }
}

/// One line for the list of qualifications: "45 credits: all of Group A; at least 3 credits from Group B."
pub fn qualification_summary(q: &crate::catalogue::Qualification) -> String {
    let mut parts: Vec<String> = q
        .groups
        .iter()
        .filter(|g| g.mandatory)
        .map(|g| format!("all of Group {}", g.id))
        .collect();
    parts.extend(
        q.rules
            .iter()
            .filter(|r| !matches!(r.kind, RuleKind::MinTotalCredits { .. }))
            .map(|r| lower_first(&describe_rule_kind(&r.kind))),
    );
    format!("{} credits: {}.", q.total_credits, parts.join("; "))
}

/// The hint under a group's legend: its own minimum and cap, or that it is mandatory.
pub fn group_hint(mandatory: bool, own_rules: &[&RuleKind]) -> String {
    if mandatory {
        return "All units are mandatory and included.".to_owned();
    }
    let mut parts = Vec::new();
    for kind in own_rules {
        match kind {
            RuleKind::MinGroupCredits { min, .. } => parts.push(format!("Choose at least {min} credits")),
            RuleKind::MaxGroupCredits { max, .. } => parts.push(format!("at most {max} credits")),
            _ => {}
        }
    }
    if parts.is_empty() {
        "Optional: choose any units to make up the total.".to_owned()
    } else {
        format!("{}.", capital(&parts.join(", ")))
    }
}
