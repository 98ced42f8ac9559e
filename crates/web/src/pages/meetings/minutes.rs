//! The minutes (biên bản) of a meeting as DOCX and PDF: the facts, every item raised with how it
//! ended, and the consistency warnings, in the layout officers retype today. Both formats read
//! the same `Minutes`. A DOCX is a zip of a few XML parts (only paragraphs and one table, written
//! directly); the PDF goes through the report crate's typst engine (`minutes.typ`).

use danvan_domain::figures::format_count;
use danvan_domain::meeting::{Item, Meeting};
use serde::Serialize;
use std::io::Write;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One paragraph in Times New Roman 14 (NĐ 30/2020), optionally bold and centred.
fn para(text: &str, bold: bool, centred: bool) -> String {
    let jc = if centred { r#"<w:jc w:val="center"/>"# } else { "" };
    let b = if bold { "<w:b/>" } else { "" };
    format!(
        r#"<w:p><w:pPr>{jc}</w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>{b}<w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        esc(text)
    )
}

fn cell(text: &str) -> String {
    format!("<w:tc>{}</w:tc>", para(text, false, false))
}

fn date(d: chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// How an item ended: `Tiếp thu, trả lời bằng văn bản; Phòng Kinh tế; hạn 13/05/2026`.
fn outcome_text(item: &Item) -> String {
    let mut outcome = item
        .outcome
        .map(|o| o.label_vi().to_string())
        .unwrap_or_else(|| "Chưa xử lý".into());
    if let Some(a) = &item.answering_agency {
        outcome.push_str(&format!("; {a}"));
    }
    if let Some(d) = item.answer_due {
        outcome.push_str(&format!("; hạn {}", date(d)));
    }
    if let Some(a) = &item.answer {
        outcome.push_str(&format!("; {a}"));
    }
    if let Some(r) = &item.reason {
        outcome.push_str(&format!("; {r}"));
    }
    outcome
}

/// The minutes' text, whichever the format.
#[derive(Serialize)]
struct Minutes {
    organiser: String,
    title: String,
    facts: Vec<String>,
    record: Option<String>,
    items_heading: String,
    /// (STT, Nguồn, Nội dung, Kết quả)
    items: Vec<[String; 4]>,
    notes: Vec<String>,
}

fn minutes(m: &Meeting) -> Minutes {
    let mut facts = vec![
        format!("Thời gian: ngày {}", date(m.held_on)),
        format!("Địa điểm: {}", m.place.as_deref().unwrap_or(&m.unit_name)),
    ];
    for c in &m.chairs {
        facts.push(format!("Chủ trì: {} – {}", c.name, c.position));
    }
    facts.push(format!(
        "Số đại biểu, người dân tham dự: {}",
        format_count(m.participants)
    ));
    if let Some(p) = &m.gpmb_project {
        facts.push(format!("Dự án liên quan: {p}"));
    }
    let mut notes: Vec<String> = m
        .warnings
        .iter()
        .map(|w| format!("Lưu ý số liệu: {}", w.message))
        .collect();
    if let (Some(on), Some(form)) = (m.announced_on, &m.announce_form) {
        notes.push(format!("Kết quả đã thông báo tới Nhân dân ngày {}: {form}", date(on)));
    }
    Minutes {
        organiser: m.organiser.to_uppercase(),
        title: format!("{}: {}", m.kind.label_vi(), m.topic),
        facts,
        record: m.minutes.clone(),
        items_heading: format!(
            "Ý KIẾN, KIẾN NGHỊ VÀ KẾT QUẢ TRẢ LỜI ({} ý kiến)",
            format_count(m.items.len() as i64)
        ),
        items: m
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                [
                    (i + 1).to_string(),
                    item.origin.label_vi().to_string(),
                    item.content.clone(),
                    outcome_text(item),
                ]
            })
            .collect(),
        notes,
    }
}

/// The document body of the minutes.
fn document(m: &Meeting) -> String {
    let doc = minutes(m);
    let mut body = vec![
        para(&doc.organiser, true, false),
        para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, true),
        para("Độc lập - Tự do - Hạnh phúc", true, true),
        para("BIÊN BẢN", true, true),
        para(&doc.title, true, true),
    ];
    body.extend(doc.facts.iter().map(|f| para(f, false, false)));
    if let Some(record) = &doc.record {
        body.push(para(record, false, false));
    }
    body.push(para(&doc.items_heading, true, false));
    let header = ["STT", "Nguồn", "Nội dung", "Kết quả"].map(cell).concat();
    let mut rows = vec![format!("<w:tr>{header}</w:tr>")];
    for item in &doc.items {
        rows.push(format!(
            "<w:tr>{}</w:tr>",
            item.iter().map(|t| cell(t)).collect::<String>()
        ));
    }
    body.push(format!(
        r#"<w:tbl><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr>{}</w:tbl>"#,
        rows.concat()
    ));
    body.extend(doc.notes.iter().map(|n| para(n, false, false)));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701"/></w:sectPr></w:body></w:document>"#,
        body.concat()
    )
}

/// The minutes as PDF bytes (A4, Liberation Serif, the same text as the DOCX).
pub fn pdf(m: &Meeting) -> Result<Vec<u8>, danvan_report::ReportError> {
    let json = serde_json::to_string(&minutes(m)).map_err(|e| danvan_report::ReportError::Pdf(e.to_string()))?;
    danvan_report::typeset(include_str!("minutes.typ"), json, m.held_on)
}

/// The minutes as DOCX bytes.
pub fn docx(m: &Meeting) -> Result<Vec<u8>, std::io::Error> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let doc = document(m);
    for (name, text) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("word/document.xml", doc.as_str()),
    ] {
        zip.start_file(name, options).map_err(std::io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use danvan_domain::meeting::{Item, ItemOrigin, ItemOutcome, ItemStatus, MeetingKind, MeetingStatus, SourceKind};
    use std::io::Read;

    fn meeting() -> Meeting {
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        Meeting {
            id: 7,
            unit_scheme: "2025".into(),
            unit_code: "00004".into(),
            unit_name: "Phường Ba Đình".into(),
            unit_level: danvan_domain::unit::Level::Commune,
            kind: MeetingKind::DialogueThematic,
            status: MeetingStatus::Held,
            organiser: "Đảng ủy – UBND phường Ba Đình".into(),
            chairs: vec![],
            held_on: d("2026-04-24"),
            place: None,
            topic: "Bồi thường <Vành đai 4> & tái định cư".into(),
            gpmb_project: None,
            participants: 1200,
            opinions_total: None,
            opinions_collected: None,
            opinions_direct: None,
            schedule_posted_on: None,
            minutes: None,
            announced_on: None,
            announce_form: None,
            closed_on: None,
            items: vec![Item {
                id: 1,
                source_kind: SourceKind::Meeting,
                source_id: 7,
                origin: ItemOrigin::Collected,
                content: "Đơn giá bồi thường đất nông nghiệp".into(),
                topic: None,
                raised_by: None,
                denunciation: false,
                from_unit: None,
                status: ItemStatus::AwaitingAnswer,
                outcome: Some(ItemOutcome::AnswerInWriting),
                answering_agency: Some("Phòng Kinh tế".into()),
                answer_due: Some(d("2026-05-13")),
                answered_on: None,
                answer: None,
                reason: None,
                petition_code: None,
            }],
            warnings: vec![],
            allowed_actions: vec![],
        }
    }

    #[test]
    fn the_minutes_open_as_a_word_document_with_every_item() {
        let bytes = docx(&meeting()).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        assert!(xml.contains("BIÊN BẢN") && xml.contains("Đối thoại chuyên đề"));
        assert!(
            xml.contains("Bồi thường &lt;Vành đai 4&gt; &amp; tái định cư"),
            "escaped"
        );
        assert!(xml.contains("Đơn giá bồi thường đất nông nghiệp"));
        assert!(xml.contains("Tiếp thu, trả lời bằng văn bản; Phòng Kinh tế; hạn 13/05/2026"));
        assert!(xml.contains("1.200"));
        assert!(zip.by_name("[Content_Types].xml").is_ok());
    }

    #[test]
    fn the_minutes_print_as_pdf_with_the_same_text() {
        let bytes = pdf(&meeting()).unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        let dir = std::env::temp_dir().join(format!("danvan-minutes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("bien-ban.pdf");
        std::fs::write(&file, &bytes).unwrap();
        let out = std::process::Command::new("pdftotext")
            .arg(&file)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils)");
        let text = String::from_utf8(out.stdout)
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains("BIÊN BẢN"), "{text}");
        assert!(text.contains("Bồi thường <Vành đai 4> & tái định cư"), "{text}");
        assert!(text.contains("Đơn giá bồi thường đất nông nghiệp"), "{text}");
        assert!(text.contains("hạn 13/05/2026"), "{text}");
    }
}
