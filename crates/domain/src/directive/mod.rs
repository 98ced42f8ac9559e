//! The register of leadership and direction documents (văn bản lãnh đạo, chỉ đạo) a unit
//! issues: type, số và ký hiệu (parsed in the Party or the state style, see [`symbol`]), date,
//! issuing body, title and file. Reports count them by type over a period: "ban hành 01 Chỉ
//! thị; 01 Quyết định; 04 Công văn; 02 Chương trình; 03 Kế hoạch; 04 Báo cáo".
//!
//! The formal date line of a document is in [`crate::document`]; this module is the register.

pub mod symbol;

pub use symbol::{DocumentSymbol, SymbolStyle};

use crate::meeting::report_count;
use crate::petition::{named_enum, Count};
use crate::unit::Level;
use crate::{DomainError, ErrorCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

named_enum!(
    /// Tên loại văn bản. The order is the reports' order.
    DocumentType {
        Directive => ("directive", "Chỉ thị"),
        Resolution => ("resolution", "Nghị quyết"),
        Decision => ("decision", "Quyết định"),
        Regulation => ("regulation", "Quy định"),
        Conclusion => ("conclusion", "Kết luận"),
        OfficialLetter => ("official_letter", "Công văn"),
        Programme => ("programme", "Chương trình"),
        Plan => ("plan", "Kế hoạch"),
        Guidance => ("guidance", "Hướng dẫn"),
        Report => ("report", "Báo cáo"),
        Notice => ("notice", "Thông báo"),
        Submission => ("submission", "Tờ trình"),
        Other => ("other", "Văn bản khác"),
    }
);

impl DocumentType {
    /// The abbreviation in a symbol (HD 36 and NĐ 30 share these).
    pub fn abbr(self) -> Option<&'static str> {
        Some(match self {
            DocumentType::Directive => "CT",
            DocumentType::Resolution => "NQ",
            DocumentType::Decision => "QĐ",
            DocumentType::Regulation => "QĐi",
            DocumentType::Conclusion => "KL",
            DocumentType::OfficialLetter => "CV",
            DocumentType::Programme => "CTr",
            DocumentType::Plan => "KH",
            DocumentType::Guidance => "HD",
            DocumentType::Report => "BC",
            DocumentType::Notice => "TB",
            DocumentType::Submission => "TTr",
            DocumentType::Other => return None,
        })
    }

    pub fn from_abbr(abbr: &str) -> Option<DocumentType> {
        // The state style writes Quy định as QĐ too in some units; QĐi is the Party's.
        DocumentType::ALL.iter().copied().find(|t| t.abbr() == Some(abbr))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewDirective {
    /// The issuing unit, `scheme/code`
    pub unit: String,
    pub doc_type: DocumentType,
    /// Số và ký hiệu: `85-KH/QU`, `Số 152-BC/ĐU`, `05/BC-UBND`
    pub symbol: String,
    #[schema(value_type = String, format = Date)]
    pub issued_on: NaiveDate,
    /// Cơ quan ban hành: "Ban Thường vụ Huyện ủy", "UBND xã"
    pub issuer: String,
    /// Trích yếu
    pub title: String,
    /// The file's name or address in the document system
    pub file: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Directive {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_level: Level,
    pub doc_type: DocumentType,
    /// Canonical symbol: `85-KH/QU`, `05/BC-UBND`
    pub symbol: String,
    /// As printed: `Số 85-KH/QU`, `Số: 05/BC-UBND`
    pub printed_symbol: String,
    pub style: SymbolStyle,
    #[schema(value_type = String, format = Date)]
    pub issued_on: NaiveDate,
    pub issuer: String,
    pub title: String,
    pub file: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DirectivePage {
    pub items: Vec<Directive>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<String>,
}

/// What the register holds of one document, once checked: the parsed symbol and clean text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedDirective {
    pub symbol: DocumentSymbol,
    pub issuer: String,
    pub title: String,
    pub file: Option<String>,
}

/// Checks a document before it is registered: the symbol parses, its type abbreviation (if
/// any) agrees with the type, a state symbol's year agrees with the date, the date is not in
/// the future, and the issuer and title are given.
pub fn validate_directive(new: &NewDirective, today: NaiveDate) -> Result<CheckedDirective, DomainError> {
    let clean = |s: &str| crate::text::normalize(s);
    let (issuer, title) = (clean(&new.issuer), clean(&new.title));
    if issuer.is_empty() || title.is_empty() {
        return Err(DomainError::validation("cần ghi cơ quan ban hành và trích yếu văn bản"));
    }
    let symbol = DocumentSymbol::parse(&new.symbol)?;
    let wrong = |detail: String| Err(DomainError::new(ErrorCode::InvalidDocumentSymbol, detail));
    match (symbol.type_abbr.as_deref(), symbol.document_type()) {
        (Some(abbr), Some(t)) => {
            // Quy định is QĐi in the Party style and often QĐ in the state style.
            let agrees = t == new.doc_type || (new.doc_type == DocumentType::Regulation && t == DocumentType::Decision);
            if !agrees {
                return wrong(format!(
                    "ký hiệu {abbr} là {}, không phải {}",
                    t.label_vi(),
                    new.doc_type.label_vi()
                ));
            }
        }
        (Some(abbr), None) if new.doc_type != DocumentType::Other => {
            return wrong(format!("'{abbr}' không phải viết tắt của loại văn bản nào"));
        }
        (None, _) if !matches!(new.doc_type, DocumentType::OfficialLetter | DocumentType::Other) => {
            return wrong(format!(
                "ký hiệu thiếu viết tắt tên loại {} (chỉ công văn hành chính được bỏ)",
                new.doc_type.label_vi()
            ));
        }
        _ => {}
    }
    if let Some(y) = symbol.year {
        if y != chrono::Datelike::year(&new.issued_on) {
            return Err(DomainError::new(
                ErrorCode::InvalidDocumentSymbol,
                format!("năm {y} trong ký hiệu khác năm ban hành"),
            ));
        }
    }
    if new.issued_on > today {
        return Err(DomainError::new(
            ErrorCode::FutureDate,
            new.issued_on.format("%d/%m/%Y").to_string(),
        ));
    }
    let file = new.file.as_deref().map(clean).filter(|s| !s.is_empty());
    Ok(CheckedDirective {
        symbol,
        issuer,
        title,
        file,
    })
}

/// Documents issued by a unit subtree over a period, by type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DirectiveStats {
    pub unit: String,
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    pub total: i64,
    /// Every type with at least one document, in the reports' order
    pub by_type: Vec<Count>,
    pub by_level: Vec<Count>,
    /// `ban hành 01 Chỉ thị; 01 Quyết định; 04 Công văn; 02 Chương trình; 03 Kế hoạch; 04 Báo cáo`
    pub text: String,
}

/// The sentence of [`DirectiveStats::text`] from counts by type code.
pub fn directive_text(by_type: &[Count]) -> String {
    if by_type.is_empty() {
        return "chưa ban hành văn bản nào".into();
    }
    let parts: Vec<String> = by_type
        .iter()
        .map(|c| format!("{} {}", report_count(c.count), c.label))
        .collect();
    format!("ban hành {}", parts.join("; "))
}

/// Orders counts by type the way the reports list them, leaving out zeros.
pub fn by_type_counts(counts: impl Fn(DocumentType) -> i64) -> Vec<Count> {
    DocumentType::ALL
        .iter()
        .map(|t| Count {
            key: t.as_str().into(),
            label: t.label_vi().into(),
            count: counts(*t),
        })
        .filter(|c| c.count > 0)
        .collect()
}

#[cfg(test)]
mod tests;
