//! Periodic reports as documents: the figures of `danvan_domain::report` turned into the
//! Vietnamese sentences the reports are made of (minijinja templates an admin may edit), and
//! rendered as a Party-format (Hướng dẫn 36-HD/VPTW) or state-format (NĐ 30/2020) PDF and DOCX,
//! an XLSX with one sheet per section, and JSON. Also the XLSX template units not on the system
//! fill in, and its reader. No database: the store gathers the inputs.

pub mod docx;
mod narrative;
mod pdf;
mod submission;
mod xlsx;

pub use narrative::{sample_input, section_template, validate_template, TEMPLATE_NAMES};
pub use pdf::typeset;
pub use submission::{filled_template, read_submission, submission_template};

use chrono::NaiveDate;
use danvan_domain::period::Period;
use danvan_domain::report::{
    compute, FigureRow, FreeSections, ReportFigures, ReportHeader, ReportInput, ReportStatus, ReportUnit, SectionId,
    Warning, FREE_SECTIONS,
};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{0}")]
    Domain(#[from] danvan_domain::DomainError),
    #[error("mẫu lời văn “{name}” lỗi: {message}")]
    Template { name: String, message: String },
    #[error("không dựng được tệp PDF: {0}")]
    Pdf(String),
    #[error("không ghi được tệp: {0}")]
    Write(String),
}

pub type Result<T> = std::result::Result<T, ReportError>;

/// The output formats of `danvan report render --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
    Xlsx,
    Json,
}

impl Format {
    pub fn parse(s: &str) -> std::result::Result<Format, danvan_domain::DomainError> {
        match s {
            "pdf" => Ok(Format::Pdf),
            "docx" => Ok(Format::Docx),
            "xlsx" => Ok(Format::Xlsx),
            "json" => Ok(Format::Json),
            _ => Err(danvan_domain::DomainError::validation(format!(
                "định dạng “{s}” không hỗ trợ (pdf|docx|xlsx|json)"
            ))),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Json => "application/json",
        }
    }
}

/// One area of the report: its heading, the sentences, and its figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub id: SectionId,
    pub title: String,
    pub paragraphs: Vec<String>,
    pub figures: Vec<FigureRow>,
}

/// A free-text section the officer writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FreeSection {
    pub id: String,
    pub title: String,
    pub paragraphs: Vec<String>,
}

/// A report ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub unit: ReportUnit,
    pub period: Period,
    pub previous: Period,
    pub status: Option<ReportStatus>,
    pub header: ReportHeader,
    /// The date on the date line
    pub date: NaiveDate,
    pub title: String,
    pub sections: Vec<Section>,
    pub free_sections: Vec<FreeSection>,
    pub notes: Vec<String>,
    pub warnings: Vec<Warning>,
    /// Units that submitted figures, with their values
    pub submitted_units: Vec<(ReportUnit, String)>,
    /// Every figure, also those without a section paragraph
    pub figures: ReportFigures,
}

fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Builds the report: computes (or takes the approved) figures, writes the sentences with the
/// section templates (`templates`: name → an admin's replacement), adds the free sections.
pub fn build(
    input: &ReportInput,
    header: &ReportHeader,
    free: &FreeSections,
    status: Option<ReportStatus>,
    approved: Option<&ReportFigures>,
    templates: &BTreeMap<String, String>,
    today: NaiveDate,
) -> Result<Report> {
    let figures = approved.cloned().unwrap_or_else(|| compute(input));
    let mut sections = Vec::new();
    for id in SectionId::ALL {
        let rows: Vec<FigureRow> = figures.figures.iter().filter(|f| f.section == id).cloned().collect();
        if rows.is_empty() {
            continue;
        }
        let source = templates
            .get(id.as_str())
            .map(String::as_str)
            .unwrap_or_else(|| section_template(id));
        let text = narrative::render(id.as_str(), source, &figures, input)?;
        sections.push(Section {
            id,
            title: id.title_vi().to_string(),
            paragraphs: paragraphs(&text),
            figures: rows,
        });
    }
    let free_sections = FREE_SECTIONS
        .iter()
        .filter_map(|(id, title)| {
            let text = free.get(*id)?;
            let paras = paragraphs(text);
            (!paras.is_empty()).then(|| FreeSection {
                id: id.to_string(),
                title: title.to_string(),
                paragraphs: paras,
            })
        })
        .collect();
    let date = header
        .date
        .as_deref()
        .and_then(|d| danvan_domain::unit::parse_date(d).ok())
        .unwrap_or(today);
    let title = header
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| format!("Kết quả công tác dân vận {}", input.period.label));
    let submitted_units = input
        .submissions
        .iter()
        .map(|s| {
            let how = if s.channel == "xlsx" {
                "biểu mẫu XLSX"
            } else {
                "nhập trên biểu mẫu"
            };
            (s.unit.clone(), format!("{how}, {}", s.submitted_by))
        })
        .collect();
    Ok(Report {
        unit: input.unit.clone(),
        period: input.period.clone(),
        previous: input.previous.clone(),
        status,
        header: header.clone(),
        date,
        title,
        sections,
        free_sections,
        notes: input.notes.clone(),
        warnings: figures.warnings.clone(),
        submitted_units,
        figures,
    })
}

/// The report in `format`.
pub fn render(report: &Report, format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Pdf => pdf::render(report),
        Format::Docx => docx::render(report),
        Format::Xlsx => xlsx::render(report),
        Format::Json => serde_json::to_vec_pretty(report).map_err(|e| ReportError::Write(e.to_string())),
    }
}

/// `Số 15-BC/BDVHU` (Party) or `Số: 05/BC-UBND` (state).
pub fn number_line(header: &ReportHeader) -> String {
    let number = if header.number.trim().is_empty() {
        "   -BC/"
    } else {
        header.number.trim()
    };
    match header.style {
        danvan_domain::report::DocStyle::Party => format!("Số {number}"),
        danvan_domain::report::DocStyle::State => format!("Số: {number}"),
    }
}

/// The place and date line: `Tam Nông, ngày 20 tháng 02 năm 2026`.
pub fn date_line(report: &Report) -> String {
    let place = if report.header.place.trim().is_empty() {
        danvan_domain::document::place_name(&report.unit.name)
    } else {
        report.header.place.trim().to_string()
    };
    danvan_domain::document::date_line(&place, report.date)
}

/// Roman numerals for section headings (I. … XII.).
pub(crate) fn roman(n: usize) -> &'static str {
    const R: [&str; 12] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];
    R.get(n).copied().unwrap_or("")
}

#[cfg(test)]
mod tests;
