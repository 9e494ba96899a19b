//! `BLESS=1` makes a golden test rewrite its expected files instead of comparing them.
//! Only the value `1` does: unset, empty and `0` compare, and any other value is refused,
//! so that `BLESS=0` or `BLESS=no` never rewrites a golden file by accident.

/// What a value of `BLESS` asks for: `Ok(true)` rewrite, `Ok(false)` compare.
pub fn parse(value: Option<&str>) -> Result<bool, String> {
    match value {
        None | Some("") | Some("0") => Ok(false),
        Some("1") => Ok(true),
        Some(other) => Err(format!(
            "BLESS={other:?}: write BLESS=1 to rewrite the golden files, or leave it unset"
        )),
    }
}

/// True when this run rewrites the golden files (`BLESS=1`); panics on another value.
pub fn bless() -> bool {
    let value = std::env::var("BLESS").ok();
    parse(value.as_deref()).unwrap_or_else(|e| panic!("{e}"))
}
