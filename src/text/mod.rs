//! Text utilities shared by the whole crate: slugs, dates and month names in every language
//! the importer reads, languages and scripts, word and sentence bounds.
//!
//! The build (normalise, render, search) and the importer use these same functions, so an
//! imported file is named with the slug the build would give its title.

pub mod dates;
pub mod find_date;
pub mod lang;
pub mod months;
pub mod sentences;
pub mod slug;
pub mod words;

pub use find_date::{find_date, FoundDate};
pub use slug::slugify;
pub use words::word_count;
