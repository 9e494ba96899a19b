//! The minimum Rust version that Cargo.toml and the README state is the true one: no
//! locked dependency built for this platform needs a newer compiler.

use std::process::Command;

fn version(s: &str) -> Vec<u32> {
    s.split('.').map(|p| p.parse().unwrap()).collect()
}

#[test]
fn stated_rust_version_covers_every_locked_dependency() {
    let root = env!("CARGO_MANIFEST_DIR");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", "x86_64-unknown-linux-gnu"])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Only the packages of the resolved graph for this platform are built.
    let built: std::collections::BTreeSet<&str> = meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    let mut ours = None;
    let mut newest: Option<(Vec<u32>, String)> = None;
    for p in meta["packages"].as_array().unwrap() {
        let (Some(id), Some(rv)) = (p["id"].as_str(), p["rust_version"].as_str()) else {
            continue;
        };
        if p["name"] == "sopc" {
            ours = Some(version(rv));
        } else if built.contains(id) && newest.as_ref().is_none_or(|(v, _)| version(rv) > *v) {
            newest = Some((version(rv), format!("{} {}", p["name"], p["version"])));
        }
    }
    let ours = ours.expect("rust-version in Cargo.toml");
    let (needed, by) = newest.unwrap();
    assert!(
        ours >= needed,
        "Cargo.toml says {ours:?}, {by} needs {needed:?}"
    );
    let stated = format!("{}.{}", ours[0], ours[1]);
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    assert!(
        readme.contains(&format!("Rust ({stated} or later")),
        "README does not state {stated}"
    );
}
