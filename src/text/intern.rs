//! Token texts shared per thread: a word that comes back (most of them do) reuses the
//! first copy of its text instead of building a new string, and carries an id that
//! callers can key their own per-word work on.

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

/// A shared folded text: reads as a `&str`, compares with one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Norm(Rc<str>);

impl Norm {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Norm {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Norm {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

/// A token's folded text with an id shared by every token of the same text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interned {
    /// The folded text.
    pub text: Norm,
    /// The same for the same text, different for different texts (never reused, so a
    /// cache keyed on it cannot see a stale entry).
    pub id: u64,
}

/// Distinct texts a thread keeps before starting over (a few MB).
const LIMIT: usize = 1 << 16;

thread_local! {
    static SEEN: RefCell<FxHashMap<Box<[char]>, Interned>> = RefCell::default();
}

/// The shared text of `chars`.
pub fn intern(chars: &[char]) -> Interned {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    SEEN.with_borrow_mut(|seen| {
        if let Some(i) = seen.get(chars) {
            return i.clone();
        }
        if seen.len() >= LIMIT {
            seen.clear();
        }
        let i = Interned {
            text: Norm(chars.iter().collect::<String>().into()),
            id: NEXT.fetch_add(1, Ordering::Relaxed),
        };
        seen.insert(chars.into(), i.clone());
        i
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_shares_its_id_and_another_does_not() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        let a = intern(&chars("بكين"));
        let b = intern(&chars("بكين"));
        let c = intern(&chars("موسكو"));
        assert_eq!((&*a.text, a.id), ("بكين", b.id));
        assert!(Rc::ptr_eq(&a.text.0, &b.text.0));
        assert_ne!(a.id, c.id);
        assert_eq!(&*c.text, "موسكو");
    }
}
