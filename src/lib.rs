//! briefgen: a static site generator for policy-briefing archives.
//!
//! The pipeline reads top to bottom, one module per stage:
//! [`config`] → [`discover`] → [`normalise`] (with [`frontmatter`]) → [`site`] (the model) →
//! [`markdown`] → [`render`] → [`output`]. [`pipeline`] runs them in order for [`build`],
//! [`serve`] and [`check`] alike.

// Diagnostics travel on the error path only, once per bad file; boxing them buys nothing.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod check;
pub mod config;
pub mod diagnostics;
pub mod discover;
pub mod frontmatter;
mod fxhash;
pub mod i18n;
pub mod import;
pub mod init;
pub mod markdown;
pub mod media;
pub mod model;
pub mod normalise;
pub mod output;
pub mod output_size;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod text;
pub mod timings;
