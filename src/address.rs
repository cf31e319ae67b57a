//! The page address: which qualification, and the plan, in the URL fragment so that reload,
//! back, forward and shared links reproduce it on a static site.
//!
//! Format: `#/<qualification>?do=<keys>&done=<keys>&not=<keys>&registered=<YYYY-MM-DD>&from=<qualification>&carried=<keys>`
//! (`not`: units ruled out of "complete my pathway"; `from` and `carried`: which achieved units
//! were carried from a plan for another qualification), where the
//! qualification number has its slashes written as hyphens (`601-3576-1`) and keys are unit
//! keys (awarding-body unit numbers where the document numbers units, otherwise reference
//! numbers) separated by commas. Mandatory units are never listed as to do. Example:
//! `#/600-1136-1?do=204,207,302&done=303&registered=2017-09-04`.
//!
//! Two more pages work across qualifications: `#/compare?q=<numbers>` (numbers with hyphens,
//! comma-separated; no `q`: every qualification) and `#/units?q=<words>` (find a unit).
//!
//! Decoding never fails outright: whatever can be read is kept and every problem is listed
//! for the page to show.

use std::collections::BTreeSet;

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::catalogue::Catalogue;
use crate::date::Date;
use crate::engine::{Carried, Plan};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Planner {
        number: String,
        plan: Plan,
    },
    /// A qualification number the catalogue does not have.
    NotFound {
        requested: String,
    },
    /// Qualifications side by side, by number as printed, in the order asked; empty: every one.
    Compare {
        numbers: Vec<String>,
    },
    /// Find a unit across every qualification; an empty query asks for the words.
    Units {
        query: String,
    },
    /// Check a whole cohort from a spreadsheet; the file stays in the page, never in the address.
    Cohort,
}

/// A decoded address and what could not be read from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub route: Route,
    pub problems: Vec<String>,
}

pub fn number_to_slug(number: &str) -> String {
    number.replace('/', "-")
}

/// Encodes a route as a URL fragment, including the leading `#`.
pub fn encode(route: &Route) -> String {
    match route {
        Route::Home => "#/".to_owned(),
        Route::NotFound { requested } => format!("#/{}", escape(requested)),
        Route::Compare { numbers } if numbers.is_empty() => "#/compare".to_owned(),
        Route::Compare { numbers } => format!(
            "#/compare?q={}",
            numbers
                .iter()
                .map(|n| escape(&number_to_slug(n)))
                .collect::<Vec<_>>()
                .join(",")
        ),
        Route::Units { query } if query.trim().is_empty() => "#/units".to_owned(),
        Route::Units { query } => format!("#/units?q={}", escape(query.trim())),
        Route::Cohort => "#/cohort".to_owned(),
        Route::Planner { number, plan } => {
            let mut parts = Vec::new();
            if !plan.chosen.is_empty() {
                parts.push(format!("do={}", join(&plan.chosen)));
            }
            if !plan.achieved.is_empty() {
                parts.push(format!("done={}", join(&plan.achieved)));
            }
            if !plan.ruled_out.is_empty() {
                parts.push(format!("not={}", join(&plan.ruled_out)));
            }
            if let Some(d) = plan.registered {
                parts.push(format!("registered={}", d.iso()));
            }
            if let Some(c) = plan.carried.as_ref().filter(|c| !c.units.is_empty()) {
                parts.push(format!("from={}", escape(&number_to_slug(&c.from))));
                parts.push(format!("carried={}", join(&c.units)));
            }
            let mut out = format!("#/{}", number_to_slug(number));
            if !parts.is_empty() {
                out.push('?');
                out.push_str(&parts.join("&"));
            }
            out
        }
    }
}

fn join(keys: &BTreeSet<String>) -> String {
    keys.iter().map(|k| escape(k)).collect::<Vec<_>>().join(",")
}

/// Bytes percent-encoded in keys and numbers: everything but letters, digits and `/ - _ . ~`,
/// so references such as `D/506/2119` stay readable and `,` `&` `=` `#` never break the structure.
const KEEP_READABLE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn escape(s: &str) -> String {
    utf8_percent_encode(s, KEEP_READABLE).to_string()
}

/// The text a fragment part stands for: percent-escapes decoded (so `%2C` is a comma, as some
/// mail and chat programs rewrite it) and `+` read as a space, as forms write it. `None` when the
/// bytes are not UTF-8.
fn unescape(s: &str) -> Option<String> {
    let spaced = s.replace('+', " ");
    percent_decode_str(&spaced).decode_utf8().ok().map(|c| c.into_owned())
}

/// The longest address read. A real plan's address is well under a kilobyte (every unit of the
/// largest qualification by reference is about 600 characters); anything far longer is not a
/// plan, and reading it would only cost time.
pub const MAX_ADDRESS_BYTES: usize = 16 * 1024;

/// Decodes a URL fragment (with or without `#`) against the catalogue.
pub fn decode(fragment: &str, catalogue: &Catalogue) -> Decoded {
    if fragment.len() > MAX_ADDRESS_BYTES {
        return Decoded {
            route: Route::Home,
            problems: vec![format!(
                "The link is too long to be a plan ({} characters; a plan needs well under {}), so nothing in it was used.",
                crate::words::thousands(fragment.len()),
                crate::words::thousands(MAX_ADDRESS_BYTES)
            )],
        };
    }
    let mut problems = Vec::new();
    let body = fragment.trim().trim_start_matches('#').trim_start_matches('/');
    let (path, query) = body.split_once('?').unwrap_or((body, ""));
    let path = path.trim_end_matches('/');
    if path.is_empty() {
        if !query.is_empty() {
            problems
                .push("The link had a plan but no qualification, so the list of qualifications is shown.".to_owned());
        }
        return Decoded {
            route: Route::Home,
            problems,
        };
    }
    let Some(path) = unescape(path) else {
        return Decoded {
            route: Route::NotFound {
                requested: path.to_owned(),
            },
            problems: vec!["The link is damaged: its qualification number cannot be read.".to_owned()],
        };
    };
    match path.to_ascii_lowercase().as_str() {
        "compare" => return decode_compare(query, catalogue),
        "units" => return decode_units(query),
        "cohort" => {
            return Decoded {
                route: Route::Cohort,
                problems: Vec::new(),
            }
        }
        _ => {}
    }
    let Some(q) = find_qualification(catalogue, &path) else {
        return Decoded {
            route: Route::NotFound { requested: path },
            problems,
        };
    };
    let mut plan = Plan::default();
    // A set, so the list in the message is sorted and has each reference once.
    let mut unknown = BTreeSet::new();
    let mut carried = BTreeSet::new();
    let mut from = None;
    // Parts of the query that could not be used: one message each for the first few, then a
    // count, so a link of thousands of parts still gives a short list.
    const LISTED: usize = 10;
    let mut unusable = 0;
    let mut note = |problem: String| {
        unusable += 1;
        if unusable <= LISTED {
            problems.push(problem);
        }
    };
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        match name {
            "from" => match unescape(value).and_then(|v| find_qualification(catalogue, &v)) {
                Some(source) => from = Some(source.number.clone()),
                None => note(format!(
                    "The link says units were carried from a qualification this app does not have (\"{}\"), so where they came from is not shown.",
                    crate::words::clip(value)
                )),
            },
            "do" | "done" | "not" | "carried" => {
                let Some(value) = unescape(value) else {
                    note(format!(
                        "A list of units in the link is damaged (\"{}\") and was left out.",
                        crate::words::clip(value)
                    ));
                    continue;
                };
                for key in value.split(',').map(str::trim).filter(|k| !k.is_empty()) {
                    let Some(unit) = q
                        .unit(key)
                        .or_else(|| q.units().map(|(_, u)| u).find(|u| u.key().eq_ignore_ascii_case(key)))
                    else {
                        unknown.insert(key.to_owned());
                        continue;
                    };
                    let key = unit.key();
                    match name {
                        "do" => plan.chosen.insert(key),
                        "done" => plan.achieved.insert(key),
                        "carried" => carried.insert(key),
                        _ => plan.ruled_out.insert(key),
                    };
                }
            }
            "registered" => match unescape(value).as_deref().and_then(Date::parse_iso) {
                Some(d) => plan.registered = Some(d),
                None => note(format!(
                    "The registration date in the link (\"{}\") is not a real date, so it was left out.",
                    crate::words::clip(value)
                )),
            },
            _ => note(format!(
                "The link has a part this app does not use (\"{}\"); it was ignored.",
                crate::words::clip(name)
            )),
        }
    }
    if unusable > LISTED {
        problems.push(format!(
            "{} more parts of the link could not be used and were left out.",
            crate::words::thousands(unusable - LISTED)
        ));
    }
    if !unknown.is_empty() {
        let unknown: Vec<String> = unknown.into_iter().collect();
        problems.push(format!(
            "The link names {} that {} does not have: {}. {} left out.",
            if unknown.len() == 1 {
                "a unit".to_owned()
            } else {
                format!("{} units", crate::words::thousands(unknown.len()))
            },
            q.number,
            crate::words::first_few(&unknown, 10),
            if unknown.len() == 1 { "It was" } else { "They were" }
        ));
    }
    // Mandatory units are always in the plan; listing them is harmless but not kept.
    let mandatory: BTreeSet<String> = q
        .groups
        .iter()
        .filter(|g| g.mandatory)
        .flat_map(|g| g.units.iter().map(|u| u.key()))
        .collect();
    plan.chosen
        .retain(|k| !mandatory.contains(k) && !plan.achieved.contains(k));
    plan.ruled_out
        .retain(|k| !mandatory.contains(k) && !plan.achieved.contains(k) && !plan.chosen.contains(k));
    // A carried unit is one of the achieved ones; the record needs both parts to mean anything.
    carried.retain(|k| plan.achieved.contains(k));
    if let (Some(from), false) = (from, carried.is_empty()) {
        plan.carried = Some(Carried { from, units: carried });
    }
    Decoded {
        route: Route::Planner {
            number: q.number.clone(),
            plan,
        },
        problems,
    }
}

/// The qualification a number names, slashes written as hyphens or not, in any case.
fn find_qualification<'c>(catalogue: &'c Catalogue, text: &str) -> Option<&'c crate::catalogue::Qualification> {
    let wanted = text.trim().replace('-', "/").to_ascii_uppercase();
    catalogue
        .qualifications
        .iter()
        .find(|q| q.number.to_ascii_uppercase() == wanted)
}

/// The value of `name` in a fragment's query, decoded; `None` when absent or damaged.
fn query_value(query: &str, name: &str) -> Option<Option<String>> {
    query
        .split('&')
        .filter_map(|p| p.split_once('=').or(Some((p, ""))))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| unescape(v))
}

fn decode_compare(query: &str, catalogue: &Catalogue) -> Decoded {
    let mut problems = Vec::new();
    let mut numbers: Vec<String> = Vec::new();
    let mut unknown = Vec::new();
    match query_value(query, "q") {
        None => {}
        Some(None) => problems
            .push("The list of qualifications in the link is damaged, so every qualification is compared.".to_owned()),
        Some(Some(list)) => {
            for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                match find_qualification(catalogue, part) {
                    Some(q) if !numbers.contains(&q.number) => numbers.push(q.number.clone()),
                    Some(_) => {}
                    None => unknown.push(part.replace('-', "/")),
                }
            }
        }
    }
    if !unknown.is_empty() {
        problems.push(format!(
            "The link names {} this app does not have: {}. {}",
            if unknown.len() == 1 {
                "a qualification"
            } else {
                "qualifications"
            },
            unknown.join(", "),
            if numbers.is_empty() {
                "Every qualification is compared instead."
            } else if unknown.len() == 1 {
                "It was left out."
            } else {
                "They were left out."
            }
        ));
    }
    Decoded {
        route: Route::Compare { numbers },
        problems,
    }
}

fn decode_units(query: &str) -> Decoded {
    match query_value(query, "q") {
        Some(None) => Decoded {
            route: Route::Units { query: String::new() },
            problems: vec!["The search words in the link are damaged and were left out.".to_owned()],
        },
        found => Decoded {
            route: Route::Units {
                query: found.flatten().unwrap_or_default().trim().to_owned(),
            },
            problems: Vec::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn cat() -> &'static Catalogue {
        crate::catalogue::shared().unwrap()
    }

    #[test]
    fn round_trips_a_plan() {
        let c = cat();
        let plan = Plan {
            chosen: ["204", "207", "302"].map(String::from).into(),
            achieved: ["303".to_owned()].into(),
            registered: Date::parse_iso("2017-09-04"),
            ruled_out: ["212".to_owned()].into(),
            carried: None,
        };
        let route = Route::Planner {
            number: "600/1136/1".into(),
            plan,
        };
        let text = encode(&route);
        assert_eq!(
            text,
            "#/600-1136-1?do=204,207,302&done=303&not=212&registered=2017-09-04"
        );
        assert_eq!(
            decode(&text, c),
            Decoded {
                route,
                problems: vec![]
            }
        );
    }

    #[test]
    fn reference_keys_keep_their_slashes() {
        let c = cat();
        let route = Route::Planner {
            number: "601/3576/1".into(),
            plan: Plan::with_chosen(["D/506/2119"]),
        };
        let text = encode(&route);
        assert_eq!(text, "#/601-3576-1?do=D/506/2119");
        assert_eq!(decode(&text, c).route, route);
    }

    #[test]
    fn commas_and_slashes_arrive_encoded_by_mail_and_chat_programs() {
        let d = decode("#/600-1136-1?do=302%2C303&done=%33%31%32", cat());
        let Route::Planner { plan, .. } = d.route else {
            panic!("{d:?}")
        };
        assert_eq!(
            plan.chosen.iter().map(String::as_str).collect::<Vec<_>>(),
            ["302", "303"]
        );
        assert_eq!(plan.achieved.iter().map(String::as_str).collect::<Vec<_>>(), ["312"]);
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        let d = decode("#/601-3576-1?do=D%2F506%2F2119", cat());
        let Route::Planner { plan, .. } = d.route else {
            panic!("{d:?}")
        };
        assert!(plan.chosen.contains("D/506/2119"), "{plan:?}");
        let d = decode("#/600-1136-1?do=%FF%FE", cat());
        assert!(d.problems.iter().any(|p| p.contains("damaged")), "{:?}", d.problems);
    }

    #[test]
    fn a_huge_address_is_refused_at_once_and_a_long_one_summarised() {
        let huge = format!("#/600-1136-1?do={}", "9,".repeat(MAX_ADDRESS_BYTES));
        let d = decode(&huge, cat());
        assert_eq!(d.route, Route::Home);
        assert_eq!(d.problems.len(), 1);
        assert!(d.problems[0].contains("too long"), "{:?}", d.problems);
        let many: Vec<String> = (1000..2500).map(|n| n.to_string()).collect();
        let d = decode(&format!("#/600-1136-1?do={}", many.join(",")), cat());
        assert_eq!(d.problems.len(), 1);
        assert!(
            d.problems[0].starts_with("The link names 1,500 units that 600/1136/1 does not have: 1000, 1001,"),
            "{}",
            d.problems[0]
        );
        assert!(d.problems[0].contains(" and 1,490 more."), "{}", d.problems[0]);
        assert!(d.problems[0].len() < 300);
    }

    #[test]
    fn check_letter_is_case_insensitive() {
        let d = decode("#/600-1135-x", cat());
        assert!(matches!(d.route, Route::Planner { ref number, .. } if number == "600/1135/X"));
    }

    #[test]
    fn unknown_units_and_bad_dates_are_reported_and_the_rest_kept() {
        let d = decode("#/600-1136-1?do=204,999,abc&registered=2017-02-30", cat());
        let Route::Planner { plan, .. } = &d.route else {
            panic!("{d:?}")
        };
        assert_eq!(plan.chosen, ["204".to_owned()].into());
        assert_eq!(plan.registered, None);
        assert_eq!(d.problems.len(), 2, "{:?}", d.problems);
        assert!(d.problems.iter().any(|p| p.contains("999, abc")), "{:?}", d.problems);
    }

    #[test]
    fn unknown_qualification_is_not_found() {
        assert_eq!(
            decode("#/123-4567-8?do=1", cat()).route,
            Route::NotFound {
                requested: "123-4567-8".into()
            }
        );
    }

    #[test]
    fn empty_and_home_fragments() {
        for f in ["", "#", "#/", "/"] {
            assert_eq!(decode(f, cat()).route, Route::Home, "{f:?}");
        }
    }

    #[test]
    fn mandatory_and_duplicate_units_are_not_listed_twice() {
        let d = decode("#/600-1136-1?do=101,204&done=204", cat());
        let Route::Planner { plan, .. } = d.route else { panic!() };
        assert!(plan.chosen.is_empty());
        assert_eq!(plan.achieved, ["204".to_owned()].into());
    }

    #[test]
    fn compare_lists_numbers_with_hyphens_and_reports_unknown_ones() {
        let c = cat();
        assert_eq!(encode(&Route::Compare { numbers: vec![] }), "#/compare");
        assert_eq!(decode("#/compare", c).route, Route::Compare { numbers: vec![] });
        let route = Route::Compare {
            numbers: vec!["600/1135/X".into(), "601/3478/1".into()],
        };
        let text = encode(&route);
        assert_eq!(text, "#/compare?q=600-1135-X,601-3478-1");
        assert_eq!(
            decode(&text, c),
            Decoded {
                route,
                problems: vec![]
            }
        );
        // Lower case, encoded commas, repeats and an unknown number.
        let d = decode("#/compare?q=600-1135-x%2C123-4567-8,600-1135-X,601-3478-1", c);
        assert_eq!(
            d.route,
            Route::Compare {
                numbers: vec!["600/1135/X".into(), "601/3478/1".into()]
            }
        );
        assert_eq!(
            d.problems,
            ["The link names a qualification this app does not have: 123/4567/8. It was left out."]
        );
        // Nothing known: every qualification, and say so.
        let d = decode("#/compare?q=1-2-3,4-5-6", c);
        assert_eq!(d.route, Route::Compare { numbers: vec![] });
        assert!(d.problems[0].contains("1/2/3, 4/5/6") && d.problems[0].contains("Every qualification"));
    }

    #[test]
    fn find_a_unit_keeps_its_words() {
        let c = cat();
        let route = Route::Units {
            query: "handling complaints & refunds".into(),
        };
        let text = encode(&route);
        assert_eq!(text, "#/units?q=handling%20complaints%20%26%20refunds");
        assert_eq!(decode(&text, c).route, route);
        assert_eq!(
            decode("#/units?q=handling+complaints", c).route,
            Route::Units {
                query: "handling complaints".into()
            }
        );
        assert_eq!(decode("#/units", c).route, Route::Units { query: String::new() });
        assert_eq!(encode(&Route::Units { query: " ".into() }), "#/units");
    }

    #[test]
    fn the_cohort_check_has_its_own_address() {
        let c = cat();
        assert_eq!(encode(&Route::Cohort), "#/cohort");
        for text in ["#/cohort", "#/Cohort/", "cohort?anything=1"] {
            assert_eq!(
                decode(text, c),
                Decoded {
                    route: Route::Cohort,
                    problems: vec![]
                },
                "{text}"
            );
        }
    }

    #[test]
    fn carried_units_and_their_source_survive_the_address() {
        let c = cat();
        let plan = Plan {
            achieved: ["101", "204", "308"].map(String::from).into(),
            carried: Some(Carried {
                from: "600/1135/X".into(),
                units: ["101", "204"].map(String::from).into(),
            }),
            ..Plan::default()
        };
        let route = Route::Planner {
            number: "600/1136/1".into(),
            plan,
        };
        let text = encode(&route);
        assert_eq!(text, "#/600-1136-1?done=101,204,308&from=600-1135-X&carried=101,204");
        assert_eq!(
            decode(&text, c),
            Decoded {
                route,
                problems: vec![]
            }
        );
        // A carried unit must be an achieved one; an unknown source drops the record, said.
        let d = decode("#/600-1136-1?done=101&from=600-1135-X&carried=101,204", c);
        let Route::Planner { plan, .. } = d.route else { panic!() };
        assert_eq!(plan.carried.unwrap().units, ["101".to_owned()].into());
        let d = decode("#/600-1136-1?done=101&from=9-9-9&carried=101", c);
        let Route::Planner { plan, .. } = d.route else { panic!() };
        assert_eq!(plan.carried, None);
        assert_eq!(plan.achieved, ["101".to_owned()].into());
        assert!(d.problems[0].contains("carried from a qualification this app does not have"));
    }

    proptest::proptest! {
        #[test]
        fn decoding_never_panics(s in ".{0,200}") {
            let c = cat();
            let _ = decode(&s, c);
            let _ = decode(&format!("#/compare?q={s}"), c);
            let _ = decode(&format!("#/units?{s}"), c);
            let _ = decode(&format!("#/600-1136-1?{s}"), c);
            let _ = decode(&format!("#/600-1136-1?do={s}"), c);
        }

        #[test]
        fn encode_then_decode_is_identity(keys in proptest::sample::subsequence(vec!["204", "207", "302", "303", "212", "318", "319", "619"], 0..8), day in 1u8..28) {
            let c = cat();
            let plan = Plan { chosen: keys.iter().map(|k| k.to_string()).collect(), achieved: BTreeSet::new(), registered: Some(Date { year: 2017, month: 7, day }), ..Plan::default() };
            let route = Route::Planner { number: "600/1136/1".into(), plan };
            proptest::prop_assert_eq!(decode(&encode(&route), c).route, route);
        }
    }
}
