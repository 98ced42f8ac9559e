//! Số và ký hiệu of a document, in the two official styles:
//! - Party (Hướng dẫn 36-HD/VPTW): `Số 152-BC/ĐU` — number, "-", the type abbreviation, "/",
//!   the issuing body's abbreviation (`85-KH/QU`, `11-QĐi/TW`, `03-HD/BTGDVTU`);
//! - state (NĐ 30/2020/NĐ-CP): `Số: 05/BC-UBND` — number, "/", [year "/"], the type
//!   abbreviation "-" the body's abbreviation (`30/2020/NĐ-CP`, `16/CT-TTg`); a công văn has no
//!   type abbreviation (`249/UBND-VP`).
//!
//! Numbers below 10 are written with a leading zero in both styles.

use super::DocumentType;
use crate::{DomainError, ErrorCode};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SymbolStyle {
    /// Văn bản của Đảng (HD 36-HD/VPTW)
    Party,
    /// Văn bản hành chính nhà nước (NĐ 30/2020/NĐ-CP)
    State,
}

impl SymbolStyle {
    pub fn as_str(self) -> &'static str {
        match self {
            SymbolStyle::Party => "party",
            SymbolStyle::State => "state",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            SymbolStyle::Party => "Văn bản của Đảng",
            SymbolStyle::State => "Văn bản hành chính nhà nước",
        }
    }

    pub fn parse(s: &str) -> Result<Self, DomainError> {
        match s {
            "party" => Ok(SymbolStyle::Party),
            "state" => Ok(SymbolStyle::State),
            _ => Err(DomainError::validation(format!("'{s}' không hợp lệ (party|state)"))),
        }
    }
}

/// A parsed số, ký hiệu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DocumentSymbol {
    pub style: SymbolStyle,
    pub number: u32,
    /// The year in a state legal document's symbol (`30/2020/NĐ-CP`)
    pub year: Option<i32>,
    /// The type abbreviation (`KH`, `QĐi`, `BC`), absent for a state công văn
    pub type_abbr: Option<String>,
    /// The issuing body's abbreviation (`QU`, `TW`, `ĐU`, `UBND`, `UBND-VP`)
    pub issuer_abbr: String,
}

fn bad(text: &str, why: &str) -> DomainError {
    DomainError::new(ErrorCode::InvalidDocumentSymbol, format!("'{text}': {why}"))
}

/// One abbreviation group: letters (Vietnamese included) and digits, starting with a capital
/// letter (`QĐi`, `TTg`, `UBTVQH14`).
fn is_group(g: &str) -> bool {
    let mut chars = g.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() && c.is_uppercase()) && chars.all(|c| c.is_alphanumeric())
}

fn number(text: &str, s: &str) -> Result<u32, DomainError> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) || s.len() > 6 {
        return Err(bad(text, "thiếu số văn bản ở đầu"));
    }
    match s.parse::<u32>() {
        Ok(0) | Err(_) => Err(bad(text, "số văn bản phải lớn hơn 0")),
        Ok(n) => Ok(n),
    }
}

impl DocumentSymbol {
    /// Parses `85-KH/QU`, `Số 152-BC/ĐU`, `Số: 05/BC-UBND`, `30/2020/NĐ-CP`.
    pub fn parse(input: &str) -> Result<DocumentSymbol, DomainError> {
        let nfc: String = input.nfc().collect();
        let text = nfc.trim();
        let mut s = text;
        for prefix in ["Số:", "số:", "Số", "số"] {
            if let Some(rest) = s.strip_prefix(prefix) {
                s = rest.trim_start();
                break;
            }
        }
        if s.is_empty() {
            return Err(bad(text, "trống"));
        }
        if s.chars().any(char::is_whitespace) {
            return Err(bad(text, "ký hiệu không được có khoảng trắng"));
        }
        let Some((head, tail)) = s.split_once('/') else {
            return Err(bad(text, "thiếu dấu '/' giữa số, loại văn bản và cơ quan ban hành"));
        };
        if let Some((num, abbr)) = head.split_once('-') {
            // Party: 85-KH/QU
            let number = number(text, num)?;
            if !is_group(abbr) {
                return Err(bad(text, "viết tắt tên loại văn bản không hợp lệ"));
            }
            if tail.contains('/') || !tail.split('-').all(is_group) {
                return Err(bad(text, "viết tắt tên cơ quan ban hành không hợp lệ"));
            }
            return Ok(DocumentSymbol {
                style: SymbolStyle::Party,
                number,
                year: None,
                type_abbr: Some(abbr.to_string()),
                issuer_abbr: tail.to_string(),
            });
        }
        // State: 05/BC-UBND, 30/2020/NĐ-CP, 249/UBND-VP
        let number = number(text, head)?;
        let (year, rest) = match tail.split_once('/') {
            Some((y, rest)) if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) => {
                (Some(y.parse::<i32>().map_err(|_| bad(text, "năm không hợp lệ"))?), rest)
            }
            Some(_) => return Err(bad(text, "phần sau số văn bản không đúng thể thức")),
            None => (None, tail),
        };
        let groups: Vec<&str> = rest.split('-').collect();
        if !groups.iter().all(|g| is_group(g)) {
            return Err(bad(text, "ký hiệu phải gồm các chữ viết tắt nối bằng '-'"));
        }
        let (type_abbr, issuer_abbr) = if groups.len() >= 2 && DocumentType::from_abbr(groups[0]).is_some() {
            (Some(groups[0].to_string()), groups[1..].join("-"))
        } else {
            (None, groups.join("-"))
        };
        Ok(DocumentSymbol {
            style: SymbolStyle::State,
            number,
            year,
            type_abbr,
            issuer_abbr,
        })
    }

    /// The type its abbreviation names, if it names one.
    pub fn document_type(&self) -> Option<DocumentType> {
        self.type_abbr.as_deref().and_then(DocumentType::from_abbr)
    }

    /// The canonical form, without "Số": `05-KH/QU`, `05/BC-UBND`, `30/2020/NĐ-CP`.
    pub fn text(&self) -> String {
        match self.style {
            SymbolStyle::Party => format!(
                "{:02}-{}/{}",
                self.number,
                self.type_abbr.as_deref().unwrap_or_default(),
                self.issuer_abbr
            ),
            SymbolStyle::State => {
                let year = self.year.map(|y| format!("{y}/")).unwrap_or_default();
                match &self.type_abbr {
                    Some(t) => format!("{:02}/{year}{t}-{}", self.number, self.issuer_abbr),
                    None => format!("{:02}/{year}{}", self.number, self.issuer_abbr),
                }
            }
        }
    }

    /// As the document prints it: `Số 152-BC/ĐU` (Party), `Số: 05/BC-UBND` (state).
    pub fn printed(&self) -> String {
        match self.style {
            SymbolStyle::Party => format!("Số {}", self.text()),
            SymbolStyle::State => format!("Số: {}", self.text()),
        }
    }
}
