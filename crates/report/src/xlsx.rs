//! XLSX: a summary sheet, one sheet per section and a warnings sheet. Values are numbers in
//! their cells (a rate as its percentage), never text, so officers can sum and chart them.

use crate::{Report, ReportError, Result};
use danvan_domain::report::{FigureRow, SectionId};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

fn err(e: XlsxError) -> ReportError {
    ReportError::Write(e.to_string())
}

/// Sheet names: at most 31 characters, no `[]:*?/\`.
pub(crate) fn sheet_name(id: SectionId) -> &'static str {
    match id {
        SectionId::Directives => "Lãnh đạo, chỉ đạo",
        SectionId::Petitions => "Tiếp dân, đơn thư",
        SectionId::Meetings => "Đối thoại",
        SectionId::Supervision => "Giám sát, phản biện",
        SectionId::Dvk => "Dân vận khéo",
        SectionId::Democracy => "Dân chủ cơ sở",
        SectionId::Gpmb => "GPMB",
        SectionId::Movements => "Phong trào",
    }
}

const HEADERS: [&str; 8] = [
    "Mã chỉ tiêu",
    "Chỉ tiêu",
    "Giá trị",
    "Mẫu số",
    "Tỷ lệ (%)",
    "Cùng kỳ",
    "Nguồn",
    "Diễn giải",
];

fn write_rows(sheet: &mut Worksheet, rows: &[FigureRow]) -> std::result::Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_background_color("#EEF0F3");
    let count = Format::new().set_num_format("#,##0");
    let percent = Format::new().set_num_format("0.0");
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, f) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, &f.id)?;
        sheet.write_string(r, 1, &f.label)?;
        sheet.write_number_with_format(r, 2, f.value as f64, &count)?;
        if let Some(d) = f.denominator {
            sheet.write_number_with_format(r, 3, d as f64, &count)?;
        }
        if let Some(pm) = f.per_mille {
            sheet.write_number_with_format(r, 4, pm as f64 / 10.0, &percent)?;
        }
        if let Some(p) = f.previous {
            let format = if f.per_mille.is_some() { &percent } else { &count };
            let v = if f.per_mille.is_some() {
                p as f64 / 10.0
            } else {
                p as f64
            };
            sheet.write_number_with_format(r, 5, v, format)?;
        }
        sheet.write_string(r, 6, f.source.label_vi())?;
        sheet.write_string(r, 7, &f.text)?;
    }
    for (c, w) in [24.0, 48.0, 14.0, 12.0, 10.0, 12.0, 24.0, 40.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn build(report: &Report) -> std::result::Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let info = book.add_worksheet();
    info.set_name("Thông tin")?;
    let lines = [
        ("Đơn vị", format!("{} ({})", report.unit.name, report.unit.label())),
        ("Kỳ báo cáo", format!("{} ({})", report.period.label, report.period.key)),
        (
            "Từ ngày – đến ngày",
            format!(
                "{} – {}",
                report.period.from.format("%d/%m/%Y"),
                report.period.to.format("%d/%m/%Y")
            ),
        ),
        ("So sánh với", report.previous.label.clone()),
        ("Tiêu đề", report.title.clone()),
    ];
    for (i, (k, v)) in lines.iter().enumerate() {
        info.write_string_with_format(i as u32, 0, *k, &bold)?;
        info.write_string(i as u32, 1, v)?;
    }
    let mut r = lines.len() as u32 + 1;
    for note in &report.notes {
        info.write_string(r, 0, "Ghi chú")?;
        info.write_string(r, 1, note)?;
        r += 1;
    }
    for (unit, how) in &report.submitted_units {
        info.write_string(r, 0, "Đơn vị nộp số liệu")?;
        info.write_string(r, 1, format!("{} ({how})", unit.name))?;
        r += 1;
    }
    info.set_column_width(0, 22)?;
    info.set_column_width(1, 90)?;
    for s in &report.sections {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(s.id))?;
        write_rows(sheet, &s.figures)?;
    }
    let sheet = book.add_worksheet();
    sheet.set_name("Cảnh báo")?;
    for (c, h) in ["Mã", "Nội dung", "Chỉ tiêu", "Đơn vị", "Liên kết"].iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, w) in report.warnings.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, &w.code)?;
        sheet.write_string(r, 1, &w.message)?;
        sheet.write_string(r, 2, w.figure.as_deref().unwrap_or(""))?;
        sheet.write_string(r, 3, w.unit.as_deref().unwrap_or(""))?;
        sheet.write_string(r, 4, w.link.as_deref().unwrap_or(""))?;
    }
    sheet.set_column_width(1, 100)?;
    book.save_to_buffer()
}

pub(crate) fn render(report: &Report) -> Result<Vec<u8>> {
    build(report).map_err(err)
}
