//! The small phrases every part of the app shares: lists, counts, hours and totals. One place for
//! each, so the engine's sentences, the solver's reasons and the page never word the same thing
//! two ways. Plain functions over numbers and strings, tested here.

use crate::catalogue::Qualification;

/// What a page shows where a document prints no such figure or statement.
pub const NOT_PRINTED: &str = "not printed";

/// The three terms every page uses, in one sentence, for the first place each page shows them.
pub const TERMS: &str = "A credit measures a unit's size and a qualification needs a set number of them; TQT (total qualification time) is all the hours a learner is expected to spend on the qualification, and GLH (guided learning hours) are the part of them spent with tutors and assessors.";

/// "a", "a and b", "a, b and c"
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `n` with thousands separated by commas: "262,144".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The footer's offline line while the worker saves the site, and once it has.
pub const OFFLINE_PREPARING: &str = "Saving this site in your browser so it works without a connection\u{2026}";
pub const OFFLINE_READY: &str =
    "Works offline: this site is saved in your browser, so it opens and works with no connection.";
/// Offered when a newer version has been saved beside the one on screen.
pub const UPDATE_READY: &str = "A new version of Pathway Planner is ready. Reloading shows it; your plan is kept in the address and nothing you saved is lost.";

/// Longest piece of someone's input a message quotes, in characters: far longer than any code
/// (a reference is 10, a date 10, a format name 21), short enough that a message stays short.
pub const QUOTED_CHARS: usize = 40;

/// Input text as a message quotes it: whole up to [`QUOTED_CHARS`] characters, otherwise its
/// start and "…" ("xxxx…"). A message that quoted hostile input whole would grow with it.
pub fn clip(text: &str) -> String {
    match text.char_indices().nth(QUOTED_CHARS) {
        None => text.to_owned(),
        Some((end, _)) => format!("{}…", &text[..end]),
    }
}

/// A list of codes (unit numbers, references as typed) that may be very long: all of them,
/// comma-separated, up to `shown`, otherwise the first `shown` and how many more: "999, abc", or
/// "1000, 1001, 1002 and 262,141 more". Each is quoted with [`clip`]. Keeps messages about
/// hostile input short however large the input.
pub fn first_few(items: &[String], shown: usize) -> String {
    let head = &items[..items.len().min(shown.max(1))];
    let list = head.iter().map(|i| clip(i)).collect::<Vec<_>>().join(", ");
    if head.len() == items.len() {
        list
    } else {
        format!("{list} and {} more", thousands(items.len() - head.len()))
    }
}

/// "Group B", "Groups B and C together", "the whole plan"
pub fn groups_phrase(groups: &[String]) -> String {
    match groups {
        [] => "the whole plan".to_owned(),
        [one] => format!("Group {one}"),
        _ => format!("Groups {} together", and_list(groups)),
    }
}

/// "1 credit", "12 credits"
pub fn credits(n: u32) -> String {
    plural(n, "credit", "credits")
}

/// "1 unit", "3 units"
pub fn units(n: u32) -> String {
    plural(n, "unit", "units")
}

/// `n` with the word that fits it.
pub fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "no", "one", "two", … for small counts; digits beyond ten.
pub fn count_word(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS.get(n).map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// The sentence with its first letter capitalised. ASCII only: every sentence starts with an
/// English word or a unit number, and full Unicode case tables would cost the download.
pub fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => std::iter::once(f.to_ascii_uppercase()).chain(c).collect(),
        None => String::new(),
    }
}

/// The phrase with its first letter in lower case, to run on inside a sentence.
pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => std::iter::once(f.to_ascii_lowercase()).chain(c).collect(),
        None => String::new(),
    }
}

/// What the document prints of a qualification's hours: "TQT 370 hours, GLH 180", or which of
/// the two is not printed. Never a zero for a figure that is missing.
pub fn printed_hours(tqt: Option<u32>, glh: Option<u32>) -> String {
    match (tqt, glh) {
        (Some(t), Some(g)) => format!("TQT {t} hours, GLH {g}"),
        (Some(t), None) => format!("TQT {t} hours; GLH not printed"),
        (None, Some(g)) => format!("GLH {g}; TQT not printed"),
        (None, None) => "TQT and GLH not printed".to_owned(),
    }
}

/// The line under a qualification's title: awarding body and number, level, credits and the
/// hours that are printed.
pub fn qualification_meta(q: &Qualification) -> String {
    let mut parts = vec![
        format!("{} · {}", q.awarding_body, q.number),
        format!("Level {}", q.level),
        credits(q.total_credits),
    ];
    if let Some(t) = q.tqt {
        parts.push(format!("TQT {t} hours"));
    }
    if let Some(g) = q.glh {
        parts.push(format!("GLH {g}"));
    }
    parts.join(" · ")
}

/// A unit's facts on one line: "Unit 302 · K/503/0418 · Level 3 · 4 credits · 30 GLH".
pub fn unit_meta(number: Option<&str>, reference: &str, level: u8, unit_credits: u32, glh: Option<u32>) -> String {
    let mut meta = Vec::new();
    if let Some(n) = number {
        meta.push(format!("Unit {n}"));
    }
    meta.push(reference.to_owned());
    meta.push(format!("Level {level}"));
    meta.push(credits(unit_credits));
    meta.push(match glh {
        Some(h) => format!("{h} GLH"),
        None => "GLH not printed".to_owned(),
    });
    meta.join(" · ")
}

/// The plan's guided learning hours, saying which units' hours the document does not print, and
/// never a total of hours that are simply not printed.
pub fn plan_hours(glh: u32, to_do: u32, missing: &[String], units_in_plan: u32) -> String {
    if !missing.is_empty() && missing.len() as u32 >= units_in_plan {
        return "not printed for the units in this plan".to_owned();
    }
    let mut s = format!("{glh} in all, {to_do} still to do");
    match missing.len() {
        0 => {}
        1 => s.push_str(&format!("; not printed for unit {}, so not counted", missing[0])),
        2..=3 => s.push_str(&format!(
            "; not printed for units {}, so not counted",
            missing.join(", ")
        )),
        n => s.push_str(&format!("; not printed for {n} of the units, so not counted")),
    }
    s
}

/// The summary's headline for a verdict with `unmet` rules not met.
pub fn verdict_headline(unmet: usize) -> String {
    match unmet {
        0 => "This plan meets the rules".to_owned(),
        1 => "Not yet: 1 rule is not met".to_owned(),
        n => format!("Not yet: {n} rules are not met"),
    }
}

/// The summary's headline before any unit is chosen or achieved: what there is to do, not a
/// failure.
pub fn start_headline(unmet: usize) -> String {
    match unmet {
        1 => "Choose units to start: 1 rule to meet".to_owned(),
        n => format!("Choose units to start: {n} rules to meet"),
    }
}

/// A group's progress in the summary: its credits against its own minimum and cap.
pub fn group_progress(id: &str, mandatory: bool, have: u32, min: Option<u32>, max: Option<u32>) -> String {
    match (mandatory, min, max) {
        (true, _, _) => format!("Group {id}: {} (mandatory)", credits(have)),
        (_, Some(m), Some(x)) => format!("Group {id}: {} (at least {m}, at most {x})", credits(have)),
        (_, Some(m), None) => format!("Group {id}: {have} of at least {}", credits(m)),
        (_, None, Some(x)) => format!("Group {id}: {} (at most {x})", credits(have)),
        _ => format!("Group {id}: {}", credits(have)),
    }
}

/// Credits per level: "level 2: 10, level 3: 34", or "none".
pub fn credits_by_level(levels: &[(u8, u32)]) -> String {
    if levels.is_empty() {
        return "none".to_owned();
    }
    levels
        .iter()
        .map(|(l, n)| format!("level {l}: {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(items: &[&str]) -> Vec<String> {
        items.iter().map(|i| (*i).to_owned()).collect()
    }

    #[test]
    fn lists_read_naturally() {
        assert_eq!(and_list(&[]), "");
        assert_eq!(and_list(&s(&["a"])), "a");
        assert_eq!(and_list(&s(&["a", "b"])), "a and b");
        assert_eq!(and_list(&s(&["a", "b", "c"])), "a, b and c");
        assert_eq!(groups_phrase(&[]), "the whole plan");
        assert_eq!(groups_phrase(&s(&["B"])), "Group B");
        assert_eq!(groups_phrase(&s(&["B", "C"])), "Groups B and C together");
    }

    #[test]
    fn long_lists_are_cut_short_with_a_count() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(262_144), "262,144");
        assert_eq!(thousands(1_000_000), "1,000,000");
        let many: Vec<String> = (0..262_144).map(|i| i.to_string()).collect();
        assert_eq!(first_few(&many[..3], 10), "0, 1, 2");
        assert_eq!(first_few(&many, 3), "0, 1, 2 and 262,141 more");
        assert_eq!(first_few(&many[..11], 10), "0, 1, 2, 3, 4, 5, 6, 7, 8, 9 and 1 more");
    }

    #[test]
    fn quoted_input_is_cut_to_forty_characters() {
        assert_eq!(clip("L/503/0394"), "L/503/0394");
        assert_eq!(clip(&"é".repeat(QUOTED_CHARS)), "é".repeat(QUOTED_CHARS));
        assert_eq!(
            clip(&"é".repeat(QUOTED_CHARS + 1)),
            format!("{}…", "é".repeat(QUOTED_CHARS))
        );
        let long = vec!["9".repeat(50_000); 20];
        assert_eq!(first_few(&long, 20).chars().count(), 20 * (QUOTED_CHARS + 1) + 19 * 2);
    }

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(credits(1), "1 credit");
        assert_eq!(credits(0), "0 credits");
        assert_eq!(units(1), "1 unit");
        assert_eq!(units(12), "12 units");
        assert_eq!(count_word(0), "no");
        assert_eq!(count_word(3), "three");
        assert_eq!(count_word(11), "11");
    }

    #[test]
    fn first_letters_change_case_only() {
        assert_eq!(capital("unit 302 is"), "Unit 302 is");
        assert_eq!(lower_first("At least"), "at least");
        assert_eq!(capital(""), "");
    }

    #[test]
    fn missing_hours_are_named_never_zero() {
        assert_eq!(printed_hours(Some(370), Some(180)), "TQT 370 hours, GLH 180");
        assert_eq!(printed_hours(Some(370), None), "TQT 370 hours; GLH not printed");
        assert_eq!(printed_hours(None, Some(180)), "GLH 180; TQT not printed");
        assert_eq!(printed_hours(None, None), "TQT and GLH not printed");
        assert_eq!(
            unit_meta(None, "D/506/2119", 2, 3, None),
            "D/506/2119 · Level 2 · 3 credits · GLH not printed"
        );
        assert_eq!(
            unit_meta(Some("302"), "K/503/0418", 3, 1, Some(10)),
            "Unit 302 · K/503/0418 · Level 3 · 1 credit · 10 GLH"
        );
    }

    #[test]
    fn plan_hours_say_which_units_are_not_counted() {
        assert_eq!(plan_hours(120, 40, &[], 5), "120 in all, 40 still to do");
        assert_eq!(
            plan_hours(120, 40, &s(&["D/506/2119"]), 5),
            "120 in all, 40 still to do; not printed for unit D/506/2119, so not counted"
        );
        assert_eq!(
            plan_hours(30, 0, &s(&["a", "b"]), 3),
            "30 in all, 0 still to do; not printed for units a, b, so not counted"
        );
        assert_eq!(
            plan_hours(30, 0, &s(&["a", "b", "c", "d"]), 5),
            "30 in all, 0 still to do; not printed for 4 of the units, so not counted"
        );
        assert_eq!(
            plan_hours(0, 0, &s(&["a", "b"]), 2),
            "not printed for the units in this plan"
        );
    }

    #[test]
    fn headline_counts_unmet_rules() {
        assert_eq!(verdict_headline(0), "This plan meets the rules");
        assert_eq!(verdict_headline(1), "Not yet: 1 rule is not met");
        assert_eq!(verdict_headline(3), "Not yet: 3 rules are not met");
        assert_eq!(start_headline(1), "Choose units to start: 1 rule to meet");
        assert_eq!(start_headline(4), "Choose units to start: 4 rules to meet");
    }

    #[test]
    fn group_progress_names_its_limits() {
        assert_eq!(
            group_progress("A", true, 12, None, None),
            "Group A: 12 credits (mandatory)"
        );
        assert_eq!(
            group_progress("B", false, 4, Some(10), Some(20)),
            "Group B: 4 credits (at least 10, at most 20)"
        );
        assert_eq!(
            group_progress("B", false, 4, Some(10), None),
            "Group B: 4 of at least 10 credits"
        );
        assert_eq!(
            group_progress("C", false, 1, None, Some(8)),
            "Group C: 1 credit (at most 8)"
        );
        assert_eq!(group_progress("D", false, 0, None, None), "Group D: 0 credits");
        assert_eq!(credits_by_level(&[]), "none");
        assert_eq!(credits_by_level(&[(2, 10), (3, 34)]), "level 2: 10, level 3: 34");
    }
}
