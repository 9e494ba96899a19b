//! The short fingerprint of an SOP's sources, printed in every page footer and reported
//! by `check --format json`, so a signed printout can be matched to the exact revision
//! of the YAML it came from.

use sha2::{Digest, Sha256};

use crate::model::{Sop, Workspace};
use crate::source::SourceMap;

/// First 8 hex digits of SHA-256 over the organisation file and the SOP file.
pub fn fingerprint(sources: &SourceMap, ws: &Workspace, sop: &Sop) -> String {
    let mut h = Sha256::new();
    h.update(sources.get(ws.org.file).text.as_bytes());
    h.update([0u8]);
    h.update(sources.get(sop.file).text.as_bytes());
    let digest = h.finalize();
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}
