//! `briefgen init`: scaffold a new archive that builds at once and publishes to GitHub Pages.

use std::fs;
use std::path::{Path, PathBuf};

use crate::config::normalise_base_url;
use crate::diagnostics::{Code, Diagnostic};
use crate::render::templates::{BUILTIN, BUILTIN_STATIC};

mod workflow;
pub use workflow::{workflow, Install, RELEASES};

/// What `init` was asked to do.
#[derive(Debug, Clone)]
pub struct InitOptions {
    pub dir: PathBuf,
    pub title: String,
    pub base_url: String,
    /// Where the Pages workflow gets briefgen from (`Install::choose` picks it).
    pub install: Install,
    /// Copy the built-in templates and static files for editing.
    pub with_theme: bool,
    pub force: bool,
}

/// Writes the scaffold; returns the files written, relative to `dir`.
pub fn init(options: &InitOptions) -> Result<Vec<String>, Diagnostic> {
    let dir = &options.dir;
    let base_url = normalise_base_url(&options.base_url)
        .map_err(|m| Diagnostic::error(Code::Init, format!("--base-url: {m}")))?;
    if !options.force && (dir.join("site.toml").exists() || dir.join("content").exists()) {
        return Err(Diagnostic::error(Code::Init, format!("{} already holds a site", dir.display()))
            .with_hint("pass --force to overwrite its site.toml, example briefing and workflow, or choose an empty folder"));
    }
    let mut files: Vec<(String, String)> = vec![
        ("site.toml".into(), site_toml(&options.title, &base_url)),
        ("content/briefings/_index.md".into(), SECTION_INDEX.into()),
        ("content/briefings/welcome.md".into(), example_briefing()),
        ("content/about.md".into(), ABOUT.into()),
        (".gitignore".into(), "/public/\n/.public.*\n".into()),
        (
            ".github/workflows/pages.yml".into(),
            workflow(&options.install),
        ),
        ("README.md".into(), site_readme(&options.title)),
    ];
    if options.with_theme {
        files.extend(
            BUILTIN
                .iter()
                .map(|(name, text)| (format!("templates/{name}"), text.to_string())),
        );
        files.extend(
            BUILTIN_STATIC
                .iter()
                .map(|(name, text)| (format!("static/{name}"), text.to_string())),
        );
    } else {
        files.push(("templates/.gitkeep".into(), String::new()));
        files.push(("static/.gitkeep".into(), String::new()));
    }
    for (rel, text) in &files {
        write(dir, rel, text)?;
    }
    Ok(files
        .into_iter()
        .map(|(rel, _)| rel)
        .filter(|r| !r.ends_with(".gitkeep"))
        .collect())
}

fn write(dir: &Path, rel: &str, text: &str) -> Result<(), Diagnostic> {
    let path = dir.join(rel);
    let io = |e: std::io::Error| {
        Diagnostic::error(Code::Io, format!("cannot write: {e}")).in_file(&path)
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io)?;
    }
    fs::write(&path, text).map_err(io)
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn site_toml(title: &str, base_url: &str) -> String {
    format!(
        r#"# briefgen site configuration; every key is described in briefgen's README.

title = {title}
description = "Briefings and analysis."

# The full address the site is published at, ending in "/":
#   user or organisation site:  https://USER.github.io/
#   project site:               https://USER.github.io/REPO/   (the GitHub Pages default)
#   custom domain:              https://briefs.example.org/    (and set `cname` below)
# The Pages workflow passes the address GitHub reports with --base-url, so this value is what
# local builds use. Links between pages are relative, so the site also works under a sub-path.
base_url = {base_url}

# For a custom domain, briefgen writes this to public/CNAME:
# cname = "briefs.example.org"

language = "en"
paginate_by = 10
highlight_theme = "InspiredGitHub"

[feed]
enabled = true
limit = 20

# HTML written in bodies: "sanitize" keeps harmless markup and removes anything that can run
# script (the default), "escape" shows it as text, "trusted" publishes it as written.
[markdown]
raw_html = "sanitize"

[[taxonomies]]
name = "tags"
title = "Tags"
singular = "Tag"

[[taxonomies]]
name = "authors"
title = "Authors"
singular = "Author"

[[taxonomies]]
name = "topics"
title = "Topics"
singular = "Topic"

[[taxonomies]]
name = "regions"
title = "Regions"
singular = "Region"
"#,
        title = toml_string(title),
        base_url = toml_string(base_url),
    )
}

const SECTION_INDEX: &str =
    "+++\ntitle = \"Briefings\"\ndescription = \"All briefings, newest first.\"\n+++\n";

const ABOUT: &str =
    "+++\ntitle = \"About\"\n+++\n\nWho publishes this archive, and how it is edited.\n";

fn example_briefing() -> String {
    let today = chrono::Utc::now().format("%Y-%m-%d");
    format!(
        r#"+++
title = "Welcome to the archive"
date = {today}
authors = ["Editorial Team"]
tags = ["Getting started"]
topics = ["Archive"]
summary = "What a briefing looks like: front matter for the archive, Markdown for the text."
+++

Each briefing is a Markdown file in `content/briefings/`. The lines between the `+++` fences
are its front matter: title, date, authors, tags and the other fields the archive lists.

## Writing

Write the body in Markdown. Headings become the table of contents; tables, footnotes[^1] and
code blocks are supported.

## Importing

`briefgen import page.txt` turns text copied from a web page into a briefing like this one.

[^1]: Like this one.
"#
    )
}

fn site_readme(title: &str) -> String {
    format!(
        r#"# {title}

A policy-briefing archive built with briefgen.

    briefgen serve          # preview at http://127.0.0.1:1111/, reloads on every save
    briefgen build          # writes the site to public/

Briefings live in `content/briefings/`. The look comes from briefgen's built-in theme: to change
a template, put a file of the same name in `templates/` (for example `templates/article.html`);
to change the stylesheet, put `static/style.css`. `briefgen init --with-theme` copies every
built-in template and static file here to start from.

Publishing: push to a new GitHub repository, then in its Settings → Pages choose "GitHub
Actions" as the source, and re-run the workflow from the Actions tab (the run started by the
first push came before Pages was on). From then on `.github/workflows/pages.yml` installs
briefgen (cached between runs), builds and deploys on every push to `main`.
"#
    )
}
