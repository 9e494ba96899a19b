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
    /// there is one. Other files of `dir` are added too, so an override can include its
    /// own partials. A template that does not parse gives [`HtmlError::Template`] with
    /// its file, line and column.
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
            let link = entry.file_type().is_ok_and(|t| t.is_symlink());
            if name.starts_with('.') || !(link || path.is_file()) {
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
            let text = std::fs::read_to_string(&path).map_err(|source| HtmlError::Io {
                path: path.clone(),
                source,
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
