//! `briefgen serve` over real HTTP on an ephemeral port: pages, live reload, incremental
//! rebuilds, the error overlay, and requests that try to leave the site.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use common::Fixture;

/// A running server, killed on drop.
struct Server {
    child: Child,
    addr: String,
    log: Receiver<String>,
    /// What it printed before it started serving: the first build's report.
    startup: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(f: &Fixture) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefgen"))
            .args(["serve", "--port", "0", "--root"])
            .arg(f.root())
            .env("NO_COLOR", "1")
            .stderr(Stdio::piped())
            .spawn()
            .expect("start serve");
        let stderr = child.stderr.take().unwrap();
        let (tx, log) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut server = Server {
            child,
            addr: String::new(),
            log,
            startup: Vec::new(),
        };
        server.startup = server.log_until("Serving");
        let line = server.startup.last().expect("the banner").clone();
        let start = line.find("http://").expect("url in banner") + 7;
        server.addr = line[start..].split('/').next().unwrap().to_string();
        server
    }

    /// Waits for a log line containing `needle`.
    fn wait_log(&self, needle: &str) -> String {
        self.log_until(needle).pop().expect("the line found")
    }

    /// The log lines up to and including the first one containing `needle`.
    fn log_until(&self, needle: &str) -> Vec<String> {
        let mut lines = Vec::new();
        loop {
            let line = self
                .log
                .recv_timeout(Duration::from_secs(20))
                .unwrap_or_else(|_| panic!("no log line with {needle:?} after {lines:#?}"));
            let found = line.contains(needle);
            lines.push(line);
            if found {
                return lines;
            }
        }
    }

    fn get(&self, path: &str) -> HttpResponse {
        raw_get(&self.addr, path)
    }

    fn events(&self) -> Events {
        Events::connect(&self.addr)
    }
}

struct HttpResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl HttpResponse {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A plain HTTP/1.1 GET that sends the path exactly as given (no client-side normalisation).
fn raw_get(addr: &str, path: &str) -> HttpResponse {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    HttpResponse {
        status,
        headers,
        body: body.to_string(),
    }
}

/// A live-reload event stream.
struct Events {
    rx: Receiver<(String, String)>,
}

impl Events {
    fn connect(addr: &str) -> Events {
        let mut stream = TcpStream::connect(addr).expect("connect");
        write!(
            stream,
            "GET /__briefgen/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut event = String::new();
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(name) = line.strip_prefix("event: ") {
                    event = name.to_string();
                } else if let Some(data) = line.strip_prefix("data: ") {
                    if tx.send((event.clone(), data.to_string())).is_err() {
                        return;
                    }
                }
            }
        });
        Events { rx }
    }

    /// The next event called `name`, skipping others.
    fn next(&self, name: &str) -> String {
        loop {
            let (event, data) = self
                .rx
                .recv_timeout(Duration::from_secs(20))
                .unwrap_or_else(|_| panic!("no `{name}` event"));
            if event == name {
                return data;
            }
        }
    }
}

fn site() -> Fixture {
    let f = Fixture::new();
    f.article(
        "briefings/first.md",
        "title = \"First briefing\"\ndate = 2024-01-01\ntags = [\"Japan\"]",
        "Original text.",
    );
    f.article(
        "briefings/second.md",
        "title = \"Second briefing\"\ndate = 2024-02-01\ntags = [\"Japan\"]",
        "Other text.",
    );
    f.write("static/data/report.json", "{\"a\": 1}");
    f
}

#[test]
fn serves_pages_with_the_right_types_redirects_and_404() {
    let f = site();
    let server = Server::start(&f);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.body.contains("First briefing"));
    assert!(
        home.body.contains("/__briefgen/events"),
        "reload script injected in served HTML"
    );
    // Links use the local address, not the configured base_url.
    let article = server.get("/briefings/first/");
    assert!(
        article
            .body
            .contains(&format!("http://{}/briefings/first/", server.addr)),
        "canonical is local"
    );

    let redirect = server.get("/briefings/first");
    assert_eq!(redirect.status, 308);
    assert_eq!(redirect.header("location"), Some("/briefings/first/"));

    for (path, ctype) in [
        ("/style.css", "text/css; charset=utf-8"),
        ("/briefgen.js", "text/javascript; charset=utf-8"),
        ("/atom.xml", "application/xml; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
        ("/data/report.json", "application/json"),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(ctype), "{path}");
        assert!(
            !r.body.contains("__briefgen"),
            "no script outside HTML: {path}"
        );
    }
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<h1"), "the site's own 404 page");
}

#[test]
fn requests_never_leave_the_site() {
    let f = site();
    let secret = f.root().parent().unwrap().join("secret-briefgen-test.txt");
    std::fs::write(&secret, "TOP SECRET").unwrap();
    let server = Server::start(&f);
    for path in [
        "/../secret-briefgen-test.txt",
        "/%2e%2e/secret-briefgen-test.txt",
        "/..%2fsecret-briefgen-test.txt",
        "/static/..%2f..%2fsecret-briefgen-test.txt",
        "//etc/passwd",
        "/..\\secret-briefgen-test.txt",
        "/%5c..%5csecret-briefgen-test.txt",
        "/site.toml",
        "/content/briefings/first.md",
    ] {
        let r = server.get(path);
        assert!(r.status == 400 || r.status == 404, "{path} → {}", r.status);
        assert!(
            !r.body.contains("TOP SECRET") && !r.body.contains("root:"),
            "{path} leaked a file"
        );
        assert!(!r.body.contains("base_url"), "{path} leaked site.toml");
    }
    let _ = std::fs::remove_file(secret);
}

#[test]
fn edits_and_new_files_rebuild_and_reload() {
    let f = site();
    let server = Server::start(&f);
    let events = server.events();
    events.next("ok");

    f.article(
        "briefings/first.md",
        "title = \"First briefing, revised\"\ndate = 2024-01-01\ntags = [\"Japan\"]",
        "Revised text.",
    );
    events.next("reload");
    let page = server.get("/briefings/first/");
    assert!(page.body.contains("Revised text."));
    assert!(
        server.get("/").body.contains("First briefing, revised"),
        "listing updated"
    );
    assert!(
        server
            .get("/tags/japan/")
            .body
            .contains("First briefing, revised"),
        "tag page updated"
    );

    f.article(
        "briefings/third.md",
        "title = \"A brand new briefing\"\ndate = 2024-03-01\ntags = [\"Korea\"]",
        "New.",
    );
    events.next("reload");
    assert_eq!(server.get("/briefings/third/").status, 200);
    assert!(server.get("/").body.contains("A brand new briefing"));
    assert_eq!(server.get("/tags/korea/").status, 200);

    std::fs::remove_file(f.root().join("content/briefings/third.md")).unwrap();
    events.next("reload");
    assert_eq!(server.get("/briefings/third/").status, 404);
    assert_eq!(server.get("/tags/korea/").status, 404);
    assert!(!server.get("/").body.contains("A brand new briefing"));
}

#[test]
fn a_one_article_edit_re_renders_only_what_shows_it() {
    let f = site();
    for i in 0..30 {
        f.article(
            &format!("briefings/extra-{i:02}.md"),
            &format!("title = \"Extra {i}\"\ndate = 2023-01-{:02}", i % 28 + 1),
            "x",
        );
    }
    let server = Server::start(&f);
    let events = server.events();
    events.next("ok");
    f.article(
        "briefings/extra-05.md",
        "title = \"Extra 5\"\ndate = 2023-01-06",
        "Body changed only.",
    );
    events.next("reload");
    let line = server.wait_log("Rebuilt");
    let n: usize = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    // The article, its two neighbours, the listing pages showing it and the feed/sitemap, not the
    // ~60 files of the whole site.
    assert!(n <= 10, "{line}");
    assert!(server
        .get("/briefings/extra-05/")
        .body
        .contains("Body changed only."));
}

#[test]
fn a_broken_edit_shows_the_overlay_and_the_next_good_save_recovers() {
    let f = site();
    let server = Server::start(&f);
    let events = server.events();
    events.next("ok");

    f.article(
        "briefings/first.md",
        "title = \"First\"\ndate = \"someday\"",
        "x",
    );
    let report = events.next("build-error");
    assert!(report.contains("first.md:3:8"), "{report}");
    assert!(report.contains("invalid `date`"), "{report}");
    // The last good build is still served, and new tabs get the error straight away.
    assert_eq!(server.get("/briefings/first/").status, 200);
    let late = server.events();
    assert!(late.next("build-error").contains("first.md"));

    f.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.nope }}{% endblock %}",
    );
    f.article(
        "briefings/first.md",
        "title = \"First\"\ndate = 2024-01-01",
        "fixed",
    );
    let report = events.next("build-error");
    assert!(report.contains("templates/article.html"), "{report}");

    std::fs::remove_file(f.root().join("templates/article.html")).unwrap();
    events.next("reload");
    assert!(server.get("/briefings/first/").body.contains("fixed"));
    let fresh = server.events();
    fresh.next("ok");
}

#[test]
fn a_port_in_use_says_to_pick_another() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let f = site();
    let out = f.run(&["serve", "--port", &port]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--port"), "{err}");
}

#[test]
fn ctrl_c_exits_cleanly_and_leaves_nothing_behind() {
    let f = site();
    let before = common::walkdir(f.root());
    let mut server = Server::start(&f);
    assert_eq!(server.get("/").status, 200);
    let pid = server.child.id().to_string();
    let status = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(status.success());
    let mut waited = 0;
    let exit = loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            break exit;
        }
        assert!(waited < 100, "serve did not stop on SIGINT");
        std::thread::sleep(Duration::from_millis(100));
        waited += 1;
    };
    assert!(exit.success(), "{exit:?}");
    server.wait_log("Stopped.");
    assert_eq!(
        common::walkdir(f.root()),
        before,
        "serve wrote files into the site"
    );
}

#[test]
fn a_template_edit_re_renders_the_pages_using_it_and_static_edits_show_at_once() {
    let f = site();
    f.write(
        "templates/taxonomy_list.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ taxonomy.title }}</h1>{% endblock %}",
    );
    let server = Server::start(&f);
    let events = server.events();
    events.next("ok");
    f.write("templates/taxonomy_list.html", "{% extends \"base.html\" %}{% block content %}<h1>All {{ taxonomy.title }}</h1>{% endblock %}");
    events.next("reload");
    let line = server.wait_log("Rebuilt");
    // One list page per taxonomy (tags, authors, regions) and nothing else.
    assert!(line.starts_with("Rebuilt 3 files"), "{line}");
    assert!(server.get("/tags/").body.contains("All Tags"));

    f.write("static/data/report.json", "{\"a\": 2}");
    events.next("reload");
    assert_eq!(server.get("/data/report.json").body, "{\"a\": 2}");
}

/// The diagnostics in a log: every line from a `warning:` or `error:` line up to the blank
/// line after it.
fn diagnostics(lines: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in lines {
        if line.starts_with("warning:") || line.starts_with("error:") {
            inside = true;
        } else if line.trim().is_empty() {
            inside = false;
        }
        if inside {
            out.push(line.clone());
        }
    }
    out
}

#[test]
fn serve_prints_the_warnings_build_prints_on_every_kind_of_rebuild() {
    let f = Fixture::new();
    f.article(
        "briefings/risky.md",
        "title = \"Risky\"\ndate = 2024-03-01\nreview = [\"date\"]",
        "Text <script>alert(1)</script> and [a link](javascript:alert(1)).\n\nMore text.",
    );
    f.article(
        "briefings/undated.md",
        "title = \"Undated\"",
        "No date here.",
    );
    let build = f.build(&[]);
    let built: Vec<String> = String::from_utf8_lossy(&build.stderr)
        .lines()
        .map(str::to_owned)
        .collect();
    let expected = diagnostics(&built);
    for code in ["needs review", "no date", "raw HTML", "javascript:"] {
        assert!(
            expected.iter().any(|l| l.contains(code)),
            "build warns about {code}: {expected:#?}"
        );
    }

    let server = Server::start(&f);
    assert_eq!(diagnostics(&server.startup), expected, "first build");

    // A body-only edit takes the in-place path; it must still warn as build does.
    f.article(
        "briefings/undated.md",
        "title = \"Undated\"",
        "Still no date, other words.",
    );
    let rebuilt = server.log_until("Rebuilt");
    assert_eq!(diagnostics(&rebuilt), expected, "in-place rebuild");

    // A new file takes the incremental path.
    f.article(
        "briefings/new.md",
        "title = \"New\"\ndate = 2024-04-01",
        "Clean text.",
    );
    let rebuilt = server.log_until("Rebuilt");
    assert_eq!(diagnostics(&rebuilt), expected, "incremental rebuild");
}

#[test]
fn a_second_language_is_served_and_follows_edits() {
    let f = Fixture::with_config(
        "title = \"Desk\"\nbase_url = \"https://user.github.io/repo/\"\n[languages.ja]\ntitle = \"デスク\"\n",
    );
    f.article(
        "briefings/a.md",
        "title = \"English A\"\ndate = 2024-01-01",
        "English text.",
    );
    f.article(
        "ja/briefings/a.md",
        "title = \"日本語のA\"\ndate = 2024-01-01",
        "日本語の本文。",
    );
    let server = Server::start(&f);
    let events = server.events();
    events.next("ok");
    let home = server.get("/ja/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("<html lang=\"ja\""), "{}", home.body);
    assert!(home.body.contains("日本語のA"));
    assert!(server
        .get("/ja/briefings/a/")
        .body
        .contains("../../../briefings/a/"));
    assert_eq!(server.get("/ja/search/index.js").status, 200);

    // An edit to the Japanese briefing re-renders the Japanese site.
    f.article(
        "ja/briefings/a.md",
        "title = \"日本語のA（改訂）\"\ndate = 2024-01-01",
        "改訂した本文。",
    );
    events.next("reload");
    assert!(server.get("/ja/").body.contains("日本語のA（改訂）"));
    assert!(server
        .get("/ja/briefings/a/")
        .body
        .contains("改訂した本文。"));
    // A Japanese briefing that goes away takes its pages with it.
    f.article(
        "ja/briefings/b.md",
        "title = \"日本語のB\"\ndate = 2024-02-01",
        "二つ目。",
    );
    events.next("reload");
    assert_eq!(server.get("/ja/briefings/b/").status, 200);
    std::fs::remove_file(f.root().join("content/ja/briefings/b.md")).unwrap();
    events.next("reload");
    assert_eq!(server.get("/ja/briefings/b/").status, 404);
    assert!(!server.get("/ja/").body.contains("日本語のB"));
}

/// The number of outputs a rebuild rendered, from its `Rebuilt N …` line.
fn rebuilt_count(server: &Server) -> usize {
    let line = server.wait_log("Rebuilt");
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn an_edit_in_one_language_re_renders_only_what_depends_on_it() {
    let f = Fixture::with_config(
        "title = \"Desk\"\nbase_url = \"https://user.github.io/repo/\"\n[languages.ja]\ntitle = \"デスク\"\n",
    );
    for i in 0..25 {
        let date = format!("date = 2023-01-{:02}", i % 28 + 1);
        f.article(
            &format!("briefings/b{i:02}.md"),
            &format!("title = \"English {i}\"\n{date}"),
            "English text.",
        );
        f.article(
            &format!("ja/briefings/b{i:02}.md"),
            &format!("title = \"日本語{i}\"\n{date}"),
            "日本語の本文。",
        );
    }
    let server = Server::start(&f);
    let events = server.events();
    events.next("ok");
    let date = "date = 2023-01-06";
    // A body edit in Japanese: its page (and the pages listing it), not the English site nor
    // the rest of the Japanese one (each half has about 40 outputs).
    f.article(
        "ja/briefings/b05.md",
        &format!("title = \"日本語5\"\n{date}"),
        "改訂。",
    );
    events.next("reload");
    let n = rebuilt_count(&server);
    assert!(n <= 10, "{n} outputs");
    assert!(server.get("/ja/briefings/b05/").body.contains("改訂。"));
    // The same in English.
    f.article(
        "briefings/b05.md",
        &format!("title = \"English 5\"\n{date}"),
        "Revised.",
    );
    events.next("reload");
    let n = rebuilt_count(&server);
    assert!(n <= 10, "{n} outputs");
    assert!(server.get("/briefings/b05/").body.contains("Revised."));
    // A new title in English reaches the Japanese translation's alternate links (through the
    // sitemap and the translation's page) but re-renders only what shows it.
    f.article(
        "briefings/b05.md",
        &format!("title = \"English five\"\n{date}"),
        "Revised.",
    );
    events.next("reload");
    let n = rebuilt_count(&server);
    assert!(n <= 15, "{n} outputs");
    assert!(server.get("/briefings/b05/").body.contains("English five"));
    assert!(server
        .get("/ja/briefings/b05/")
        .body
        .contains("../../../briefings/b05/"));
    // A Japanese briefing that goes away takes only its own pages and listings with it.
    std::fs::remove_file(f.root().join("content/ja/briefings/b24.md")).unwrap();
    events.next("reload");
    assert_eq!(server.get("/ja/briefings/b24/").status, 404);
    assert_eq!(server.get("/ja/briefings/b23/").status, 200);
    assert_eq!(server.get("/briefings/b24/").status, 200);
    // A missing page under /ja/ gets the Japanese 404 page, as a host serving the nearest
    // 404.html would; elsewhere the root one.
    let missing = server.get("/ja/nowhere/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("ページが見つかりません"));
    assert!(server.get("/nowhere/").body.contains("Page not found"));
}
