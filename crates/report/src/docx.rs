//! DOCX: the same document as the PDF, as WordprocessingML, so officers can finish it in Word.
//! Times New Roman (what NĐ 30 and HD 36 name), A4 with the formats' margins, page numbers
//! centred at the top from page 2. The paragraph, table and package writers are public: the
//! meeting minutes (biên bản) are written with them too.

use crate::{date_line, number_line, roman, Report, ReportError, Result};
use danvan_domain::report::{DocStyle, Source};
use std::io::Write;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// How a paragraph is set; the default is 14 pt, justified.
#[derive(Clone, Copy, Default)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    /// Half-points (28 = 14 pt)
    pub size: u32,
    pub centred: bool,
    pub indent: bool,
}

fn run(text: &str, s: Style) -> String {
    let size = if s.size == 0 { 28 } else { s.size };
    format!(
        "<w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\"/>{}{}<w:sz w:val=\"{size}\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        if s.bold { "<w:b/>" } else { "" },
        if s.italic { "<w:i/>" } else { "" },
        esc(text)
    )
}

/// One paragraph of text in Times New Roman.
pub fn para(text: &str, s: Style) -> String {
    let jc = if s.centred { "center" } else { "both" };
    let ind = if s.indent { "<w:ind w:firstLine=\"567\"/>" } else { "" };
    format!(
        "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"120\"/><w:jc w:val=\"{jc}\"/>{ind}</w:pPr>{}</w:p>",
        run(text, s)
    )
}

fn lines(texts: &[(&str, Style)]) -> String {
    texts.iter().map(|(t, s)| para(t, *s)).collect()
}

/// A table cell `width` twips wide holding `content` (paragraphs).
pub fn cell(content: &str, width: u32) -> String {
    format!("<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>{content}</w:tc>")
}

/// A two-column layout table without borders (header and signature blocks).
fn two_columns(left: &str, right: &str) -> String {
    format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"9354\" w:type=\"dxa\"/><w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w=\"4000\"/><w:gridCol w:w=\"5354\"/></w:tblGrid><w:tr>{}{}</w:tr></w:tbl>",
        cell(left, 4000),
        cell(right, 5354)
    )
}

/// A table with single borders: columns `widths` twips wide (together the 9354 of the text
/// block), each row's cells already written with `cell`.
pub fn bordered_table(widths: &[u32], rows: &[String]) -> String {
    let total: u32 = widths.iter().sum();
    let grid: String = widths.iter().map(|w| format!("<w:gridCol w:w=\"{w}\"/>")).collect();
    let rows: String = rows.iter().map(|r| format!("<w:tr>{r}</w:tr>")).collect();
    format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/><w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"
    )
}

fn figure_table(rows: &[(String, String, String)], period: &str) -> String {
    let small = Style {
        size: 24,
        ..Default::default()
    };
    let head = Style {
        bold: true,
        size: 24,
        ..Default::default()
    };
    const WIDTHS: [u32; 3] = [5000, 2500, 1854];
    let tr = |texts: [&str; 3], s: Style| -> String {
        texts.iter().zip(WIDTHS).map(|(t, w)| cell(&para(t, s), w)).collect()
    };
    let mut out = vec![tr(["Chỉ tiêu", period, "Cùng kỳ"], head)];
    out.extend(rows.iter().map(|(a, b, c)| tr([a, b, c], small)));
    bordered_table(&WIDTHS, &out)
}

fn body(report: &Report) -> String {
    let h = &report.header;
    let party = h.style == DocStyle::Party;
    let bold = Style {
        bold: true,
        centred: true,
        ..Default::default()
    };
    let plain = Style {
        centred: true,
        ..Default::default()
    };
    let issuing = if h.issuing_body.trim().is_empty() {
        report.unit.name.to_uppercase()
    } else {
        h.issuing_body.to_uppercase()
    };
    let parent = h.parent_body.to_uppercase();
    let number = number_line(h);
    let left = if party {
        lines(&[(&parent, plain), (&issuing, bold), ("*", plain), (&number, plain)])
    } else {
        lines(&[
            (&parent, Style { size: 26, ..plain }),
            (&issuing, Style { size: 26, ..bold }),
            (&number, Style { size: 26, ..plain }),
        ])
    };
    let date = date_line(report);
    let italic = Style {
        italic: true,
        centred: true,
        ..Default::default()
    };
    let right = if party {
        lines(&[
            ("ĐẢNG CỘNG SẢN VIỆT NAM", Style { size: 30, ..bold }),
            ("", plain),
            ("", plain),
            (&date, italic),
        ])
    } else {
        lines(&[
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Style { size: 24, ..bold }),
            ("Độc lập - Tự do - Hạnh phúc", Style { size: 26, ..bold }),
            (&date, italic),
        ])
    };
    let mut out = two_columns(&left, &right);
    out.push_str(&para("", plain));
    out.push_str(&para("BÁO CÁO", Style { size: 32, ..bold }));
    out.push_str(&para(&report.title, bold));
    let text = Style {
        indent: true,
        ..Default::default()
    };
    let heading = Style {
        bold: true,
        ..Default::default()
    };
    let mut n = 0;
    for s in &report.sections {
        out.push_str(&para(&format!("{}. {}", roman(n), s.title.to_uppercase()), heading));
        n += 1;
        for p in &s.paragraphs {
            out.push_str(&para(p, text));
        }
        let rows: Vec<(String, String, String)> = s
            .figures
            .iter()
            .map(|f| {
                let mark = if f.source == Source::Recorded { "" } else { "*" };
                (
                    format!("{}{mark}", f.label),
                    f.text.clone(),
                    f.previous_text.clone().unwrap_or_else(|| "–".into()),
                )
            })
            .collect();
        out.push_str(&figure_table(&rows, &report.period.label));
    }
    for s in &report.free_sections {
        out.push_str(&para(&format!("{}. {}", roman(n), s.title.to_uppercase()), heading));
        n += 1;
        for p in &s.paragraphs {
            out.push_str(&para(p, text));
        }
    }
    let note = Style {
        italic: true,
        size: 24,
        ..Default::default()
    };
    for line in &report.notes {
        out.push_str(&para(&format!("Ghi chú: {line}"), note));
    }
    for w in &report.warnings {
        out.push_str(&para(&format!("Cảnh báo: {}", w.message), note));
    }
    let mut recipients = lines(&[(
        "Nơi nhận:",
        Style {
            bold: true,
            italic: true,
            size: 24,
            ..Default::default()
        },
    )]);
    let list = if h.recipients.is_empty() {
        vec!["Như trên;".to_string(), "Lưu.".to_string()]
    } else {
        h.recipients.clone()
    };
    for r in &list {
        recipients.push_str(&para(
            &format!("- {r}"),
            Style {
                size: 22,
                ..Default::default()
            },
        ));
    }
    let signer = lines(&[
        (&h.signer_authority.to_uppercase(), bold),
        (&h.signer_title.to_uppercase(), bold),
        ("", plain),
        ("", plain),
        (&h.signer_name, bold),
    ]);
    out.push_str(&two_columns(&recipients, &signer));
    out
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdH1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#;
const HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="26"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>"#;

/// The document part around `body`: A4, margins top/bottom 20 mm, left 30 mm, right 15 mm
/// (twips); the first page has no header.
fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr></w:body></w:document>"#
    )
}

/// A whole DOCX file around `body` (paragraphs and tables), in the NĐ 30 page layout with page
/// numbers from page 2.
pub fn package(body: &str) -> Result<Vec<u8>> {
    let err = |e: &dyn std::fmt::Display| ReportError::Write(e.to_string());
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in [
            ("[Content_Types].xml", CONTENT_TYPES.to_string()),
            ("_rels/.rels", RELS.to_string()),
            ("word/_rels/document.xml.rels", DOC_RELS.to_string()),
            ("word/header1.xml", HEADER.to_string()),
            ("word/document.xml", document_xml(body)),
        ] {
            zip.start_file(name, opts).map_err(|e| err(&e))?;
            zip.write_all(content.as_bytes()).map_err(|e| err(&e))?;
        }
        zip.finish().map_err(|e| err(&e))?;
    }
    Ok(buf.into_inner())
}

pub(crate) fn render(report: &Report) -> Result<Vec<u8>> {
    package(&body(report))
}
