//! An empty register for offices to fill in: the header row and one example row (STT "Ví dụ",
//! which the reader skips, so a template filled in around it imports cleanly).

use crate::columns::{Field, FIELDS};
use danvan_domain::petition::{Channel, PetitionKind, Topics};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Note,
    Workbook, Worksheet, XlsxError,
};

/// The name of the register sheet (the one that is read).
pub(crate) const SHEET_NAME: &str = "Sổ theo dõi đơn thư";
const GUIDE_SHEET: &str = "Hướng dẫn";
const LISTS_SHEET: &str = "Danh mục";
/// Rows of the register sheet that get the drop-down lists and the column formats.
const PREPARED_ROWS: u32 = 1000;

/// Short names of the channels for the drop-down list (all accepted by the reader).
pub(crate) const CHANNEL_CHOICES: [(Channel, &str); 6] = [
    (Channel::InPerson, "Trực tiếp"),
    (Channel::Mail, "Bưu chính"),
    (Channel::Online, "Trực tuyến"),
    (Channel::Hotline, "Đường dây nóng"),
    (Channel::Forwarded, "Cơ quan khác chuyển đến"),
    (Channel::Meeting, "Hội nghị"),
];

/// The example row, in template column order; the date is 15/01/2026.
fn example(field: Field) -> &'static str {
    match field {
        Field::Stt => "Ví dụ",
        Field::ReceivedOn => "15/01/2026",
        Field::Kind => "Khiếu nại",
        Field::Channel => "Trực tiếp",
        Field::Topic => "Đất đai",
        Field::Subject => "Khiếu nại việc chưa cấp giấy chứng nhận quyền sử dụng đất",
        Field::Content => {
            "Hai hộ gia đình khiếu nại việc UBND xã chưa cấp giấy chứng nhận quyền sử dụng đất \
             cho thửa đất số 125, tờ bản đồ số 7 dù đã nộp đủ hồ sơ từ tháng 6/2025."
        }
        Field::Names => "Nguyễn Văn An; Trần Thị Bình",
        Field::Cccd => "001088012345; 001190054321",
        Field::Phone => "0912345678",
        Field::Address => "Thôn Đông, xã Minh Châu",
        Field::Unit => "",
        Field::Anonymous => "",
        Field::Remote => "",
    }
}

/// The register template as an Excel workbook: the register sheet (bold header with notes,
/// column widths, date and text formats, drop-down lists, one example row), a guide sheet and
/// the lists of accepted values.
/// The topic list is the taxonomy in force (its open topics).
pub fn template_xlsx(topics: &Topics) -> Vec<u8> {
    build_xlsx(topics).expect("the template is built from checked data and always writes")
}

fn build_xlsx(topics: &Topics) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    workbook.push_worksheet(register_sheet(topics)?);
    workbook.push_worksheet(guide_sheet()?);
    workbook.push_worksheet(lists_sheet(topics)?);
    workbook.save_to_buffer()
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin)
}

fn register_sheet(topics: &Topics) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(SHEET_NAME)?;
    let header = header_format();
    let required = header_format().set_font_color(Color::RGB(0xC00000));
    let example_text = Format::new().set_italic().set_font_color(Color::Gray);
    let example_date = example_text.clone().set_num_format("dd/mm/yyyy");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let text = Format::new().set_num_format("@");
    let wrapped = Format::new().set_text_wrap();

    for (col, f) in FIELDS.iter().enumerate() {
        let col = col as u16;
        sheet.set_column_width(col, f.width)?;
        match f.field {
            Field::ReceivedOn => sheet.set_column_format(col, &date)?,
            // Typed as numbers, CCCD and phone numbers would lose their leading 0.
            Field::Cccd | Field::Phone => sheet.set_column_format(col, &text)?,
            Field::Subject | Field::Content | Field::Names | Field::Address => {
                sheet.set_column_format(col, &wrapped)?
            }
            _ => &mut sheet,
        };
        let format = if f.spec.required { &required } else { &header };
        sheet.write_string_with_format(0, col, f.spec.header, format)?;
        let note = if f.spec.required {
            format!("Bắt buộc. {}", f.spec.hint)
        } else {
            f.spec.hint.to_string()
        };
        sheet.insert_note(0, col, &Note::new(note).add_author_prefix(false).set_width(320))?;

        if f.field == Field::ReceivedOn {
            let day = ExcelDateTime::from_ymd(2026, 1, 15)?;
            sheet.write_datetime_with_format(1, col, &day, &example_date)?;
        } else if !example(f.field).is_empty() {
            sheet.write_string_with_format(1, col, example(f.field), &example_text)?;
        }

        if let Some(list) = list_range(f.field, topics) {
            let validation = DataValidation::new()
                .allow_list_formula(Formula::new(list))
                .set_error_style(DataValidationErrorStyle::Warning)
                .set_error_title("Giá trị ngoài danh mục")?
                .set_error_message("Giá trị này không có trong danh mục (xem trang Danh mục). Vẫn giữ?")?;
            sheet.add_data_validation(1, col, PREPARED_ROWS, col, &validation)?;
        }
    }
    sheet.set_row_height(0, 32)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(sheet)
}

/// The drop-down list of a column, as a range of the lists sheet.
fn list_range(field: Field, topics: &Topics) -> Option<String> {
    let (col, len) = match field {
        Field::Kind => ('A', PetitionKind::ALL.len()),
        Field::Channel => ('B', CHANNEL_CHOICES.len()),
        Field::Topic => ('C', topics.open().count()),
        Field::Anonymous | Field::Remote => ('D', 1),
        _ => return None,
    };
    Some(format!("='{LISTS_SHEET}'!${col}$2:${col}${}", len + 1))
}

fn guide_sheet() -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(GUIDE_SHEET)?;
    let header = header_format();
    let wrapped = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 10)?;
    sheet.set_column_width(2, 90)?;
    for (col, title) in ["Cột", "Bắt buộc", "Cách ghi"].into_iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, title, &header)?;
    }
    for (i, f) in FIELDS.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string_with_format(row, 0, f.spec.header, &wrapped)?;
        sheet.write_string_with_format(row, 1, if f.spec.required { "x" } else { "" }, &wrapped)?;
        sheet.write_string_with_format(row, 2, f.spec.hint, &wrapped)?;
    }
    let notes = [
        "Chỉ trang đầu tiên (Sổ theo dõi đơn thư) được đọc; dòng 1 là dòng tiêu đề.",
        "Dòng trống và dòng có STT là \"Ví dụ\" được bỏ qua.",
        "Chữ có dấu hoặc không dấu, chữ hoa hoặc thường đều được (ví dụ \"khieu nai\").",
    ];
    for (i, note) in notes.into_iter().enumerate() {
        sheet.write_string(FIELDS.len() as u32 + 2 + i as u32, 0, note)?;
    }
    Ok(sheet)
}

fn lists_sheet(topics: &Topics) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(LISTS_SHEET)?;
    let header = header_format();
    let titles = ["Loại đơn", "Nguồn đơn", "Lĩnh vực", "Đánh dấu"];
    for (col, title) in titles.into_iter().enumerate() {
        sheet.set_column_width(col as u16, 32)?;
        sheet.write_string_with_format(0, col as u16, title, &header)?;
    }
    for (i, k) in PetitionKind::ALL.iter().enumerate() {
        sheet.write_string(i as u32 + 1, 0, k.label_vi())?;
    }
    for (i, (_, name)) in CHANNEL_CHOICES.iter().enumerate() {
        sheet.write_string(i as u32 + 1, 1, *name)?;
    }
    for (i, topic) in topics.open().enumerate() {
        sheet.write_string(i as u32 + 1, 2, &topic.label)?;
    }
    sheet.write_string(1, 3, "x")?;
    Ok(sheet)
}

/// The register template as CSV (UTF-8 with a byte-order mark, so that Excel shows the
/// Vietnamese letters): the header row and the example row.
pub fn template_csv() -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let write = |w: &mut csv::Writer<Vec<u8>>| -> Result<(), csv::Error> {
        w.write_record(FIELDS.iter().map(|f| f.spec.header))?;
        w.write_record(FIELDS.iter().map(|f| example(f.field)))?;
        Ok(())
    };
    write(&mut writer).expect("writing to memory cannot fail");
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    format!("\u{feff}{}", String::from_utf8(bytes).expect("the template is UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::{parse_channel, parse_kind, parse_topic};

    #[test]
    fn drop_down_values_are_all_accepted() {
        for (channel, name) in CHANNEL_CHOICES {
            assert_eq!(parse_channel(name), Some(channel), "{name}");
        }
        for k in PetitionKind::ALL {
            assert_eq!(parse_kind(k.label_vi()), Some(*k));
        }
        let topics = Topics::default();
        for t in &topics.topics {
            assert_eq!(parse_topic(&t.label, &topics).as_deref(), Some(t.code.as_str()));
        }
        assert_eq!(list_range(Field::Topic, &topics).unwrap(), "='Danh mục'!$C$2:$C$9");
    }

    #[test]
    fn the_example_row_parses() {
        assert!(parse_kind(example(Field::Kind)).is_some());
        assert!(parse_channel(example(Field::Channel)).is_some());
        assert!(parse_topic(example(Field::Topic), &Topics::default()).is_some());
    }
}
