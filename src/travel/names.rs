//! Names for downloaded files: after the learner when the adviser has typed one, and the
//! qualification, so a folder of plans for a cohort does not hold forty copies of one name.

/// `pathway-plan-<learner>-<qualification>.<extension>`, e.g.
/// `pathway-plan-amira-khan-600-1136-1.csv`; without a learner,
/// `pathway-plan-600-1136-1.csv`. The learner's name keeps its letters and digits (any script),
/// lower-cased where ASCII, with one hyphen for each run of anything else, and at most 40 of them.
pub fn download_name(learner: &str, number: &str, extension: &str) -> String {
    let mut slug = String::new();
    for c in learner.chars() {
        if c.is_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(40).collect();
    let slug = slug.trim_end_matches('-');
    let number = number.replace('/', "-");
    if slug.is_empty() {
        format!("pathway-plan-{number}.{extension}")
    } else {
        format!("pathway-plan-{slug}-{number}.{extension}")
    }
}

#[cfg(test)]
mod tests {
    use super::download_name;

    #[test]
    fn files_are_named_after_the_learner_and_the_qualification() {
        assert_eq!(download_name("", "600/1136/1", "csv"), "pathway-plan-600-1136-1.csv");
        assert_eq!(
            download_name("  Amira  Khan ", "600/1136/1", "csv"),
            "pathway-plan-amira-khan-600-1136-1.csv"
        );
        assert_eq!(
            download_name("O'Neil, Seán", "601/3478/1", "json"),
            "pathway-plan-o-neil-seán-601-3478-1.json"
        );
        assert_eq!(
            download_name("../../etc/passwd", "600/1135/X", "csv"),
            "pathway-plan-etc-passwd-600-1135-X.csv"
        );
        assert_eq!(download_name("***", "600/1135/X", "csv"), "pathway-plan-600-1135-X.csv");
        let long = download_name(&"a".repeat(300), "600/1135/X", "csv");
        assert_eq!(long, format!("pathway-plan-{}-600-1135-X.csv", "a".repeat(40)));
    }
}
