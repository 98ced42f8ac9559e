//! The files folder: attachment bytes on disk, named by their SHA-256, shared by petition
//! attachments and record files (directives, "Dân vận khéo" models, disclosures). Bytes are
//! written to a temporary file first and renamed under their real name only inside the write
//! transaction that records them, so a refused or failed upload never leaves a file under a real
//! name, and a crash never leaves half a file there. Files are never changed once written.

use crate::{Backend, Result, Store, StoreError};
use danvan_domain::attachment::{check_attachment, clean_file_name};
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

/// A checked file whose bytes wait in a temporary file until [`StagedBlob::place`]; dropped
/// unplaced, the temporary file goes.
pub(crate) struct StagedBlob {
    pub file_name: String,
    pub content_type: &'static str,
    pub size_bytes: i64,
    pub sha256: String,
    path: PathBuf,
    tmp: Option<PathBuf>,
}

impl StagedBlob {
    /// Puts the bytes under their real name (a no-op when the same bytes are already there).
    /// Called inside the write transaction, just before it commits.
    pub fn place(&mut self) -> Result<()> {
        if let Some(tmp) = self.tmp.take() {
            if self.path.exists() {
                let _ = std::fs::remove_file(&tmp);
            } else if let Err(e) = std::fs::rename(&tmp, &self.path) {
                let _ = std::fs::remove_file(&tmp);
                return Err(e.into());
            }
        }
        Ok(())
    }
}

impl Drop for StagedBlob {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

impl Store {
    /// Where attachment files are kept: the configured folder, or beside a SQLite database file
    /// (`danvan.db` → `danvan.db-files/`), or `danvan-files/` in the working directory.
    pub fn files_dir(&self) -> PathBuf {
        if let Some(dir) = self.files_dir.read().ok().and_then(|d| d.clone()) {
            return dir;
        }
        if self.backend() == Backend::Sqlite {
            if let Some(path) = self
                .url
                .strip_prefix("sqlite://")
                .or_else(|| self.url.strip_prefix("sqlite:"))
            {
                let file = path.split('?').next().unwrap_or(path);
                if !file.is_empty() && !file.contains(":memory:") {
                    return PathBuf::from(format!("{file}-files"));
                }
            }
        }
        PathBuf::from("danvan-files")
    }

    pub fn set_files_dir(&self, dir: PathBuf) {
        if let Ok(mut d) = self.files_dir.write() {
            *d = Some(dir);
        }
    }

    fn blob_path(&self, sha: &str) -> PathBuf {
        self.files_dir().join(&sha[..2]).join(sha)
    }

    /// Checks a file (type from its first bytes, size, not empty) and writes its bytes to a
    /// temporary file beside their real place. Nothing is written for a refused file.
    pub(crate) fn stage_blob(&self, file_name: &str, bytes: &[u8]) -> Result<StagedBlob> {
        static SERIAL: AtomicU64 = AtomicU64::new(0);
        let content_type = check_attachment(file_name, bytes)?;
        let sha = hex::encode(Sha256::digest(bytes));
        let path = self.blob_path(&sha);
        let mut staged = StagedBlob {
            file_name: clean_file_name(file_name),
            content_type,
            size_bytes: bytes.len() as i64,
            sha256: sha.clone(),
            path: path.clone(),
            tmp: None,
        };
        if !path.exists() {
            let dir = path.parent().ok_or_else(|| StoreError::Corrupt("files dir".into()))?;
            std::fs::create_dir_all(dir)?;
            let n = SERIAL.fetch_add(1, Ordering::Relaxed);
            let tmp = dir.join(format!(".{sha}.{}.{n}.tmp", std::process::id()));
            staged.tmp = Some(tmp.clone());
            std::fs::write(&tmp, bytes)?;
        }
        Ok(staged)
    }

    /// The bytes stored under a SHA-256.
    pub(crate) fn read_blob(&self, sha: &str) -> Result<Vec<u8>> {
        if sha.len() < 2 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(StoreError::Corrupt(format!("sha256 '{sha}'")));
        }
        Ok(std::fs::read(self.blob_path(sha))?)
    }
}
