use crate::catalogue::Availability;
use crate::date::Date;

/// A registration-date window: `from` inclusive, `before` exclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub from: Option<Date>,
    pub before: Option<Date>,
    /// The document's words.
    pub text: String,
}

impl Window {
    pub fn from_availability(a: &Availability) -> Option<Window> {
        let parse = |d: &Option<String>| match d {
            None => Some(None),
            Some(t) => Date::parse_iso(t).map(Some),
        };
        Some(Window {
            from: parse(&a.from)?,
            before: parse(&a.before)?,
            text: a.text.clone(),
        })
    }

    pub fn admits(&self, d: Date) -> bool {
        self.from.is_none_or(|f| d >= f) && self.before.is_none_or(|b| d < b)
    }
}

/// One rule's state for a plan, with the numbers behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    TotalCredits {
        have: u32,
        min: u32,
    },
    GroupCreditsMin {
        groups: Vec<String>,
        have: u32,
        min: u32,
    },
    GroupCreditsMax {
        groups: Vec<String>,
        have: u32,
        max: u32,
    },
    LevelCreditsMin {
        level: u8,
        or_above: bool,
        groups: Vec<String>,
        have: u32,
        min: u32,
    },
    LevelCreditsMax {
        level: u8,
        or_above: bool,
        groups: Vec<String>,
        have: u32,
        max: u32,
    },
    /// No more than `max` of `units`; `chosen` are those in the plan.
    UnitsMax {
        units: Vec<String>,
        chosen: Vec<String>,
        max: u32,
    },
    /// Every unit of a mandatory group; `missing` is empty unless a plan bypassed the engine.
    Mandatory {
        group: String,
        units: u32,
        credits: u32,
        missing: Vec<String>,
    },
    Barred {
        a: String,
        b: String,
        both: bool,
    },
    Registration {
        unit: String,
        window: Window,
        registered: Option<Date>,
        in_plan: bool,
    },
}

impl Finding {
    pub fn met(&self) -> bool {
        match self {
            Finding::TotalCredits { have, min }
            | Finding::GroupCreditsMin { have, min, .. }
            | Finding::LevelCreditsMin { have, min, .. } => have >= min,
            Finding::GroupCreditsMax { have, max, .. } | Finding::LevelCreditsMax { have, max, .. } => have <= max,
            Finding::UnitsMax { chosen, max, .. } => chosen.len() as u32 <= *max,
            Finding::Mandatory { missing, .. } => missing.is_empty(),
            Finding::Barred { both, .. } => !both,
            Finding::Registration {
                window,
                registered,
                in_plan,
                ..
            } => !in_plan || registered.is_some_and(|d| window.admits(d)),
        }
    }

    /// How far short of a minimum, or over a maximum (0 when met).
    pub fn shortfall(&self) -> u32 {
        match self {
            Finding::TotalCredits { have, min }
            | Finding::GroupCreditsMin { have, min, .. }
            | Finding::LevelCreditsMin { have, min, .. } => min.saturating_sub(*have),
            Finding::GroupCreditsMax { have, max, .. } | Finding::LevelCreditsMax { have, max, .. } => {
                have.saturating_sub(*max)
            }
            Finding::UnitsMax { chosen, max, .. } => (chosen.len() as u32).saturating_sub(*max),
            Finding::Mandatory { missing, .. } => missing.len() as u32,
            Finding::Barred { both, .. } => u32::from(*both),
            Finding::Registration { .. } => u32::from(!self.met()),
        }
    }
}

/// A rule evaluated against a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleResult {
    pub id: String,
    pub finding: Finding,
    /// The same plan under the other reading of an ambiguous rule.
    pub alternative: Option<Finding>,
    pub errata: Vec<String>,
}

impl RuleResult {
    /// True when the other reading would give this rule a different outcome.
    pub fn reading_matters(&self) -> bool {
        self.alternative.as_ref().is_some_and(|a| a.met() != self.finding.met())
    }
}
