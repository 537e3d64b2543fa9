//! Pages and the address bar. The page is a query parameter (`?page=capital`), not a path, so a
//! shared link opens the right page on any static file server and from any sub-path.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    Overview,
    HighNeeds,
    Uncertainty,
    Savings,
    Capital,
    Compare,
    Sources,
    Glossary,
    /// The committee pack (`?page=pack`): reached from "Print pack", not from the navigation.
    Pack,
}

impl Page {
    pub const NAV: [Page; 8] = [Page::Overview, Page::HighNeeds, Page::Uncertainty, Page::Savings, Page::Capital, Page::Compare, Page::Sources, Page::Glossary];

    pub fn slug(self) -> &'static str {
        match self {
            Page::Overview => "overview",
            Page::HighNeeds => "high-needs",
            Page::Uncertainty => "uncertainty",
            Page::Savings => "savings",
            Page::Capital => "capital",
            Page::Compare => "compare",
            Page::Sources => "sources",
            Page::Glossary => "glossary",
            Page::Pack => "pack",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Page::Overview => "Overview",
            Page::HighNeeds => "High needs",
            Page::Uncertainty => "Uncertainty",
            Page::Savings => "Savings",
            Page::Capital => "Capital",
            Page::Compare => "Compare",
            Page::Sources => "Sources",
            Page::Glossary => "Glossary",
            Page::Pack => "Committee pack",
        }
    }

    pub fn from_slug(s: &str) -> Option<Page> {
        Page::NAV.into_iter().chain([Page::Pack]).find(|p| p.slug() == s)
    }
}
