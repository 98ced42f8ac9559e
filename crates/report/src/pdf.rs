//! PDF through typst used as a library: the document layout is a typst file
//! (`templates/report.typ`, Hướng dẫn 36-HD/VPTW or NĐ 30/2020), the report's text reaches it
//! as JSON data (never spliced into markup, so no text can break the layout), and the fonts are
//! Liberation Serif from Debian's fonts-liberation2, embedded in the binary: full Vietnamese
//! coverage with no font installed on the server.

use crate::{date_line, number_line, roman, Report, ReportError, Result};
use danvan_domain::figures::format_count;
use danvan_domain::report::{DocStyle, Source};
use serde::Serialize;
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Dict, Duration, IntoValue};
use typst::syntax::{FileId, RootedPath, Source as TypstSource, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

const LAYOUT: &str = include_str!("templates/report.typ");

const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
];

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = FONT_FILES
            .iter()
            .filter_map(|data| Font::new(Bytes::new(*data), 0))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

fn main_id() -> FileId {
    static ID: OnceLock<FileId> = OnceLock::new();
    *ID.get_or_init(|| {
        let path = VirtualPath::new("/report.typ").unwrap_or_else(|_| unreachable!("a valid fixed path"));
        FileId::new(RootedPath::new(VirtualRoot::Project, path))
    })
}

/// One compilation: the layout as the main file, the report as `sys.inputs.data`.
struct ReportWorld {
    library: LazyHash<Library>,
    source: TypstSource,
    today: chrono::NaiveDate,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }
    fn main(&self) -> FileId {
        main_id()
    }
    fn source(&self, id: FileId) -> FileResult<TypstSource> {
        if id == main_id() {
            Ok(self.source.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }
    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        use chrono::Datelike;
        Datetime::from_ymd(self.today.year(), self.today.month() as u8, self.today.day() as u8)
    }
}

#[derive(Serialize)]
struct Row {
    label: String,
    value: String,
    previous: String,
    /// `*` marks a figure with submitted values
    mark: String,
}

#[derive(Serialize)]
struct Bar {
    label: String,
    now: i64,
    before: i64,
    now_text: String,
    before_text: String,
}

#[derive(Serialize)]
struct Part {
    heading: String,
    paragraphs: Vec<String>,
    rows: Vec<Row>,
    bars: Vec<Bar>,
}

#[derive(Serialize)]
struct Data {
    party: bool,
    parent_body: String,
    issuing_body: String,
    number_line: String,
    date_line: String,
    title: String,
    period_label: String,
    previous_label: String,
    parts: Vec<Part>,
    notes: Vec<String>,
    warnings: Vec<String>,
    signer_authority: String,
    signer_title: String,
    signer_name: String,
    recipients: Vec<String>,
}

fn data(report: &Report) -> Data {
    let mut parts: Vec<Part> = report
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| Part {
            heading: format!("{}. {}", roman(i), s.title.to_uppercase()),
            paragraphs: s.paragraphs.clone(),
            rows: s
                .figures
                .iter()
                .map(|f| Row {
                    label: f.label.clone(),
                    value: f.text.clone(),
                    previous: f.previous_text.clone().unwrap_or_else(|| "–".into()),
                    mark: if f.source == Source::Recorded {
                        String::new()
                    } else {
                        "*".into()
                    },
                })
                .collect(),
            // The figures that are counts of their own (no split, no rate) make the chart.
            bars: s
                .figures
                .iter()
                .filter(|f| f.denominator.is_none() && f.id.matches('.').count() == 1)
                .take(6)
                .map(|f| Bar {
                    label: f.label.clone(),
                    now: f.value,
                    before: f.previous.unwrap_or(0),
                    now_text: format_count(f.value),
                    before_text: f.previous.map(format_count).unwrap_or_else(|| "–".into()),
                })
                .collect(),
        })
        .collect();
    let offset = parts.len();
    for (i, s) in report.free_sections.iter().enumerate() {
        parts.push(Part {
            heading: format!("{}. {}", roman(offset + i), s.title.to_uppercase()),
            paragraphs: s.paragraphs.clone(),
            rows: vec![],
            bars: vec![],
        });
    }
    let h = &report.header;
    let or = |s: &str, default: &str| {
        if s.trim().is_empty() {
            default.to_string()
        } else {
            s.trim().to_string()
        }
    };
    let party = h.style == DocStyle::Party;
    Data {
        party,
        parent_body: h.parent_body.to_uppercase(),
        issuing_body: or(&h.issuing_body, &report.unit.name).to_uppercase(),
        number_line: number_line(h),
        date_line: date_line(report),
        title: report.title.clone(),
        period_label: report.period.label.clone(),
        previous_label: report.previous.label.clone(),
        parts,
        notes: report.notes.clone(),
        warnings: report.warnings.iter().map(|w| w.message.clone()).collect(),
        signer_authority: h.signer_authority.to_uppercase(),
        signer_title: h.signer_title.to_uppercase(),
        signer_name: h.signer_name.clone(),
        recipients: if h.recipients.is_empty() {
            vec!["Như trên;".into(), "Lưu.".into()]
        } else {
            h.recipients.clone()
        },
    }
}

pub(crate) fn render(report: &Report) -> Result<Vec<u8>> {
    let json = serde_json::to_string(&data(report)).map_err(|e| ReportError::Pdf(e.to_string()))?;
    typeset(LAYOUT, json, report.date)
}

/// Any document: a typst `layout` that reads its text from `sys.inputs.data` (`json`), with the
/// embedded Liberation Serif. The meeting minutes use it too.
pub fn typeset(layout: &str, json: String, today: chrono::NaiveDate) -> Result<Vec<u8>> {
    let mut inputs = Dict::new();
    inputs.insert("data".into(), json.into_value());
    let world = ReportWorld {
        library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
        source: TypstSource::new(main_id(), layout.to_string()),
        today,
    };
    let document: PagedDocument = typst::compile(&world).output.map_err(|errors| {
        ReportError::Pdf(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    let pdf = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|errors| {
        ReportError::Pdf(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    });
    // Typst memoizes across compilations; a server renders many documents, so keep the cache small.
    comemo::evict(10);
    pdf
}
