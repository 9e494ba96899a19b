//! Writing output files so that each appears whole or not at all: bytes go to a hidden
//! temporary file in the same folder, which is then renamed over the target. An
//! interrupted or failed build leaves the previous outputs intact, and two builds
//! writing the same folder never interleave their bytes in one file.
//!
//! The temporary files being written are registered, so that a build stopped by
//! Ctrl-C ([`abandon`]) removes them before it exits; those of a build killed outright
//! are removed by the next build ([`clean_temporaries`]).
//!
//! Files are not `fsync`ed: they are derived from the sources and the next build writes
//! them again, while a sync per file cost more than rendering (a build of the 14 seed
//! SOPs took 0.34 s of wall time for 0.14 s of CPU). Only a crash of the whole machine
//! could leave a file short, never a killed or failing build.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use anyhow::{Context, Result};

/// Suffix of temporary files; leftovers of a killed build are removed by the next one.
pub const TEMP_SUFFIX: &str = ".sopc-tmp";

/// The temporary files being written now.
static IN_FLIGHT: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

fn in_flight() -> MutexGuard<'static, BTreeSet<PathBuf>> {
    // A panic while the lock was held leaves a set that is still right.
    IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner())
}

/// Removes every temporary file being written and keeps any other from being created,
/// for a build that is about to exit on a signal. Whatever was renamed into place is
/// whole; whatever was not is gone.
pub fn abandon() {
    let set = in_flight();
    for tmp in set.iter() {
        let _ = fs::remove_file(tmp);
    }
    // Keep the lock until the process exits: `write_atomic` creates its temporary
    // file only while holding it.
    std::mem::forget(set);
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.append(bytes)?;
    file.commit()
}

/// Replaces the contents of an existing file the way an editor saving it would: a
/// symbolic link keeps being a link (its target is written), the mode, owner and group
/// stay, and a file with several hard links is rewritten in place so that every name
/// keeps sharing it. Otherwise the new contents appear atomically.
pub fn rewrite_in_place(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let real = fs::canonicalize(path).with_context(|| format!("reading `{}`", path.display()))?;
    let meta = fs::metadata(&real).with_context(|| format!("reading `{}`", path.display()))?;
    if meta.nlink() > 1 {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&real)
            .with_context(|| format!("writing `{}`", real.display()))?;
        return f
            .write_all(bytes)
            .and_then(|()| f.flush())
            .with_context(|| format!("writing `{}`", real.display()));
    }
    let mut file = AtomicFile::create(&real)?;
    file.append(bytes)?;
    file.commit_like(&meta)
}

/// A file written in pieces that appears at its path whole, on [`AtomicFile::commit`],
/// or not at all: dropped uncommitted (an error on the way), it is removed.
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<std::io::BufWriter<fs::File>>,
}

impl AtomicFile {
    /// Starts writing `path`.
    pub fn create(path: &Path) -> Result<AtomicFile> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(
            ".{name}.{}.{}{TEMP_SUFFIX}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let created = {
            let mut set = in_flight();
            set.insert(tmp.clone());
            fs::File::create(&tmp)
        };
        match created {
            Ok(f) => Ok(AtomicFile {
                path: path.to_path_buf(),
                tmp,
                file: Some(std::io::BufWriter::with_capacity(1 << 16, f)),
            }),
            Err(e) => {
                in_flight().remove(&tmp);
                Err(e).with_context(|| format!("creating `{}`", tmp.display()))
            }
        }
    }

    /// Appends `bytes`.
    pub fn append(&mut self, bytes: &[u8]) -> Result<()> {
        let tmp = &self.tmp;
        self.file
            .as_mut()
            .map_or(Ok(()), |f| f.write_all(bytes))
            .with_context(|| format!("writing `{}`", tmp.display()))
    }

    /// Puts the file in place with the mode, owner and group of `like` (the owner and
    /// group where permitted).
    pub fn commit_like(self, like: &fs::Metadata) -> Result<()> {
        use std::os::unix::fs::MetadataExt;
        fs::set_permissions(&self.tmp, like.permissions())
            .with_context(|| format!("writing `{}`", self.tmp.display()))?;
        // Changing the owner needs privileges; the group, membership. What cannot be
        // kept is left as the writer's.
        let _ = std::os::unix::fs::chown(&self.tmp, Some(like.uid()), Some(like.gid()));
        let _ = std::os::unix::fs::chown(&self.tmp, None, Some(like.gid()));
        self.commit()
    }

    /// Puts the file in place.
    pub fn commit(mut self) -> Result<()> {
        let Some(file) = self.file.take() else {
            return Ok(());
        };
        file.into_inner()
            .map_err(std::io::IntoInnerError::into_error)
            .with_context(|| format!("writing `{}`", self.tmp.display()))?;
        fs::rename(&self.tmp, &self.path)
            .with_context(|| format!("writing `{}`", self.path.display()))?;
        in_flight().remove(&self.tmp);
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.file.as_mut() {
            Some(f) => f.write(buf),
            None => Ok(buf.len()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.as_mut().map_or(Ok(()), Write::flush)
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // Not committed (or the rename failed): the temporary file goes.
        if self.file.take().is_some() || self.tmp.exists() {
            let _ = fs::remove_file(&self.tmp);
        }
        in_flight().remove(&self.tmp);
    }
}

/// Set once standard output has been closed by its reader; nothing more is printed.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
/// Set once standard error cannot be written; nothing more is printed there.
static STDERR_CLOSED: AtomicBool = AtomicBool::new(false);

/// Whether standard error may carry colour: only then do its SGR escape sequences pass.
static COLOR: AtomicBool = AtomicBool::new(false);

/// Says whether the diagnostics printed to standard error are coloured.
pub fn set_color(on: bool) {
    COLOR.store(on, Ordering::Relaxed);
}

/// A text for a terminal: every control character (other than line feed and tab) and
/// every bidirectional override is written as `<U+001B>`, so that a name, key or path
/// read from a file cannot move the cursor, retitle the window or reorder the line. With
/// `keep_color`, colour sequences (`ESC [ … m`) pass.
pub fn escape_controls(text: &str, keep_color: bool) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| crate::model::lower::text_rules::is_control(c) && !matches!(c, '\n' | '\t');
    if !text.chars().any(bad) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}' && keep_color {
            let params = rest[1..].strip_prefix('[').map(|p| {
                p.len()
                    - p.trim_start_matches(|d: char| d.is_ascii_digit() || d == ';')
                        .len()
            });
            if let Some(n) = params {
                if rest[2 + n..].starts_with('m') {
                    out.push_str(&rest[..3 + n]);
                    rest = &rest[3 + n..];
                    continue;
                }
            }
        }
        if bad(c) {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    std::borrow::Cow::Owned(out)
}

/// Standard output or standard error, the one way sopc prints. A reader that stops
/// early (`sopc check | head -1`) closes the pipe; that is not a failure of the command:
/// printing stops, the command finishes its files and exits with its usual code. No
/// write ever panics.
#[derive(Debug, Clone, Copy)]
pub struct Printer {
    err: bool,
}

/// Standard output through the [`Printer`].
pub fn stdout() -> Printer {
    Printer { err: false }
}

/// Standard error through the [`Printer`].
pub fn stderr() -> Printer {
    Printer { err: true }
}

impl Printer {
    fn closed(self) -> &'static AtomicBool {
        if self.err {
            &STDERR_CLOSED
        } else {
            &STDOUT_CLOSED
        }
    }

    /// Writes `bytes` whole, flushed. A closed pipe ends printing quietly; on stderr,
    /// any failure does (there is nowhere left to report it). On stdout another failure
    /// (a full disk) is an error.
    pub fn emit(self, bytes: &[u8]) -> std::io::Result<()> {
        let closed = self.closed();
        if closed.load(Ordering::Relaxed) {
            return Ok(());
        }
        let result = if self.err {
            // Everything on standard error is for a terminal.
            let text = String::from_utf8_lossy(bytes);
            let text = escape_controls(&text, COLOR.load(Ordering::Relaxed));
            let mut e = std::io::stderr().lock();
            e.write_all(text.as_bytes()).and_then(|()| e.flush())
        } else {
            let mut o = std::io::stdout().lock();
            o.write_all(bytes).and_then(|()| o.flush())
        };
        match result {
            Err(e) if self.err || e.kind() == std::io::ErrorKind::BrokenPipe => {
                closed.store(true, Ordering::Relaxed);
                Ok(())
            }
            r => r,
        }
    }
}

impl Write for Printer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.emit(buf).map(|()| buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Prints a line to standard error through the [`Printer`]: `eprintln!` that never
/// panics.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = $crate::output::stderr().emit(format!("{}\n", format_args!($($arg)*)).as_bytes());
    }};
}

/// Writes a command's output to stdout (see [`Printer`]).
pub fn print_stdout(text: &str) -> Result<()> {
    stdout()
        .emit(text.as_bytes())
        .context("writing to standard output")
}

/// Refuses a target a command would write over wrongly: a source file read in this run
/// (never, even with `force`), a YAML file of a folder of SOPs read, or an existing file
/// that is not of the kind the command writes (`kinds`: extensions) unless `force`.
pub fn check_target(
    path: &Path,
    kinds: &[&str],
    sources: &[PathBuf],
    folders: &[PathBuf],
    force: bool,
) -> Result<()> {
    let Ok(meta) = fs::metadata(path) else {
        return Ok(());
    };
    let real = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let ext = real
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let in_folder = real.parent().is_some_and(|p| {
        folders
            .iter()
            .any(|f| fs::canonicalize(f).is_ok_and(|f| f == p))
    });
    let is_source = sources
        .iter()
        .any(|s| fs::canonicalize(s).is_ok_and(|s| s == real))
        || (in_folder && matches!(ext.as_str(), "yaml" | "yml"));
    if is_source {
        anyhow::bail!(
            "refusing to write over `{}`: it is a source file of the SOPs read",
            path.display()
        );
    }
    if !meta.is_file() {
        anyhow::bail!("refusing to write over `{}`: not a file", path.display());
    }
    if !force && !kinds.contains(&ext.as_str()) {
        anyhow::bail!(
            "refusing to replace `{}`: it is not a .{} file; give --force to replace it",
            path.display(),
            kinds.join(", .")
        );
    }
    Ok(())
}

/// Removes temporary files left in `dir` by a build that was killed.
pub fn clean_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(TEMP_SUFFIX) {
            // Only files of processes that are gone: ours carry our pid.
            let pid_alive = name
                .trim_end_matches(TEMP_SUFFIX)
                .rsplit('.')
                .nth(1)
                .and_then(|p| p.parse::<u32>().ok())
                .is_some_and(|pid| Path::new(&format!("/proc/{pid}")).exists());
            if !pid_alive {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.pdf");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn control_characters_are_escaped_for_the_terminal() {
        let raw = "a\u{1b}]0;title\u{7}b\u{202e}c\n\t\u{1b}[1;31mred\u{1b}[0m";
        assert_eq!(
            escape_controls(raw, false),
            "a<U+001B>]0;title<U+0007>b<U+202E>c\n\t<U+001B>[1;31mred<U+001B>[0m"
        );
        assert_eq!(
            escape_controls(raw, true),
            "a<U+001B>]0;title<U+0007>b<U+202E>c\n\t\u{1b}[1;31mred\u{1b}[0m"
        );
        assert!(matches!(
            escape_controls("plain – é", false),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn stale_temporaries_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(format!(".a.pdf.999999999.0{TEMP_SUFFIX}"));
        fs::write(&stale, b"x").unwrap();
        clean_temporaries(dir.path());
        assert!(!stale.exists());
    }
}
