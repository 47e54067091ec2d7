//! `--images`: the body's images downloaded next to the briefing, under the
//! same limits as pages, with the body's links rewritten to the copies.

use super::fetch::{fetch, Limits, Want};
use std::collections::HashMap;
use std::path::Path;
use ureq::Agent;

/// Downloads each image into `dir` and returns the body with its links
/// pointing at the copies, plus one line per image that failed (whose
/// link stays absolute).
pub fn localise(
    body: &str,
    images: &[String],
    dir: &Path,
    agent: &Agent,
    limits: &Limits,
) -> (String, Vec<String>) {
    let mut local: HashMap<&str, String> = HashMap::new();
    let mut failures = Vec::new();
    for url in images {
        if local.contains_key(url.as_str()) {
            continue;
        }
        let fetched = match fetch(agent, url, Want::Image, limits) {
            Ok(f) => f,
            Err(why) => {
                failures.push(format!("image {url}: {why}"));
                continue;
            }
        };
        let name = unique_name(&file_name(url, &fetched.content_type), local.values());
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(dir.join(&name), &fetched.body));
        match written {
            Ok(()) => {
                local.insert(url, name);
            }
            Err(e) => failures.push(format!(
                "image {url}: cannot write {}: {e}",
                dir.join(&name).display()
            )),
        }
    }
    let mut body = body.to_string();
    for (url, name) in &local {
        body = body
            .replace(&format!("](<{url}>)"), &format!("]({name})"))
            .replace(&format!("]({url})"), &format!("]({name})"));
    }
    (body, failures)
}

/// A file name from the URL's last path segment, with an extension that
/// matches the content type.
fn file_name(url: &str, content_type: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let last = path.rsplit('/').next().unwrap_or("image");
    let (stem, ext) = last.rsplit_once('.').unwrap_or((last, ""));
    let stem = crate::text::slug::slugify(stem);
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let ext = match mime.as_str() {
        "image/jpeg" | "image/jpg" => "jpg",
        "image/png" => "png",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "image/avif" => "avif",
        "image/svg+xml" => "svg",
        _ if !ext.is_empty()
            && ext.len() <= 5
            && ext.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            ext
        }
        _ => "img",
    };
    format!("{}.{ext}", if stem.is_empty() { "image" } else { &stem })
}

fn unique_name<'a>(name: &str, taken: impl Iterator<Item = &'a String> + Clone) -> String {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let mut candidate = name.to_string();
    let mut n = 2;
    while taken.clone().any(|t| *t == candidate) {
        candidate = format!("{stem}-{n}.{ext}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_files_by_url_and_type() {
        assert_eq!(
            file_name("https://x.org/a/Port Map.PNG?w=300", "image/png"),
            "port-map.png"
        );
        assert_eq!(file_name("https://x.org/img", "image/jpeg"), "img.jpg");
        let taken = ["map.png".to_string()];
        assert_eq!(unique_name("map.png", taken.iter()), "map-2.png");
    }
}
