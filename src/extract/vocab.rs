//! The core vocabulary of the design contract: the properties isnad emits,
//! with their domains, ranges and symmetry. `ontology/isnad.ttl` declares the same.

use crate::lexicon::Kind;

/// A core property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Property {
    /// Local name in `isn:`.
    pub name: &'static str,
    /// Allowed subject types.
    pub domain: &'static [Kind],
    /// Allowed object types.
    pub range: &'static [Kind],
    /// True for `owl:SymmetricProperty`.
    pub symmetric: bool,
}

use Kind::*;

/// The twelve core properties.
pub const CORE: &[Property] = &[
    Property {
        name: "visits",
        domain: &[Person, Country],
        range: &[Country, City, Region],
        symmetric: false,
    },
    Property {
        name: "meetsWith",
        domain: &[Person],
        range: &[Person],
        symmetric: true,
    },
    Property {
        name: "phoneCallWith",
        domain: &[Person],
        range: &[Person],
        symmetric: true,
    },
    Property {
        name: "invitedBy",
        domain: &[Person],
        range: &[Person, Organization],
        symmetric: false,
    },
    Property {
        name: "attends",
        domain: &[Person],
        range: &[Event],
        symmetric: false,
    },
    Property {
        name: "officialOf",
        domain: &[Person],
        range: &[Country],
        symmetric: false,
    },
    Property {
        name: "leaderOf",
        domain: &[Person],
        range: &[Country],
        symmetric: false,
    },
    Property {
        name: "strategicAllyOf",
        domain: &[Country],
        range: &[Country],
        symmetric: true,
    },
    Property {
        name: "jointExerciseWith",
        domain: &[Country],
        range: &[Country],
        symmetric: true,
    },
    Property {
        name: "invaded",
        domain: &[Country],
        range: &[Country, Region],
        symmetric: false,
    },
    Property {
        name: "sanctioned",
        domain: &[Country, Organization],
        range: &[Person, Country, Organization],
        symmetric: false,
    },
    Property {
        name: "supports",
        domain: &[Country, Person, Organization],
        range: &[Country, Person, Organization],
        symmetric: false,
    },
];

/// The core property with this local name.
pub fn property(name: &str) -> Option<&'static Property> {
    CORE.iter().find(|p| p.name == name)
}

/// True when the property is symmetric.
pub fn is_symmetric(name: &str) -> bool {
    property(name).is_some_and(|p| p.symmetric)
}
