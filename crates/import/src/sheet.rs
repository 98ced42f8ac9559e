//! Turning a file into rows of cells, whatever its format. Nothing is checked here beyond
//! "can it be read".

use crate::ImportError;
use calamine::{Data, Reader};
use chrono::NaiveDate;
use std::io::Cursor;

/// One cell as the file gave it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
    /// A formula error such as `#REF!`.
    Error(String),
}

impl Cell {
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A row with its spreadsheet row number (1-based, as Excel shows it).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawRow {
    pub number: usize,
    pub cells: Vec<Cell>,
}

impl RawRow {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_blank)
    }
}

/// The file formats we read, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Csv,
    Xlsx,
    Xls,
}

impl Format {
    pub fn from_file_name(file_name: &str) -> Result<Format, ImportError> {
        let ext = file_name
            .rsplit_once('.')
            .map(|(_, ext)| ext.trim().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "csv" => Ok(Format::Csv),
            "xlsx" | "xlsm" => Ok(Format::Xlsx),
            "xls" => Ok(Format::Xls),
            _ => Err(ImportError::UnknownExtension(file_name.to_string())),
        }
    }
}

pub(crate) fn read_rows(format: Format, bytes: &[u8]) -> Result<Vec<RawRow>, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    match format {
        Format::Csv => read_csv(bytes),
        Format::Xlsx => first_sheet::<calamine::Xlsx<_>>(bytes),
        Format::Xls => first_sheet::<calamine::Xls<_>>(bytes),
    }
}

// ---------------------------------------------------------------------------------------------
// CSV

/// Text of a CSV file. UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such;
/// anything else that is not valid UTF-8 is taken as Windows-1258, the code page a Vietnamese
/// Windows uses when Excel saves "CSV (Comma delimited)".
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_len..]).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1258
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// The delimiter of the first non-blank line: whichever of `,` `;` tab occurs most outside
/// quotes (comma when none does).
fn sniff_delimiter(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' | ';' | '\t' if !quoted => {
                for (d, n) in counts.iter_mut() {
                    if *d as char == c {
                        *n += 1;
                    }
                }
            }
            _ => {}
        }
    }
    // max_by_key keeps the last maximum: reverse so that ties go to the comma.
    counts
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(d, _)| *d)
}

fn read_csv(bytes: &[u8]) -> Result<Vec<RawRow>, ImportError> {
    let text = decode_text(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(&text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut number = 0usize;
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::Unreadable(csv_error(&e)))?;
        let gap = record
            .position()
            .map_or(0, |p| blank_lines_at(text.as_bytes(), p.byte() as usize));
        number += 1 + gap;
        let cells = record
            .iter()
            .map(|f| {
                if f.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(f.to_string())
                }
            })
            .collect();
        rows.push(RawRow { number, cells });
    }
    Ok(rows)
}

/// The csv reader skips empty lines, but a spreadsheet shows each as a row: count them back so
/// that row numbers match what the officer sees when opening the file in Excel. A record's
/// position is just after the previous record's line ending (for `\r\n`, between the two), so
/// the empty lines are the line endings from there to the record's first character. Line breaks
/// inside quoted fields do not start a row, in Excel or here.
fn blank_lines_at(text: &[u8], mut at: usize) -> usize {
    if at > 0 && text.get(at - 1) == Some(&b'\r') && text.get(at) == Some(&b'\n') {
        at += 1;
    }
    let mut lines = 0;
    while let Some(&c) = text.get(at) {
        match c {
            b'\n' => lines += 1,
            b'\r' if text.get(at + 1) != Some(&b'\n') => lines += 1,
            b'\r' => {}
            _ => break,
        }
        at += 1;
    }
    lines
}

fn csv_error(e: &csv::Error) -> String {
    match e.position() {
        Some(p) => format!("lỗi định dạng CSV ở dòng {}", p.line()),
        None => "lỗi định dạng CSV".to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Excel

fn first_sheet<'a, R>(bytes: &'a [u8]) -> Result<Vec<RawRow>, ImportError>
where
    R: Reader<Cursor<&'a [u8]>>,
    R::Error: std::fmt::Display,
{
    let unreadable = |e: R::Error| ImportError::Unreadable(e.to_string());
    let mut workbook = R::new(Cursor::new(bytes)).map_err(unreadable)?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or(ImportError::Empty)?
        .map_err(unreadable)?;
    let Some((first_row, _)) = range.start() else {
        return Ok(Vec::new());
    };
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, cells)| RawRow {
            number: first_row as usize + i + 1,
            cells: cells.iter().map(excel_cell).collect(),
        })
        .collect())
}

fn excel_cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(y.into(), m.into(), d.into()).map_or(Cell::Number(dt.as_f64()), Cell::Date)
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// An Excel serial day number (1900 date system) as a date; the time of day is dropped.
pub(crate) fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let dt = calamine::ExcelDateTime::new(serial, calamine::ExcelDateTimeType::DateTime, false);
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(y.into(), m.into(), d.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[RawRow]) -> Vec<(usize, Vec<String>)> {
        rows.iter()
            .map(|r| {
                let cells = r
                    .cells
                    .iter()
                    .map(|c| match c {
                        Cell::Text(s) => s.clone(),
                        _ => String::new(),
                    })
                    .collect();
                (r.number, cells)
            })
            .collect()
    }

    #[test]
    fn extensions_pick_the_format() {
        assert_eq!(Format::from_file_name("so-don-thu.CSV").unwrap(), Format::Csv);
        assert_eq!(
            Format::from_file_name("/tmp/Sổ đơn thư 2026.xlsx").unwrap(),
            Format::Xlsx
        );
        assert_eq!(Format::from_file_name("cu.xls").unwrap(), Format::Xls);
        assert!(matches!(
            Format::from_file_name("so.pdf"),
            Err(ImportError::UnknownExtension(_))
        ));
        assert!(Format::from_file_name("csv").is_err());
    }

    #[test]
    fn csv_row_numbers_count_blank_lines_and_line_breaks() {
        let cases: [(&str, &[usize]); 5] = [
            ("a,b\r\n\r\n1,\"two\nlines\"\n\n\n3,x\n", &[1, 3, 6]),
            ("\n\na\r\n\r\n\r\nb\r\n", &[3, 6]),
            ("a\r\rb\rc", &[1, 3, 4]),
            ("a\n\"x\ny\"\n\nb", &[1, 2, 4]),
            ("a\n \nb\n", &[1, 2, 3]),
        ];
        for (text, numbers) in cases {
            let rows = read_csv(text.as_bytes()).unwrap();
            let got: Vec<usize> = texts(&rows).into_iter().map(|(n, _)| n).collect();
            assert_eq!(got, numbers, "{text:?}");
        }
    }

    #[test]
    fn csv_delimiters_and_encodings() {
        assert_eq!(sniff_delimiter("STT;Ngày nhận;Loại đơn\n1,5;x;y"), b';');
        assert_eq!(sniff_delimiter("STT\tNgày nhận\n"), b'\t');
        assert_eq!(sniff_delimiter("\"a;b\",c\n"), b',');
        assert_eq!(sniff_delimiter("a\n"), b',');

        let bom = "\u{feff}Ngày nhận,Loại đơn\n";
        assert_eq!(decode_text(bom.as_bytes()), "Ngày nhận,Loại đơn\n");
        let mut utf16 = vec![0xff, 0xfe];
        for u in "Tố cáo".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(decode_text(&utf16), "Tố cáo");
        // "Tố cáo" in Windows-1258: the tone of ố is a combining mark after ô (0xF4).
        let cp1258 = [b'T', 0xf4, 0xec, b' ', b'c', b'a', 0xec, b'o'];
        assert_eq!(danvan_domain::text::normalize(&decode_text(&cp1258)), "Tố cáo");
    }

    #[test]
    fn excel_serials_are_dates() {
        assert_eq!(excel_serial_date(46037.0), NaiveDate::from_ymd_opt(2026, 1, 15));
        assert_eq!(excel_serial_date(46037.75), NaiveDate::from_ymd_opt(2026, 1, 15));
        assert_eq!(excel_serial_date(0.5), None);
        assert_eq!(excel_serial_date(-3.0), None);
    }
}
