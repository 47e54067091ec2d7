//! Stage 7: write the site atomically. Files go into a hidden folder beside the target, which is
//! swapped in only when everything succeeded; a failed build leaves the old output untouched.
//!
//! A build killed outright (kill -9, a power cut) cannot remove its staging folder. Each one
//! carries a marker naming the process that made it, so the next build removes folders whose
//! process is gone, and never a folder briefgen did not make.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use crate::diagnostics::{Code, Diagnostic};
use crate::render::Sink;

/// A staging folder that becomes the output on [`Staging::commit`] and vanishes if dropped.
pub struct Staging {
    dir: tempfile::TempDir,
    target: PathBuf,
    /// Folders already made inside the staging folder: most files share theirs with others
    /// (search shards, feeds beside their listings), and a `mkdir` that fails costs a system call.
    made: Mutex<HashSet<PathBuf>>,
    /// Files and bytes put in the staging folder so far, and how many files are coming: what
    /// a full disk's message estimates the space needed from.
    files: AtomicU64,
    bytes: AtomicU64,
    expected: AtomicU64,
}

impl Staging {
    /// Prepares a staging folder beside `target`, refusing targets that are not build output.
    pub fn new(target: &Path, root: &Path) -> Result<Staging, Diagnostic> {
        check_target(target, root)?;
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)
            .map_err(|e| io_error(parent, "cannot create the output's parent folder", e))?;
        let name = target
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        remove_abandoned(parent, &name);
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.building-"))
            .tempdir_in(parent)
            .map_err(|e| io_error(parent, "cannot create a staging folder", e))?;
        mark(dir.path()).map_err(|e| io_error(dir.path(), "cannot create a staging folder", e))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            made: Mutex::default(),
            files: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            expected: AtomicU64::new(0),
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    fn count(&self, bytes: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    /// The one error of a build that ran out of space: where, how much was written, and about
    /// how much the whole output needs, extrapolated from the files written so far.
    fn disk_full(&self, rel: &str) -> Diagnostic {
        let files = self.files.load(Ordering::Relaxed);
        let bytes = self.bytes.load(Ordering::Relaxed);
        let expected = self.expected.load(Ordering::Relaxed).max(files + 1);
        let needed = bytes.saturating_mul(expected) / files.max(1);
        let folder = self.dir.path().parent().unwrap_or(Path::new("."));
        let free = free_space(folder).map_or(String::new(), |f| format!(", {} free", size(f)));
        Diagnostic::error(
            Code::DiskFull,
            format!(
                "the disk is full: the build stopped at {rel}, after {} in {files} files of about \
                 {expected}; the new output needs about {} on the disk holding {}{free}",
                size(bytes),
                size(needed.max(bytes)),
                folder.display(),
            ),
        )
        .in_file(folder)
        .with_hint(format!(
            "free at least {} there (a build writes the new output before it removes the old \
             one), or build elsewhere with --output; the previous output is untouched",
            size(needed.max(bytes))
        ))
    }

    /// `fs::create_dir_all`, once per folder, trying the `mkdir` first: nearly every page has a
    /// folder of its own, which `create_dir_all` would look up before creating.
    fn make_parent(&self, dir: &Path) -> io::Result<()> {
        if self
            .made
            .lock()
            .expect("no panics while held")
            .contains(dir)
        {
            return Ok(());
        }
        match fs::create_dir(dir) {
            // Made by another thread in the meantime, or a file in the way, which the write
            // that follows reports.
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(_) => fs::create_dir_all(dir)?,
        }
        self.made
            .lock()
            .expect("no panics while held")
            .insert(dir.to_path_buf());
        Ok(())
    }

    /// Replaces the target with the staged files.
    pub fn commit(self) -> Result<(), Diagnostic> {
        let staged = self.dir.keep();
        let target = &self.target;
        let result = (|| -> io::Result<()> {
            if target.exists() {
                let name = target
                    .file_name()
                    .map_or("public".into(), |n| n.to_string_lossy().into_owned());
                let old = tempfile::Builder::new()
                    .prefix(&format!(".{name}.old-"))
                    .tempdir_in(staged.parent().unwrap_or(Path::new(".")))?
                    .keep();
                fs::remove_dir(&old)?;
                fs::rename(target, &old)?;
                // Marked, so a build killed while removing it leaves nothing for good.
                let marked = mark(&old);
                fs::remove_file(staged.join(MARKER))?;
                if let Err(e) = fs::rename(&staged, target) {
                    // Put the previous output back before reporting.
                    if marked.is_ok() {
                        let _ = fs::remove_file(old.join(MARKER));
                    }
                    let _ = fs::rename(&old, target);
                    return Err(e);
                }
                remove_tree(&old)
            } else {
                fs::remove_file(staged.join(MARKER))?;
                fs::rename(&staged, target)
            }
        })();
        result.map_err(|e| {
            let _ = fs::remove_dir_all(&staged);
            io_error(target, "cannot move the new output into place", e)
        })
    }
}

/// The file that marks a folder as briefgen's own staging (or old output) folder.
const MARKER: &str = ".briefgen-staging";

/// Marks `dir` as a staging folder of this process.
fn mark(dir: &Path) -> io::Result<()> {
    fs::write(
        dir.join(MARKER),
        format!("briefgen staging folder\npid {}\n", std::process::id()),
    )
}

/// Removes the staging and old-output folders beside the output named `name` that an earlier
/// build left behind when it was killed: those carrying briefgen's marker whose process is
/// gone. Anything else is left alone; a folder that cannot be removed is tried again next time.
fn remove_abandoned(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefixes = [format!(".{name}.building-"), format!(".{name}.old-")];
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if !prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            continue;
        }
        // `file_type` does not follow symlinks: a link named like a staging folder is not one.
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let dir = entry.path();
        let Ok(marker) = fs::read_to_string(dir.join(MARKER)) else {
            continue;
        };
        if abandoned(&marker) {
            let _ = remove_tree(&dir);
        }
    }
}

/// Whether the build that wrote `marker` is no longer running.
fn abandoned(marker: &str) -> bool {
    let Some(pid) = marker
        .lines()
        .find_map(|l| l.strip_prefix("pid "))
        .and_then(|p| p.trim().parse::<u32>().ok())
    else {
        return false;
    };
    if pid == std::process::id() {
        return false;
    }
    process_gone(pid)
}

#[cfg(target_os = "linux")]
fn process_gone(pid: u32) -> bool {
    !Path::new("/proc").join(pid.to_string()).exists()
}

/// Without a cheap way to ask, a folder is taken as abandoned only by the next build of a
/// process with another id; two builds into one folder at once are not supported anyway.
#[cfg(not(target_os = "linux"))]
fn process_gone(_pid: u32) -> bool {
    true
}

/// `fs::remove_dir_all`, with sibling folders removed in parallel: deleting the previous output
/// of a large archive (tens of thousands of files) is otherwise a second or so of serial work
/// at the end of every build.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        // `file_type` does not follow symlinks, so a link to a folder is removed, not entered.
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

impl Sink for Staging {
    /// Copies a file of `static/` or `content/`, stamped with its source's modification time.
    /// The copy the previous build published, when it still has the source's size and
    /// modification time, is the same file: it is hard-linked instead (as rsync's quick check
    /// decides), so a rebuild does not copy every image, PDF and font again.
    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        let to = self.dir.path().join(rel);
        if let Some(parent) = to.parent() {
            self.make_parent(parent)?;
        }
        let source = fs::metadata(from)?;
        let stamp = source.modified().ok();
        let previous = self.target.join(rel);
        let unchanged = stamp.is_some()
            && fs::symlink_metadata(&previous).is_ok_and(|m| {
                m.is_file() && m.len() == source.len() && m.modified().ok() == stamp
            });
        if !(unchanged && fs::hard_link(&previous, &to).is_ok()) {
            fs::copy(from, &to)?;
            if let Some(stamp) = stamp {
                // A file whose time cannot be set is still a good copy; it is copied again next time.
                let _ = fs::File::options()
                    .write(true)
                    .open(&to)
                    .and_then(|f| f.set_modified(stamp));
            }
        }
        self.count(source.len());
        Ok(())
    }

    /// Hard-links the file, so a warm build writes no image bytes; copies across file
    /// systems.
    fn link(&self, rel: &str, from: &Path) -> io::Result<()> {
        let to = self.dir.path().join(rel);
        if let Some(parent) = to.parent() {
            self.make_parent(parent)?;
        }
        match fs::hard_link(from, &to) {
            Ok(()) => Ok(()),
            Err(_) => self.copy(rel, from),
        }
    }

    fn expect_files(&self, files: usize) {
        self.expected.store(files as u64, Ordering::Relaxed);
    }

    fn write_failed(&self, rel: &str, error: io::Error) -> Diagnostic {
        if crate::pipeline::is_disk_full(&error) {
            self.disk_full(rel)
        } else {
            Diagnostic::error(Code::Io, format!("cannot write {rel}: {error}"))
        }
    }

    fn write(&self, rel: &str, bytes: Vec<u8>) -> io::Result<()> {
        let to = self.dir.path().join(rel);
        if let Some(parent) = to.parent() {
            self.make_parent(parent)?;
        }
        // A file the previous build already wrote, byte for byte, is hard-linked into the new
        // output instead of written again: on a rebuild most files are unchanged, and a link is
        // one system call where a write allocates, fills and later frees the file's pages. It
        // also keeps the file's modification time, which deploy tools compare.
        let previous = self.target.join(rel);
        if !(holds(&previous, &bytes) && fs::hard_link(&previous, &to).is_ok()) {
            // One write of the whole file: the bytes are already in one buffer.
            fs::File::create(to)?.write_all(&bytes)?;
        }
        self.count(bytes.len() as u64);
        Ok(())
    }
}

/// A size as people read it: `812 KB`, `1.4 GB`.
fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if value < 10.0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

/// Bytes free for this user on the file system holding `dir`.
#[cfg(target_os = "linux")]
fn free_space(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut stat = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: `path` is a valid C string and `stat` is written by the call before it is read.
    if unsafe { libc::statvfs(path.as_ptr(), stat.as_mut_ptr()) } != 0 {
        return None;
    }
    // SAFETY: statvfs returned 0, so it filled `stat`.
    let stat = unsafe { stat.assume_init() };
    // The field types differ between platforms (u32 on some 32-bit ones).
    #[allow(clippy::unnecessary_cast)]
    Some((stat.f_bavail as u64).saturating_mul(stat.f_frsize as u64))
}

#[cfg(not(target_os = "linux"))]
fn free_space(_: &Path) -> Option<u64> {
    None
}

/// Whether `path` is a regular file holding exactly `bytes`. Files of another length are not
/// read.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    // Not through a symlink: the link made next would be to the symlink itself.
    #[cfg(target_os = "linux")]
    let file = {
        use std::os::unix::fs::OpenOptionsExt;
        fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(path)
    };
    #[cfg(not(target_os = "linux"))]
    let file = match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => fs::File::open(path),
        _ => return false,
    };
    let Ok(mut file) = file else {
        return false;
    };
    if !file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
    {
        return false;
    }
    BUFFER.with_borrow_mut(|buffer| {
        // Exactly the expected length, usually in one `read`: `File::read_to_end` would look up
        // the size and position again and read in growing chunks. The buffer only ever grows,
        // so it is zeroed once, not per file.
        if buffer.len() < bytes.len() {
            buffer.resize(bytes.len(), 0);
        }
        let old = &mut buffer[..bytes.len()];
        file.read_exact(old).is_ok() && old == bytes
    })
}

/// The output is replaced wholesale, so it must never be the site itself or a folder of
/// someone's files. Reads only; `check` runs it too.
pub fn check_target(target: &Path, root: &Path) -> Result<(), Diagnostic> {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (t, r) = (canon(target), canon(root));
    if r.starts_with(&t) {
        return Err(Diagnostic::error(
            Code::Output,
            format!(
                "refusing to write the site over {}: it contains the site itself",
                target.display()
            ),
        )
        .with_hint("choose an output folder inside or beside the site, e.g. --output public"));
    }
    if !target.exists() {
        return Ok(());
    }
    if !target.is_dir() {
        return Err(Diagnostic::error(
            Code::Output,
            format!("{} exists and is not a folder", target.display()),
        ));
    }
    let mut entries =
        fs::read_dir(target).map_err(|e| io_error(target, "cannot read the output folder", e))?;
    let empty = entries.next().is_none();
    let looks_built = ["index.html", "404.html", ".nojekyll"]
        .iter()
        .any(|f| target.join(f).exists());
    if empty || looks_built {
        Ok(())
    } else {
        Err(Diagnostic::error(
            Code::Output,
            format!(
                "refusing to replace {}: it does not look like a briefgen output folder",
                target.display()
            ),
        )
        .with_hint("empty it, or choose another folder with --output"))
    }
}

fn io_error(path: &Path, what: &str, e: io::Error) -> Diagnostic {
    Diagnostic::error(Code::Io, format!("{what}: {e}")).in_file(path)
}
