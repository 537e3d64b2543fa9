//! The DfE DSG deficit management plan's provision types, and each dataset's status for them.
//! The placement kinds are the template's seven types, one to one; a dataset may still give
//! fewer lines (Herefordshire's papers give five), so each type is shown with its status (given,
//! merged or empty) in the workbooks and on the Sources page, and a finance officer sees exactly
//! what lands where.

use crate::data::dataset::{Placement, PlacementKind};

/// The management plan's categories, in the template's order.
pub const CATEGORIES: &[&str] = &[
    "Mainstream schools and academies",
    "Resourced provision and SEN units",
    "Maintained special schools and special academies",
    "Independent and non-maintained special schools",
    "Hospital schools and alternative provision",
    "Post-16 and further education",
    "Other (including direct payments)",
];

/// The category a placement kind's lines are reported under.
pub fn category_of(kind: PlacementKind) -> usize {
    match kind {
        PlacementKind::Mainstream => 0,
        PlacementKind::LocalSpecial => 2,
        PlacementKind::Independent => 3,
        PlacementKind::Resourced => 1,
        PlacementKind::HospitalAp => 4,
        PlacementKind::Post16 => 5,
        PlacementKind::Other => 6,
    }
}

/// Categories with no kind of their own, and the category whose lines include them.
fn merged_into(category: usize) -> Option<usize> {
    match category {
        1 => Some(0), // resourced provision and units are top-ups in mainstream settings
        4 => Some(6), // hospital schools and AP are neither mainstream nor special placements
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The dataset has line(s) of this category: their indices in the placements.
    Given(Vec<usize>),
    /// No line of its own: any such places are counted in the named category's lines.
    Merged(usize),
    /// No line, and nothing it could be counted in.
    Empty,
}

impl Status {
    pub fn word(&self) -> &'static str {
        match self {
            Status::Given(_) => "given",
            Status::Merged(_) => "merged",
            Status::Empty => "empty",
        }
    }
}

/// Each category's status for these placement lines, with a sentence saying what it holds.
pub fn mapping(placements: &[Placement]) -> Vec<(&'static str, Status, String)> {
    let lines = |c: usize| -> Vec<usize> { placements.iter().enumerate().filter(|(_, p)| category_of(p.kind) == c).map(|(i, _)| i).collect() };
    CATEGORIES
        .iter()
        .enumerate()
        .map(|(c, name)| {
            let own = lines(c);
            if !own.is_empty() {
                let names: Vec<&str> = own.iter().map(|&i| placements[i].name.as_str()).collect();
                return (*name, Status::Given(own), format!("The dataset's line(s): {}.", names.join("; ")));
            }
            match merged_into(c) {
                Some(into) if !lines(into).is_empty() => (*name, Status::Merged(into), format!("No line of its own: any places of this type would be counted in {}; the dataset does not say whether there are any.", CATEGORIES[into].to_lowercase())),
                _ => (*name, Status::Empty, "No line in the dataset: the papers give no figures for it.".to_string()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn herefordshire_maps_onto_the_template() {
        let ds = crate::testing::shipped().dataset;
        let m = mapping(&ds.high_needs.model.placements);
        assert_eq!(m.len(), 7);
        assert_eq!(m[0].1.word(), "given");
        assert_eq!(m[1].1, Status::Merged(0));
        // Where such places would be is the template's reading, not the papers': said as one.
        assert!(m[1].2.ends_with("the dataset does not say whether there are any."), "{}", m[1].2);
        assert_eq!(m[3].1.word(), "given");
        // Every line lands in exactly one category.
        let counted: usize = m.iter().map(|(_, s, _)| if let Status::Given(v) = s { v.len() } else { 0 }).sum();
        assert_eq!(counted, ds.high_needs.model.placements.len());
    }
}
