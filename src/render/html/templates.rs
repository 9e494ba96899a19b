//! The tera templates: built in from `templates/`, or overridden by file name from a
//! folder (`--templates DIR`).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use tera::{Context, ErrorKind, Tera};

use super::HtmlError;

/// The built-in templates, by name. tera autoescapes only templates whose name ends in
/// `.html`; `style.css` is only ever included from an `.html` template, whose escaping
/// applies, and holds no expressions.
const BUILTIN: [(&str, &str); 4] = [
    (
        "document.html",
        include_str!("../../../templates/document.html"),
    ),
    ("page.html", include_str!("../../../templates/page.html")),
    ("index.html", include_str!("../../../templates/index.html")),
    ("style.css", include_str!("../../../templates/style.css")),
];

/// The template set used to write HTML (a tera 2 instance).
#[derive(Clone)]
pub struct Templates {
    tera: Tera,
    /// Where each template came from, for error messages.
    origins: BTreeMap<String, PathBuf>,
}

impl fmt::Debug for Templates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Templates")
            .field("origins", &self.origins)
            .finish_non_exhaustive()
    }
}

impl Templates {
    /// The templates built into the binary (`templates/` of the repository).
    pub fn builtin() -> Result<Templates, HtmlError> {
        Templates::build(BTreeMap::new())
    }

    /// The built-in templates, each replaced by the file of the same name in `dir` when
    /// there is one. Only these names are read, each of at most
    /// [`crate::limits::MAX_TEMPLATE_BYTES`], and none through a link out of `dir`. A
    /// template that does not parse gives [`HtmlError::Template`] with its file, line and
    /// column.
    pub fn load(dir: &Path) -> Result<Templates, HtmlError> {
        let io = |source| HtmlError::Io {
            path: dir.to_path_buf(),
            source,
        };
        let root = std::fs::canonicalize(dir).map_err(io)?;
        let mut files = BTreeMap::new();
        for entry in std::fs::read_dir(dir).map_err(io)? {
            let entry = entry.map_err(io)?;
            let path = entry.path();
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            // Only the templates sopc knows are read; anything else in the folder is
            // not a template of it.
            if !BUILTIN.iter().any(|(known, _)| *known == name) {
                continue;
            }
            // The rule of every input: a link out of the folder is refused unread.
            match crate::load::confined(&root, &path) {
                Ok(_) => {}
                Err(crate::load::Refusal::Outside) => {
                    return Err(HtmlError::Template {
                        file: path,
                        line: None,
                        column: None,
                        message: "a symbolic link that leads out of the templates folder; it was not read".to_string(),
                    });
                }
                // A link to a folder, or a broken one, is no template.
                Err(crate::load::Refusal::NotRegular) => continue,
            }
            let io_error = |source| HtmlError::Io {
                path: path.clone(),
                source,
            };
            let mut bytes = Vec::new();
            {
                use std::io::Read;
                std::fs::File::open(&path)
                    .and_then(|f| {
                        f.take(crate::limits::MAX_TEMPLATE_BYTES as u64 + 1)
                            .read_to_end(&mut bytes)
                    })
                    .map_err(io_error)?;
            }
            if bytes.len() > crate::limits::MAX_TEMPLATE_BYTES {
                return Err(HtmlError::Template {
                    file: path,
                    line: None,
                    column: None,
                    message: format!(
                        "larger than {} KiB; a template is a page of markup",
                        crate::limits::MAX_TEMPLATE_BYTES / 1024
                    ),
                });
            }
            let text = String::from_utf8(bytes).map_err(|_| HtmlError::Template {
                file: path.clone(),
                line: None,
                column: None,
                message: "not UTF-8".to_string(),
            })?;
            files.insert(name, (path, text));
        }
        Templates::build(files)
    }

    /// Adds the built-ins and `overrides` (name → file and text) in one batch, so that
    /// includes between them resolve whatever the order.
    fn build(overrides: BTreeMap<String, (PathBuf, String)>) -> Result<Templates, HtmlError> {
        let mut origins: BTreeMap<String, PathBuf> = BUILTIN
            .iter()
            .map(|(name, _)| (name.to_string(), Path::new("templates").join(name)))
            .collect();
        let mut sources: BTreeMap<&str, &str> = BUILTIN.iter().copied().collect();
        for (name, (path, text)) in &overrides {
            origins.insert(name.clone(), path.clone());
            sources.insert(name, text);
        }
        let mut tera = Tera::default();
        let result = tera.add_raw_templates(sources);
        let templates = Templates { tera, origins };
        match result {
            Ok(()) => Ok(templates),
            Err(e) => Err(templates.error(&e)),
        }
    }

    /// Renders template `name` with `context`.
    pub(crate) fn render(&self, name: &str, context: &Context) -> Result<String, HtmlError> {
        // A template of the user's may loop for ever: a watchdog ends the run.
        let _guard = (self.origins.len() > BUILTIN.len()
            || self
                .origins
                .iter()
                .any(|(n, p)| *p != Path::new("templates").join(n)))
        .then(|| watchdog::Guard::start(self.origins.get(name).cloned()));
        self.tera.render(name, context).map_err(|e| self.error(&e))
    }

    /// An error in template `name` as a whole.
    pub(crate) fn error_in(&self, name: &str, message: &str) -> HtmlError {
        HtmlError::Template {
            file: self
                .origins
                .get(name)
                .cloned()
                .unwrap_or_else(|| PathBuf::from(name)),
            line: None,
            column: None,
            message: message.to_string(),
        }
    }

    /// Turns a tera error into one that names the template's file, line and column.
    fn error(&self, e: &tera::Error) -> HtmlError {
        let file = |name: &str| {
            self.origins
                .get(name)
                .cloned()
                .unwrap_or_else(|| PathBuf::from(name))
        };
        match e.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let span = report.span();
                HtmlError::Template {
                    file: file(report.filename()),
                    line: Some(span.start_line),
                    column: Some(span.start_col + 1),
                    message: report.message().to_string(),
                }
            }
            ErrorKind::TemplateNotFound(name) => HtmlError::Template {
                file: file(name),
                line: None,
                column: None,
                message: "template not found".to_string(),
            },
            ErrorKind::MissingParent { current, parent } => HtmlError::Template {
                file: file(current),
                line: None,
                column: None,
                message: format!("extends `{parent}`, which does not exist"),
            },
            ErrorKind::CircularExtend { tpl, .. } | ErrorKind::CircularInclude { tpl, .. } => {
                HtmlError::Template {
                    file: file(tpl),
                    line: None,
                    column: None,
                    message: e.to_string(),
                }
            }
            _ => HtmlError::Template {
                file: PathBuf::from("templates"),
                line: None,
                column: None,
                message: full_message(e),
            },
        }
    }
}

/// The message of an error and of its sources.
fn full_message(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

/// Bounds the time of rendering a template from `--templates`: a page that takes longer
/// than [`crate::limits::MAX_TEMPLATE_SECONDS`] ends the run with an error (the files
/// half written are removed, those in place are whole). tera cannot be stopped from the
/// outside, so the process is.
mod watchdog {
    use std::path::PathBuf;
    use std::sync::Mutex;
    use std::time::{Duration, Instant};

    /// Renders under way: a number, when each started, and the template's file.
    static RUNNING: Mutex<Vec<(u64, Instant, Option<PathBuf>)>> = Mutex::new(Vec::new());
    static STARTED: std::sync::Once = std::sync::Once::new();
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

    /// One render under watch; dropping it ends the watch.
    pub struct Guard(u64);

    impl Guard {
        pub fn start(file: Option<PathBuf>) -> Guard {
            STARTED.call_once(|| {
                std::thread::spawn(watch);
            });
            let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            lock().push((id, Instant::now(), file));
            Guard(id)
        }
    }

    impl Drop for Guard {
        fn drop(&mut self) {
            lock().retain(|(id, _, _)| *id != self.0);
        }
    }

    fn lock() -> std::sync::MutexGuard<'static, Vec<(u64, Instant, Option<PathBuf>)>> {
        RUNNING.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn watch() {
        let limit = Duration::from_secs(crate::limits::MAX_TEMPLATE_SECONDS);
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let late = lock()
                .iter()
                .find(|(_, t, _)| t.elapsed() > limit)
                .map(|(_, _, f)| f.clone());
            if let Some(file) = late {
                crate::output::abandon();
                crate::say!(
                    "error: template `{}` took more than {} s to render a page (a loop too long?); nothing more was written",
                    file.map_or_else(|| "?".to_string(), |f| f.display().to_string()),
                    crate::limits::MAX_TEMPLATE_SECONDS
                );
                std::process::exit(crate::cli::EXIT_FAILURE);
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_finished_render_is_no_longer_watched() {
            // Else a long run (a book of many SOPs) would be stopped once its first
            // page was older than the limit.
            let guard = Guard::start(None);
            let id = guard.0;
            assert!(lock().iter().any(|(k, _, _)| *k == id));
            drop(guard);
            assert!(!lock().iter().any(|(k, _, _)| *k == id));
        }
    }
}
