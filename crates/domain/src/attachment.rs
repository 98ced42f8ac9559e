//! Attachments (tệp đính kèm): what may be attached and how big. Types are recognised from the
//! file's first bytes, not trusted from its name or the browser.

use crate::{DomainError, ErrorCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The largest file accepted.
pub const MAX_ATTACHMENT_BYTES: usize = 20 * 1024 * 1024;

/// An attachment as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Attachment {
    pub id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub uploaded_at: String,
}

crate::petition::named_enum!(
    /// The kinds of record that carry files of their own (beside petitions): a directive
    /// document's file, a "Dân vận khéo" model's evidence, a disclosure's posted documents.
    RecordKind {
        Directive => ("directive", "văn bản chỉ đạo"),
        DvkModel => ("dvk_model", "mô hình “Dân vận khéo”"),
        Disclosure => ("disclosure", "nội dung công khai"),
    }
);

/// The content type of an acceptable file, or why it is refused.
pub fn check_attachment(file_name: &str, bytes: &[u8]) -> Result<&'static str, DomainError> {
    if bytes.is_empty() {
        return Err(DomainError::new(ErrorCode::AttachmentType, "tệp rỗng"));
    }
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(DomainError::new(
            ErrorCode::AttachmentTooLarge,
            format!(
                "{} MB, tối đa {} MB",
                bytes.len() / (1024 * 1024),
                MAX_ATTACHMENT_BYTES / (1024 * 1024)
            ),
        ));
    }
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let kind = if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"PK\x03\x04") {
        // Office files are zip archives; the extension says which.
        match ext.as_str() {
            "docx" => Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            "xlsx" => Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            _ => None,
        }
    } else {
        None
    };
    kind.ok_or_else(|| {
        DomainError::new(
            ErrorCode::AttachmentType,
            format!("'{file_name}' (chỉ nhận PDF, JPEG, PNG, DOCX, XLSX)"),
        )
    })
}

/// A file name safe to store and to send back in a header: no path, no control characters.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base.chars().filter(|c| !c.is_control() && *c != '"').collect();
    let cleaned = crate::text::normalize(&cleaned);
    if cleaned.is_empty() {
        "tep-dinh-kem".into()
    } else {
        cleaned.chars().take(200).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_types_are_recognised_by_their_bytes() {
        assert_eq!(check_attachment("don.pdf", b"%PDF-1.7 ...").unwrap(), "application/pdf");
        assert_eq!(
            check_attachment("anh.jpg", &[0xFF, 0xD8, 0xFF, 0xE0, 0]).unwrap(),
            "image/jpeg"
        );
        assert!(check_attachment("bien-ban.docx", b"PK\x03\x04....")
            .unwrap()
            .contains("wordprocessingml"));
    }

    #[test]
    fn a_renamed_executable_is_refused() {
        let e = check_attachment("don.pdf", b"MZ\x90\x00").unwrap_err();
        assert_eq!(e.code, ErrorCode::AttachmentType);
        assert!(check_attachment("virus.zip", b"PK\x03\x04").is_err());
        assert!(check_attachment("rong.pdf", b"").is_err());
    }

    #[test]
    fn oversized_files_are_refused() {
        let big = vec![b'%'; MAX_ATTACHMENT_BYTES + 1];
        assert_eq!(
            check_attachment("x.pdf", &big).unwrap_err().code,
            ErrorCode::AttachmentTooLarge
        );
    }

    #[test]
    fn record_kinds_are_the_three_with_files() {
        let codes: Vec<_> = RecordKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(codes, ["directive", "dvk_model", "disclosure"]);
        assert_eq!(RecordKind::parse("dvk_model").unwrap(), RecordKind::DvkModel);
        assert_eq!(RecordKind::parse("petition").unwrap_err().code, ErrorCode::Validation);
    }

    #[test]
    fn file_names_lose_their_paths() {
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("C:\\Users\\a\\Đơn khiếu nại.pdf"), "Đơn khiếu nại.pdf");
        assert_eq!(clean_file_name("\"\n"), "tep-dinh-kem");
    }
}
