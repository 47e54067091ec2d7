//! `briefgen serve`: build into memory, serve over HTTP, watch the site, rebuild what changed,
//! and reload open tabs (Server-Sent Events). Nothing is written to disk.

pub mod engine;
mod languages;
mod memory;
pub mod paths;
mod place;
pub mod store;

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use crate::build::BuildOptions;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use engine::Engine;
use paths::{content_type, parse_request_path, PathError};
use store::{Entry, Store};

/// The live-reload endpoint; kept out of the site's own URL space.
pub const EVENTS_PATH: &str = "/__briefgen/events";

/// Injected before `</body>` of served HTML pages only (never in `build` output).
const RELOAD_SCRIPT: &str = include_str!("reload.js");

/// What `briefgen serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
    pub open: bool,
}

/// A state change pushed to every open tab.
#[derive(Debug, Clone)]
enum Notice {
    Reload(u64),
    Failed(String),
}

#[derive(Clone)]
struct AppState {
    store: Arc<RwLock<Store>>,
    notices: broadcast::Sender<Notice>,
}

/// Runs the preview server until Ctrl-C.
pub fn serve(options: ServeOptions) -> Result<(), Diagnostic> {
    let addr = SocketAddr::new(options.bind, options.port);
    let listener = TcpListener::bind(addr).map_err(|e| {
        let d = Diagnostic::error(Code::Serve, format!("cannot listen on {addr}: {e}"));
        if e.kind() == std::io::ErrorKind::AddrInUse {
            d.with_hint(format!(
                "another program uses port {}; pick another with --port {}",
                options.port,
                options.port.wrapping_add(1).max(1024)
            ))
        } else {
            d.with_hint("check --bind and --port")
        }
    })?;
    let local = listener
        .local_addr()
        .map_err(|e| Diagnostic::error(Code::Serve, e.to_string()))?;
    let host = if local.ip().is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        local.ip().to_string()
    };
    let host = if host.contains(':') {
        format!("[{host}]")
    } else {
        host
    };
    let url = format!("http://{host}:{}/", local.port());

    let store = Arc::new(RwLock::new(Store::default()));
    let (notices, _) = broadcast::channel(64);
    let mut engine = Engine::new(BuildOptions {
        root: options.root.clone(),
        output: None,
        base_url: Some(url.clone()),
        drafts: options.drafts,
        progress: false,
    });
    rebuild(&mut engine, &store, &notices, None);
    let watched = engine.paths().clone();
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(Duration::from_millis(30), None, tx)
        .map_err(|e| Diagnostic::error(Code::Serve, format!("cannot watch files: {e}")))?;
    // The root itself (not recursively: it may hold target/ or public/) for site.toml and for
    // content/, templates/ or static/ appearing later.
    debouncer
        .watch(&watched.root, RecursiveMode::NonRecursive)
        .map_err(|e| {
            Diagnostic::error(
                Code::Serve,
                format!("cannot watch {}: {e}", watched.root.display()),
            )
        })?;
    let mut watching = Vec::new();
    watch_site_folders(&mut debouncer, &watched, &mut watching);

    spawn_rebuilder(engine, debouncer, watching, rx, &store, &notices);

    eprintln!(
        "Serving {} at {url} (Ctrl-C to stop)",
        options.root.display()
    );
    if options.open {
        open_browser(&url);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::error(Code::Serve, format!("cannot start the server: {e}")))?;
    let state = AppState { store, notices };
    let result = runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = Router::new()
            .route(EVENTS_PATH, get(events))
            .fallback(get(file))
            .with_state(state);
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    });
    eprintln!("Stopped.");
    result.map_err(|e| Diagnostic::error(Code::Serve, format!("server error: {e}")))
}

/// Rebuilds on every batch of relevant file changes, on a thread of its own.
fn spawn_rebuilder(
    mut engine: Engine,
    mut debouncer: Debouncer,
    mut watching: Vec<PathBuf>,
    rx: std::sync::mpsc::Receiver<DebounceEventResult>,
    store: &Arc<RwLock<Store>>,
    notices: &broadcast::Sender<Notice>,
) {
    let store = Arc::clone(store);
    let notices = notices.clone();
    let watched = engine.paths().clone();
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            // Saves that land while a rebuild runs join the next one.
            let mut batch = vec![first];
            while let Ok(more) = rx.try_recv() {
                batch.push(more);
            }
            let paths: Vec<PathBuf> = batch
                .into_iter()
                .filter_map(Result::ok)
                .flatten()
                .filter(|e| !e.kind.is_access() && !e.kind.is_other())
                .flat_map(|e| e.event.paths)
                .filter(|p| is_relevant(p))
                .collect();
            if !paths.is_empty() {
                watch_site_folders(&mut debouncer, &watched, &mut watching);
                rebuild(&mut engine, &store, &notices, Some(&paths));
            }
        }
    });
}

/// The file watcher `serve` uses.
type Debouncer = notify_debouncer_full::Debouncer<
    notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

/// Watches content/, templates/ and static/ recursively once they exist.
fn watch_site_folders(
    debouncer: &mut Debouncer,
    paths: &crate::config::SitePaths,
    watching: &mut Vec<PathBuf>,
) {
    for dir in [&paths.content, &paths.templates, &paths.static_dir] {
        if dir.is_dir() && !watching.contains(dir) {
            match debouncer.watch(dir, RecursiveMode::Recursive) {
                Ok(()) => watching.push(dir.clone()),
                Err(e) => eprintln!("warning: cannot watch {}: {e}", dir.display()),
            }
        }
    }
}

/// Editors write swap and backup files beside the real ones; they are not site changes.
fn is_relevant(path: &std::path::Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    !(name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name == "4913")
}

fn rebuild(
    engine: &mut Engine,
    store: &RwLock<Store>,
    notices: &broadcast::Sender<Notice>,
    changed: Option<&[PathBuf]>,
) {
    let result = match changed {
        None => engine.full_build(store),
        Some(paths) => engine.update(paths, store),
    };
    match result {
        Ok(report) => {
            for w in &report.warnings {
                eprintln!("{w}");
            }
            let version = store.read().expect("store lock").version;
            eprintln!(
                "{} {} file{} in {} ms",
                if report.full { "Built" } else { "Rebuilt" },
                report.rendered,
                if report.rendered == 1 { "" } else { "s" },
                report.elapsed.as_millis()
            );
            let _ = notices.send(Notice::Reload(version));
        }
        Err(Diagnostics(diagnostics)) => {
            let text: String = diagnostics.iter().map(|d| d.to_string() + "\n").collect();
            eprintln!("{text}Build failed; still serving the last good build. Fix the error and save again.");
            store.write().expect("store lock").error = Some(text.clone());
            let _ = notices.send(Notice::Failed(text));
        }
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("Could not open a browser; visit {url}");
    }
}

/// Server-Sent Events: the current state first, then every rebuild.
async fn events(
    State(state): State<AppState>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let current = {
        let store = state.store.read().expect("store lock");
        match &store.error {
            Some(text) => Notice::Failed(text.clone()),
            None => Notice::Reload(store.version),
        }
    };
    let initial = tokio_stream::once(current).map(|n| Ok(to_event(n, true)));
    let updates = BroadcastStream::new(state.notices.subscribe())
        .filter_map(|n| n.ok().map(|n| Ok(to_event(n, false))));
    Sse::new(initial.chain(updates)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn to_event(notice: Notice, initial: bool) -> Event {
    match notice {
        Notice::Reload(v) if initial => Event::default().event("ok").data(v.to_string()),
        Notice::Reload(v) => Event::default().event("reload").data(v.to_string()),
        Notice::Failed(text) => Event::default()
            .event("build-error")
            .data(serde_json::json!({ "message": text }).to_string()),
    }
}

/// Serves a file from the store.
async fn file(State(state): State<AppState>, uri: Uri) -> Response {
    let request = match parse_request_path(uri.path()) {
        Ok(r) => r,
        Err(PathError::Traversal | PathError::Malformed) => {
            return (StatusCode::BAD_REQUEST, "bad request path\n").into_response();
        }
    };
    let lookup = |key: &str| state.store.read().expect("store lock").get(key).cloned();
    let key = if request.is_dir {
        format!("{}index.html", request.key)
    } else {
        request.key.clone()
    };
    if let Some(entry) = lookup(&key) {
        return send(&key, entry, StatusCode::OK).await;
    }
    if !request.is_dir && lookup(&format!("{}/index.html", request.key)).is_some() {
        let location = match uri.query() {
            Some(q) => format!("/{}/?{q}", request.key),
            None => format!("/{}/", request.key),
        };
        return Response::builder()
            .status(StatusCode::PERMANENT_REDIRECT)
            .header(header::LOCATION, location)
            .body(Body::empty())
            .expect("valid response");
    }
    // The nearest 404 page up the path (`ja/404.html` for `/ja/x/`), as Cloudflare Pages and
    // Netlify serve it; the root one otherwise.
    let nearest = std::iter::successors(Some(request.key.as_str()), |k| {
        k.rsplit_once('/').map(|(dir, _)| dir)
    })
    .skip(1)
    .map(|dir| format!("{dir}/404.html"))
    .chain(std::iter::once("404.html".to_string()))
    .find_map(|key| lookup(&key).map(|entry| (key, entry)));
    match nearest {
        Some((key, entry)) => send(&key, entry, StatusCode::NOT_FOUND).await,
        None => {
            // No build has succeeded yet: a bare page that still carries the error overlay.
            let page = inject(
                "<!DOCTYPE html><title>Not found</title><body><p>Not found.</p></body>".as_bytes(),
            );
            html_response(page, StatusCode::NOT_FOUND)
        }
    }
}

async fn send(key: &str, entry: Entry, status: StatusCode) -> Response {
    let bytes: Vec<u8> = match entry {
        Entry::Rendered(b) => b.to_vec(),
        Entry::OnDisk(path) => match tokio::fs::read(&path).await {
            Ok(b) => b,
            Err(_) => return (StatusCode::NOT_FOUND, "not found\n").into_response(),
        },
    };
    let ctype = content_type(key);
    if ctype.starts_with("text/html") {
        return html_response(inject(&bytes), status);
    }
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, HeaderValue::from_static(ctype))
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::from(bytes))
        .expect("valid response")
}

fn html_response(bytes: Vec<u8>, status: StatusCode) -> Response {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::from(bytes))
        .expect("valid response")
}

/// Puts the live-reload script before the last `</body>` (or at the end).
pub fn inject(html: &[u8]) -> Vec<u8> {
    let script = format!("<script>{RELOAD_SCRIPT}</script>");
    let pos = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..pos]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[pos..]);
    out
}
