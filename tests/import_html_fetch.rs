//! Fetching pages over HTTP, against a server on 127.0.0.1 started by the
//! test: redirects, a redirect loop, a slow server, huge bodies, content
//! types, 404, charsets, `--images`, and URLs mixed with files in one call.

use briefgen::import::command::{run, ImportArgs};
use briefgen::import::html::fetch::{agent, fetch, Limits, Want};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import-html/dev")
        .join(name)
}

/// A page with an image, in the markup of a WordPress post.
const PAGE_WITH_IMAGE: &str = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Dredging the Outer Channel | Port Desk</title>
<meta property="og:site_name" content="Port Desk">
<meta name="author" content="Rui Matos">
<meta property="article:published_time" content="2024-05-02T10:00:00Z">
</head><body><article class="post"><h1 class="entry-title">Dredging the Outer Channel</h1>
<div class="entry-content">
<p>The outer channel silts up faster every year, and the port authority has asked for a larger dredging budget to keep the deepest berths open to container ships through the winter.</p>
<figure><img src="/media/channel.png" alt="Channel depths"><figcaption>Depths along the channel in 2023</figcaption></figure>
<p>Engineers argue that a training wall at the river mouth would slow the silting for a generation, at a cost that the port alone cannot carry, and they want the region to share it.</p>
<p>Shipping lines have said they will move calls elsewhere if draught limits return, which would cost the town more than the wall and the dredging put together, by most estimates.</p>
</div></article></body></html>"#;

struct Server {
    base: String,
    agents: Arc<Mutex<Vec<String>>>,
}

/// Serves the test routes until the test process ends.
fn serve() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    let base = format!("http://{}", listener.local_addr().unwrap());
    let agents = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&agents);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let seen = Arc::clone(&seen);
            std::thread::spawn(move || handle(stream, &seen));
        }
    });
    Server { base, agents }
}

fn handle(mut stream: TcpStream, agents: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some(ua) = line
            .strip_prefix("user-agent: ")
            .or(line.strip_prefix("User-Agent: "))
        {
            agents.lock().unwrap().push(ua.trim().to_string());
        }
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    let (status, headers, body): (&str, Vec<String>, Vec<u8>) = match path.as_str() {
        "/page" => (
            "200 OK",
            html_type("utf-8"),
            PAGE_WITH_IMAGE.as_bytes().to_vec(),
        ),
        "/fixture" => (
            "200 OK",
            html_type("utf-8"),
            std::fs::read(fixture("news-jsonld-arctic-search.html")).unwrap(),
        ),
        "/media/channel.png" => (
            "200 OK",
            vec!["Content-Type: image/png".into()],
            b"\x89PNG\r\n\x1a\nfake image bytes".to_vec(),
        ),
        "/redirect" => ("302 Found", vec!["Location: /page".into()], Vec::new()),
        "/loop" => ("302 Found", vec!["Location: /loop".into()], Vec::new()),
        p if p.starts_with("/chain/") => {
            let n: u32 = p[7..].parse().unwrap_or(0);
            (
                "302 Found",
                vec![format!("Location: /chain/{}", n + 1)],
                Vec::new(),
            )
        }
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            (
                "200 OK",
                html_type("utf-8"),
                PAGE_WITH_IMAGE.as_bytes().to_vec(),
            )
        }
        "/huge" => ("200 OK", html_type("utf-8"), huge_body()),
        "/huge-declared" => (
            "200 OK",
            {
                let mut h = html_type("utf-8");
                h.push("X-Declared: yes".into());
                h
            },
            huge_body(),
        ),
        "/pdf" => (
            "200 OK",
            vec!["Content-Type: application/pdf".into()],
            b"%PDF-1.7".to_vec(),
        ),
        "/latin1" => {
            let page = PAGE_WITH_IMAGE.replace(
                "Dredging the Outer Channel</h1>",
                "Dredging the Outer Channel</h1><p>Le café du port — déjà fermé.</p>",
            );
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
            ("200 OK", html_type("windows-1252"), bytes.into_owned())
        }
        _ => (
            "404 Not Found",
            html_type("utf-8"),
            b"<h1>Not found</h1>".to_vec(),
        ),
    };
    let declared_len = !path.starts_with("/huge") || path == "/huge-declared";
    let mut head = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for h in headers {
        head.push_str(&h);
        head.push_str("\r\n");
    }
    if declared_len {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn html_type(charset: &str) -> Vec<String> {
    vec![format!("Content-Type: text/html; charset={charset}")]
}

/// Two megabytes of page: over the one-megabyte cap the tests set.
fn huge_body() -> Vec<u8> {
    let mut body = b"<html><body>".to_vec();
    body.extend(std::iter::repeat_n(b'a', 2 * 1024 * 1024));
    body
}

fn test_limits() -> Limits {
    Limits {
        connect: Duration::from_secs(2),
        total: Duration::from_secs(1),
        max_bytes: 1024 * 1024,
        max_redirects: 5,
    }
}

fn fetch_err(server: &Server, path: &str) -> String {
    let limits = test_limits();
    fetch(
        &agent(&limits),
        &format!("{}{path}", server.base),
        Want::Html,
        &limits,
    )
    .expect_err("the fetch fails")
}

#[test]
fn follows_redirects_and_reports_each_failure_in_one_line() {
    let server = serve();
    let limits = test_limits();
    let page = fetch(
        &agent(&limits),
        &format!("{}/redirect", server.base),
        Want::Html,
        &limits,
    )
    .expect("a redirect is followed");
    assert!(page.url.ends_with("/page"), "final address: {}", page.url);
    assert!(String::from_utf8_lossy(&page.body).contains("Dredging"));

    let table = [
        ("/loop", "too many redirects"),
        ("/chain/0", "too many redirects (more than 5)"),
        ("/slow", "timed out"),
        ("/huge", "too large: over 1 MB"),
        ("/huge-declared", "too large: over 1 MB"),
        ("/pdf", "not an HTML page: the server sent application/pdf"),
        ("/missing", "HTTP 404 Not Found"),
    ];
    for (path, want) in table {
        let err = fetch_err(&server, path);
        assert!(err.contains(want), "{path}: {err}");
        assert!(!err.contains('\n'), "{path}: one line: {err}");
    }
    let agents = server.agents.lock().unwrap();
    assert!(!agents.is_empty());
    let want = format!("briefgen/{}", env!("CARGO_PKG_VERSION"));
    assert!(agents.iter().all(|a| *a == want), "{agents:?}");
}

#[test]
fn refuses_an_unreachable_host() {
    // Nothing listens on a port the test has just closed.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let limits = test_limits();
    let err = fetch(
        &agent(&limits),
        &format!("http://127.0.0.1:{port}/"),
        Want::Html,
        &limits,
    )
    .expect_err("connection refused");
    assert!(err.contains("connection"), "{err}");
}

fn args(files: Vec<PathBuf>, out: &Path) -> ImportArgs {
    ImportArgs {
        files,
        out: out.to_path_buf(),
        json: false,
        date: None,
        tags: Vec::new(),
        publisher: None,
        force: false,
        images: false,
        explain: false,
    }
}

#[test]
fn imports_urls_files_and_text_in_one_call_and_skips_what_fails() {
    let server = serve();
    let out = tempfile::tempdir().unwrap();
    let files = vec![
        PathBuf::from(format!("{}/fixture", server.base)),
        PathBuf::from(format!("{}/missing", server.base)),
        fixture("ghost-india-heat.html"),
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import/dev/byline-after-title.txt"),
    ];
    let code = run(&args(files, out.path()), Vec::new());
    assert_eq!(code, 1, "the 404 makes the exit code 1");
    let mut written: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    // The text file's name follows the text importer's slug rules.
    assert_eq!(written.len(), 3, "{written:?}");
    assert!(
        written.iter().any(|w| w.starts_with("seoul")),
        "{written:?}"
    );
    for page in [
        "heat-action-plans-need-money-not-more-plans.md",
        "who-will-answer-a-mayday-in-the-high-arctic.md",
    ] {
        assert!(written.iter().any(|w| w == page), "{page} in {written:?}");
    }
    let arctic = std::fs::read_to_string(
        out.path()
            .join("who-will-answer-a-mayday-in-the-high-arctic.md"),
    )
    .unwrap();
    assert!(
        arctic.contains("url = \"https://www.harbourledger.example/world/2025/arctic-search\""),
        "{arctic}"
    );
    assert!(arctic.contains("authors = [\"Torvald Aune\"]"), "{arctic}");
}

#[test]
fn decodes_the_charset_the_server_names() {
    let server = serve();
    let out = tempfile::tempdir().unwrap();
    let mut a = args(
        vec![PathBuf::from(format!("{}/latin1", server.base))],
        out.path(),
    );
    a.json = true;
    assert_eq!(run(&a, Vec::new()), 0);
    // --json writes nothing; import the same page to a file to read the body.
    a.json = false;
    assert_eq!(run(&a, Vec::new()), 0);
    let page = std::fs::read_to_string(out.path().join("dredging-the-outer-channel.md")).unwrap();
    assert!(page.contains("Le café du port — déjà fermé."), "{page}");
}

#[test]
fn images_are_downloaded_next_to_the_briefing_on_request() {
    let server = serve();
    let url = PathBuf::from(format!("{}/redirect", server.base));

    let plain = tempfile::tempdir().unwrap();
    assert_eq!(run(&args(vec![url.clone()], plain.path()), Vec::new()), 0);
    let page = std::fs::read_to_string(plain.path().join("dredging-the-outer-channel.md")).unwrap();
    let absolute = format!("![Channel depths]({}/media/channel.png)", server.base);
    assert!(
        page.contains(&absolute),
        "without --images the link stays absolute: {page}"
    );
    assert!(
        page.contains("*Depths along the channel in 2023*"),
        "{page}"
    );

    let local = tempfile::tempdir().unwrap();
    let mut with_images = args(vec![url], local.path());
    with_images.images = true;
    assert_eq!(run(&with_images, Vec::new()), 0);
    let page = std::fs::read_to_string(local.path().join("dredging-the-outer-channel.md")).unwrap();
    assert!(page.contains("![Channel depths](channel.png)"), "{page}");
    let image = local.path().join("dredging-the-outer-channel/channel.png");
    assert_eq!(
        std::fs::read(image).unwrap(),
        b"\x89PNG\r\n\x1a\nfake image bytes"
    );
}
