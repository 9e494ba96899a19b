//! `sopc schema`: a JSON Schema (draft-07) of an SOP file or of `organisasi.yaml`,
//! generated from [`crate::model::shape`], for completion and validation in editors
//! through yaml-language-server.
//!
//! The schema follows what lowering accepts: a list may be written as a single item,
//! numbers and booleans are accepted as text, choices ignore case, and an optional key
//! may be left empty (`revisi: null`). Unknown keys are rejected, as lowering does.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::model::shape::{self, Field, Kind, MapShape};

/// Which file a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// An SOP file (`<id>.yaml`).
    Sop,
    /// `organisasi.yaml`.
    Organisation,
}

/// A JSON value whose objects keep their keys in the order written, so the schema
/// lists properties in canonical key order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number.
    Num(f64),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object, keys in order.
    Obj(Vec<(String, Json)>),
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Num(n) if n.fract() == 0.0 && n.abs() < 1e15 => s.serialize_i64(*n as i64),
            Json::Num(n) => s.serialize_f64(*n),
            Json::Str(t) => s.serialize_str(t),
            Json::Arr(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for i in items {
                    seq.serialize_element(i)?;
                }
                seq.end()
            }
            Json::Obj(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

fn s(t: &str) -> Json {
    Json::Str(t.to_string())
}

fn obj(entries: Vec<(&str, Json)>) -> Json {
    Json::Obj(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

fn types(names: &[&str]) -> Json {
    match names {
        [one] => s(one),
        _ => Json::Arr(names.iter().map(|n| s(n)).collect()),
    }
}

/// The pattern of an id, as `model::lower::is_valid_id` accepts it.
pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9_-]{0,63}$";

/// The pattern of a date (`model::Date::parse` then checks the calendar).
pub const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// The pattern of an SOP's date, with or without the day.
pub const DATE_OR_MONTH_PATTERN: &str = "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$";

/// A regex character class for each letter in both cases: `jam` → `[jJ][aA][mM]`,
/// because JSON Schema patterns have no case-insensitive flag.
fn any_case(word: &str) -> String {
    word.chars()
        .map(|c| {
            if c == ' ' {
                "\\s+".to_string()
            } else if c.is_ascii_alphabetic() {
                format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase())
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The pattern of a *waktu*, from the unit words of `model::waktu`.
pub fn waktu_pattern() -> String {
    let number = "[0-9]+([.,][0-9]*)?";
    let units: Vec<String> = shape::units().map(any_case).collect();
    format!(
        "^\\s*({number}\\s*[xX×]\\s*)?{number}\\s*(-\\s*{number}\\s*)?({})\\s*$",
        units.join("|")
    )
}

/// The pattern of a *waktu* that is a text, not a quantity: no digit, and not starting
/// with a number in words (`lima menit` is a quantity written wrongly).
pub fn waktu_text_pattern() -> String {
    let words: Vec<String> = crate::model::waktu::NUMBER_WORDS
        .iter()
        .map(|w| any_case(w))
        .collect();
    format!(
        "^(?!\\s*({})(\\s|$))[^0-9]*[^0-9\\s–—-][^0-9]*$",
        words.join("|")
    )
}

fn kind_schema(kind: &Kind) -> Json {
    let text = || obj(vec![("type", types(&["string", "number", "boolean"]))]);
    let either = |a: Json, b: Json| obj(vec![("anyOf", Json::Arr(vec![a, b]))]);
    let array = |items: Json| obj(vec![("type", s("array")), ("items", items)]);
    let id = || obj(vec![("type", s("string")), ("pattern", s(ID_PATTERN))]);
    match kind {
        Kind::Text => text(),
        Kind::Texts => either(text(), array(text())),
        Kind::Id => id(),
        Kind::Ids => either(id(), array(id())),
        Kind::Date => obj(vec![("type", s("string")), ("pattern", s(DATE_PATTERN))]),
        Kind::DateOrMonth => obj(vec![
            ("type", s("string")),
            ("pattern", s(DATE_OR_MONTH_PATTERN)),
        ]),
        // A quantity, `-`, or a text without digits (`Sesuai kebutuhan`).
        Kind::Waktu => obj(vec![
            ("type", s("string")),
            (
                "anyOf",
                Json::Arr(vec![
                    obj(vec![("pattern", Json::Str(waktu_pattern()))]),
                    obj(vec![("pattern", s("^\\s*[-–—]\\s*$"))]),
                    obj(vec![("pattern", Json::Str(waktu_text_pattern()))]),
                ]),
            ),
        ]),
        Kind::Bool => obj(vec![("type", s("boolean"))]),
        Kind::Integer { min, max } => obj(vec![
            ("type", s("integer")),
            ("minimum", Json::Num(*min as f64)),
            ("maximum", Json::Num(*max as f64)),
        ]),
        Kind::Number { min, max } => obj(vec![
            ("type", s("number")),
            ("minimum", Json::Num(*min)),
            ("maximum", Json::Num(*max)),
        ]),
        Kind::Choice(words) => {
            let alternatives: Vec<String> = words.iter().map(|w| any_case(w)).collect();
            obj(vec![
                ("type", s("string")),
                (
                    "anyOf",
                    Json::Arr(vec![
                        obj(vec![(
                            "enum",
                            Json::Arr(words.iter().map(|w| s(w)).collect()),
                        )]),
                        obj(vec![(
                            "pattern",
                            Json::Str(format!("^({})$", alternatives.join("|"))),
                        )]),
                    ]),
                ),
            ])
        }
        Kind::TextPair => obj(vec![
            ("type", s("array")),
            ("items", text()),
            ("minItems", Json::Num(2.0)),
            ("maxItems", Json::Num(2.0)),
        ]),
        Kind::Map(m) => map_schema(m),
        Kind::List(k) => array(kind_schema(k)),
        Kind::OneOrList(k) => either(kind_schema(k), array(kind_schema(k))),
        Kind::Dict(k) => obj(vec![
            ("type", s("object")),
            ("propertyNames", id()),
            ("additionalProperties", kind_schema(k)),
        ]),
        Kind::Glossary(k) => obj(vec![
            ("type", s("object")),
            ("additionalProperties", kind_schema(k)),
        ]),
        Kind::Either(kinds) => obj(vec![(
            "anyOf",
            Json::Arr(kinds.iter().map(kind_schema).collect()),
        )]),
    }
}

/// A property: its description, then the schema of its kind; an optional key may
/// also be null, as lowering treats an empty value as absent.
fn field_schema(f: &Field) -> Json {
    let mut entries = vec![("description".to_string(), s(f.doc))];
    let kind = kind_schema(&f.kind);
    if f.required {
        if let Json::Obj(inner) = kind {
            entries.extend(inner);
        }
    } else {
        entries.push((
            "anyOf".to_string(),
            Json::Arr(vec![kind, obj(vec![("type", s("null"))])]),
        ));
    }
    Json::Obj(entries)
}

fn map_schema(m: &MapShape) -> Json {
    let properties = m
        .keys
        .iter()
        .map(|k| {
            let schema = m.field(k).map_or(Json::Obj(Vec::new()), field_schema);
            (k.to_string(), schema)
        })
        .collect();
    let required: Vec<Json> = m
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| s(f.key))
        .collect();
    let mut entries = vec![
        ("type", s("object")),
        ("title", s(m.title)),
        ("properties", Json::Obj(properties)),
    ];
    if !required.is_empty() {
        entries.push(("required", Json::Arr(required)));
    }
    entries.push(("additionalProperties", Json::Bool(false)));
    obj(entries)
}

/// The JSON Schema of a kind of file.
pub fn schema(target: Target) -> Json {
    let root = match target {
        Target::Sop => &shape::SOP,
        Target::Organisation => &shape::ORGANISATION,
    };
    let mut entries = vec![(
        "$schema".to_string(),
        s("http://json-schema.org/draft-07/schema#"),
    )];
    if let Json::Obj(inner) = map_schema(root) {
        entries.extend(inner);
    }
    Json::Obj(entries)
}

/// The schema as pretty-printed JSON with a final newline.
pub fn to_string(target: Target) -> String {
    let mut out = serde_json::to_string_pretty(&schema(target)).unwrap_or_default();
    out.push('\n');
    out
}

/// The schema files of a folder of SOPs, by the names `sopc init` writes and the
/// modelines of `sopc new` name.
pub const FILES: [(&str, Target); 2] = [
    ("sop.schema.json", Target::Sop),
    ("organisasi.schema.json", Target::Organisation),
];

/// `sopc schema --write DIR`: writes both schema files into `dir` (which must exist).
pub fn write_files(dir: &std::path::Path, quiet: bool) -> anyhow::Result<i32> {
    use anyhow::Context;
    anyhow::ensure!(
        dir.is_dir(),
        "no folder {}: give the folder of SOPs, e.g. `sopc schema --write sops`",
        dir.display()
    );
    for (name, target) in FILES {
        let path = dir.join(name);
        std::fs::write(&path, to_string(target))
            .with_context(|| format!("writing {}", path.display()))?;
        if !quiet {
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(0)
}

/// `sopc schema --check DIR`: 0 when both schema files in `dir` are this sopc's, else
/// 1, naming each file that is missing or differs and the command that renews them.
pub fn check_files(dir: &std::path::Path, quiet: bool) -> anyhow::Result<i32> {
    let mut stale = 0;
    for (name, target) in FILES {
        let path = dir.join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) if text.replace("\r\n", "\n") == to_string(target) => {}
            Ok(_) => {
                stale += 1;
                eprintln!("{}: not the schema of this sopc", path.display());
            }
            Err(_) => {
                stale += 1;
                eprintln!("{}: missing", path.display());
            }
        }
    }
    if stale > 0 {
        eprintln!(
            "renew the schemas with `sopc schema --write {}`",
            dir.display()
        );
        return Ok(1);
    }
    if !quiet {
        eprintln!("the schemas in {} are current", dir.display());
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;
    use crate::syntax::{Node, Value};

    /// The YAML tree as JSON, the way yaml-language-server sees the file.
    fn to_json(node: &Node, file: &crate::source::SourceFile) -> serde_json::Value {
        use serde_json::Value as J;
        match &node.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => J::from(*f),
            Value::Str(t) => J::String(t.clone()),
            Value::Seq(items) => J::Array(items.iter().map(|i| to_json(i, file)).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.key_text(file), to_json(v, file)))
                    .collect(),
            ),
        }
    }

    fn validator(target: Target) -> jsonschema::Validator {
        let schema: serde_json::Value =
            serde_json::from_str(&to_string(target)).expect("schema is JSON");
        jsonschema::draft7::new(&schema).expect("schema compiles")
    }

    fn errors(target: Target, name: &str, text: &str) -> Vec<String> {
        let mut sm = crate::source::SourceMap::new();
        let id = sm.add(name, text);
        let tree = crate::syntax::parse(id, sm.get(id)).expect("parses");
        let value = to_json(&tree, sm.get(id));
        validator(target)
            .iter_errors(&value)
            .map(|e| format!("{name}: {} at {}", e, e.instance_path()))
            .collect()
    }

    fn sops_dir() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sops")
    }

    #[test]
    fn every_file_of_sops_is_valid() {
        let dir = sops_dir();
        let org = std::fs::read_to_string(dir.join("organisasi.yaml")).unwrap();
        let errs = errors(Target::Organisation, "organisasi.yaml", &org);
        assert!(errs.is_empty(), "{errs:#?}");
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if !load::is_sop_file(&path) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let errs = errors(Target::Sop, &path.display().to_string(), &text);
            assert!(errs.is_empty(), "{errs:#?}");
            n += 1;
        }
        assert!(n >= 14);
    }

    #[test]
    fn every_example_is_valid() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut n = 0;
        for folder in std::fs::read_dir(&dir).unwrap() {
            for entry in std::fs::read_dir(folder.unwrap().path()).unwrap() {
                let path = entry.unwrap().path();
                let target = if path.file_name().is_some_and(|f| f == "organisasi.yaml") {
                    Target::Organisation
                } else if load::is_sop_file(&path) {
                    Target::Sop
                } else {
                    continue;
                };
                let text = std::fs::read_to_string(&path).unwrap();
                let errs = errors(target, &path.display().to_string(), &text);
                assert!(errs.is_empty(), "{errs:#?}");
                n += 1;
            }
        }
        assert!(n >= 12, "{n}");
    }

    #[test]
    fn the_format_example_is_valid() {
        let doc = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md"),
        )
        .unwrap();
        let example = doc
            .split("## A complete example")
            .nth(1)
            .and_then(|s| s.split("```yaml\n").nth(1))
            .and_then(|s| s.split("```").next())
            .unwrap();
        let errs = errors(Target::Sop, "example", example);
        assert!(errs.is_empty(), "{errs:#?}");
    }

    #[test]
    fn rejects_what_lowering_rejects() {
        let base = "nomor: \"1/2\"\nnama: X\ntanggal: { pembuatan: 2020-01-02, efektif: 2020-01-02 }\npelaksana: [a]\n";
        let bad = [
            "langkah:\n  - { pelaksana: a, kegiatan: X, wakt: 5 menit }\n",
            "langkah:\n  - { pelaksana: a, kegiatan: X, waktu: lima menit }\n",
            "langkah:\n  - { pelaksana: a, kegiatan: X, waktu: 5 detik }\n",
            "langkah:\n  - { pelaksana: Kepala Dinas, kegiatan: X }\n",
            "langkah:\n  - { pelaksana: a }\n",
            "langkah:\n  - { pelaksana: a, kegiatan: X, keputusan: { label: [Ya] } }\n",
            "kegiatan: { jenis: harian }\nlangkah: []\n",
        ];
        for b in bad {
            assert!(
                !errors(Target::Sop, "x", &format!("{base}{b}")).is_empty(),
                "accepted: {b}"
            );
        }
        let good = [
            "langkah:\n  - { pelaksana: a, kegiatan: X, waktu: 1-2 Hari Kerja }\n",
            "langkah:\n  - { pelaksana: a, kegiatan: X, waktu: Sesuai kebutuhan, output: \"-\" }\n",
            "langkah:\n  - { pelaksana: a, kegiatan: X, waktu: { nilai: 1 x 24 jam, baris: 2 } }\n  - { pelaksana: a, kegiatan: Y, waktu: \"-\" }\n",
            "langkah:\n  - { pelaksana: [a, b], kegiatan: 12, tahap: Awal }\n",
            "keterkaitan: [x, { luar: SOP lain }]\nlangkah: []\n",
            "keterkaitan: x\nmasukan: Surat\npengesah: null\nlangkah: []\n",
        ];
        for g in good {
            let errs = errors(Target::Sop, "x", &format!("{base}{g}"));
            assert!(errs.is_empty(), "{g}: {errs:#?}");
        }
    }

    #[test]
    fn waktu_pattern_agrees_with_the_parser() {
        let re = regex_lite(&waktu_pattern());
        for t in [
            "5 menit",
            "1,5 jam",
            "2 hari kerja",
            "1-2 hari",
            "1 Minggu",
            "3 pekan",
            "1 bulan",
            "1 tahun",
            "1 semester",
            "2 Triwulan",
            "1 x 24 jam",
            "1x24 jam",
            " 10  MENIT ",
            "5menit",
            "lima menit",
            "5",
            "5 detik",
            "menit",
        ] {
            assert_eq!(re(t), crate::model::Duration::parse(t).is_ok(), "{t}");
        }
        let text = regex_lite(&waktu_text_pattern());
        for t in [
            "Sesuai kebutuhan",
            "Setiap hari",
            "lima menit",
            "Lima hari",
            "5 hari",
            "-",
        ] {
            assert_eq!(
                text(t),
                matches!(
                    crate::model::waktu::Waktu::read(t),
                    Ok(crate::model::waktu::Waktu::Text(_))
                ),
                "{t}"
            );
        }
    }

    /// Matches with the validator itself, so the test uses the same regex engine.
    fn regex_lite(pattern: &str) -> impl Fn(&str) -> bool + use<> {
        let v =
            jsonschema::draft7::new(&serde_json::json!({ "type": "string", "pattern": pattern }))
                .unwrap();
        move |t: &str| v.is_valid(&serde_json::json!(t))
    }
}
