//! Finding the header row and checking each data row into a petition.

use crate::columns::{field_for_header, spec, Field, FIELDS};
use crate::sheet::{Cell, RawRow};
use crate::values::{
    cell_text, channel_choices, kind_choices, number_text, parse_channel, parse_date_cell, parse_flag, parse_kind,
    parse_topic, topic_choices,
};
use crate::{ImportError, Problem, RowResult};
use chrono::NaiveDate;
use danvan_domain::petition::{
    validate_cccd, validate_phone, validate_received_date, Channel, NewPetition, Petitioner, Topics,
};
use danvan_domain::text::{fold, normalize};
use danvan_domain::{DomainError, ErrorCode};
use std::collections::BTreeMap;

/// How many non-blank rows from the top may come before the header (a title, the office's
/// name, a date line...).
const HEADER_SEARCH_ROWS: usize = 10;

/// Where each known column is, and its header as written in the file.
#[derive(Debug)]
pub(crate) struct Layout {
    columns: BTreeMap<Field, (usize, String)>,
}

impl Layout {
    fn from_row(row: &RawRow) -> (Layout, Vec<String>) {
        let mut columns = BTreeMap::new();
        let mut duplicates = Vec::new();
        for (i, cell) in row.cells.iter().enumerate() {
            let Cell::Text(text) = cell else { continue };
            let Some(field) = field_for_header(text) else {
                continue;
            };
            let header = normalize(text);
            if let Some((_, first)) = columns.get(&field) {
                duplicates.push(format!("{first} / {header}"));
            } else {
                columns.insert(field, (i, header));
            }
        }
        (Layout { columns }, duplicates)
    }

    fn missing_required(&self) -> Vec<String> {
        FIELDS
            .iter()
            .filter(|f| f.spec.required && !self.columns.contains_key(&f.field))
            .map(|f| f.spec.header.to_string())
            .collect()
    }

    /// The header of a column as the file writes it, or as documented when the file lacks it.
    fn header(&self, field: Field) -> String {
        self.columns
            .get(&field)
            .map_or_else(|| spec(field).spec.header.to_string(), |(_, h)| h.clone())
    }

    fn index(&self, field: Field) -> Option<usize> {
        self.columns.get(&field).map(|(i, _)| *i)
    }
}

/// Finds the header row among the first rows: the first one that has every required column.
/// Returns its position in `rows`.
pub(crate) fn find_header(rows: &[RawRow]) -> Result<(usize, Layout), ImportError> {
    let mut best: Option<Layout> = None;
    for (pos, row) in rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.is_blank())
        .take(HEADER_SEARCH_ROWS)
    {
        let (layout, duplicates) = Layout::from_row(row);
        if layout.missing_required().is_empty() {
            if let Some(d) = duplicates.into_iter().next() {
                return Err(ImportError::DuplicateColumn(d));
            }
            return Ok((pos, layout));
        }
        if best.as_ref().is_none_or(|b| layout.columns.len() > b.columns.len()) {
            best = Some(layout);
        }
    }
    match best {
        None => Err(ImportError::Empty),
        Some(layout) => Err(ImportError::MissingColumns(layout.missing_required())),
    }
}

/// The columns whose content makes a row a petition. A row with only STT, a channel, a unit or
/// marks filled in (pre-filled lines of a register) counts as blank.
const CONTENT_FIELDS: [Field; 9] = [
    Field::ReceivedOn,
    Field::Kind,
    Field::Topic,
    Field::Subject,
    Field::Content,
    Field::Names,
    Field::Cccd,
    Field::Phone,
    Field::Address,
];

static EMPTY: Cell = Cell::Empty;

/// One data row being checked; collects every problem rather than stopping at the first.
struct RowCheck<'a> {
    number: usize,
    cells: &'a [Cell],
    layout: &'a Layout,
    problems: Vec<Problem>,
    failed: Vec<Field>,
}

impl<'a> RowCheck<'a> {
    fn cell(&self, field: Field) -> &'a Cell {
        self.layout
            .index(field)
            .and_then(|i| self.cells.get(i))
            .unwrap_or(&EMPTY)
    }

    fn problem(&mut self, field: Field, code: ErrorCode, message: impl Into<String>) {
        self.failed.push(field);
        self.problems.push(Problem {
            row: self.number,
            column: self.layout.header(field),
            code,
            message: message.into(),
        });
    }

    fn domain_problem(&mut self, field: Field, e: DomainError, prefix: &str) {
        self.problem(field, e.code, format!("{prefix}{e}"));
    }

    /// The cell as text, untouched (so that lists can still be split on line breaks). `None` when
    /// blank; a formula error is reported.
    fn raw(&mut self, field: Field) -> Option<String> {
        match self.cell(field) {
            Cell::Error(e) => {
                let message = format!("ô bị lỗi công thức ({e})");
                self.problem(field, ErrorCode::Validation, message);
                None
            }
            c if c.is_blank() => None,
            c => Some(cell_text(c)),
        }
    }

    /// The cell as normalized text (NFC, single spaces); `None` when blank.
    fn text(&mut self, field: Field) -> Option<String> {
        self.raw(field).map(|s| normalize(&s)).filter(|s| !s.is_empty())
    }

    fn required(&mut self, field: Field) -> Option<String> {
        let value = self.text(field);
        if value.is_none() {
            self.blank(field);
        }
        value
    }

    fn blank(&mut self, field: Field) {
        if !self.failed.contains(&field) {
            self.problem(field, ErrorCode::Validation, "không được để trống");
        }
    }

    fn flag(&mut self, field: Field) -> bool {
        parse_flag(self.cell(field)).unwrap_or_else(|m| {
            self.problem(field, ErrorCode::Validation, m);
            false
        })
    }

    fn received_on(&mut self, today: NaiveDate) -> Option<NaiveDate> {
        let cell = self.cell(Field::ReceivedOn);
        if let Cell::Error(_) = cell {
            self.raw(Field::ReceivedOn);
            return None;
        }
        if cell.is_blank() {
            self.blank(Field::ReceivedOn);
            return None;
        }
        match parse_date_cell(cell) {
            Ok(date) => match validate_received_date(date, today) {
                Ok(()) => Some(date),
                Err(e) => {
                    self.domain_problem(Field::ReceivedOn, e, "");
                    None
                }
            },
            Err(detail) => {
                self.domain_problem(Field::ReceivedOn, DomainError::new(ErrorCode::InvalidDate, detail), "");
                None
            }
        }
    }

    /// A CCCD or phone cell's values. Excel drops the leading zeros of a number, and every CCCD
    /// and phone number starts with 0: a numeric cell gets them back.
    fn id_list(&mut self, field: Field, width: usize) -> Vec<String> {
        match self.cell(field) {
            Cell::Number(n) if n.fract() == 0.0 && *n > 0.0 => {
                let digits = number_text(*n);
                let restore = match field {
                    Field::Phone => digits.len() == width - 1,
                    _ => digits.len() < width,
                };
                vec![if restore { format!("{digits:0>width$}") } else { digits }]
            }
            _ => self.raw(field).map(|s| split_list(&s, true)).unwrap_or_default(),
        }
    }

    fn petitioners(&mut self, anonymous: bool) -> Vec<Petitioner> {
        let names = self.raw(Field::Names).map(|s| split_list(&s, true)).unwrap_or_default();
        let many = names.len() > 1;
        let who = |i: usize| {
            if many {
                format!("người thứ {}: ", i + 1)
            } else {
                String::new()
            }
        };
        for (i, name) in names.iter().enumerate() {
            if name.is_empty() {
                self.problem(
                    Field::Names,
                    ErrorCode::Validation,
                    format!("họ tên người thứ {} để trống", i + 1),
                );
            } else if name.contains(',') {
                self.problem(
                    Field::Names,
                    ErrorCode::Validation,
                    format!("'{name}': nhiều người viết đơn phải cách nhau bằng dấu chấm phẩy (;)"),
                );
            }
        }
        if names.is_empty() && !anonymous && !self.failed.contains(&Field::Names) {
            self.problem(
                Field::Names,
                ErrorCode::Validation,
                "chưa ghi người viết đơn (đơn không ghi họ tên thì đánh dấu x ở cột Nặc danh)",
            );
        }
        let mut people: Vec<Petitioner> = names
            .iter()
            .map(|name| Petitioner {
                name: name.clone(),
                cccd: None,
                phone: None,
                address: None,
                address_unit: None,
            })
            .collect();

        let cccds = self.id_list(Field::Cccd, 12);
        if !cccds.is_empty() {
            if cccds.len() != names.len() {
                self.problem(
                    Field::Cccd,
                    ErrorCode::Validation,
                    format!(
                        "có {} số CCCD nhưng {} người viết đơn: ghi theo đúng thứ tự họ tên, cách nhau bằng dấu ;",
                        cccds.len(),
                        names.len()
                    ),
                );
            } else {
                let mut seen: Vec<String> = Vec::new();
                for (i, raw) in cccds.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
                    match validate_cccd(raw) {
                        Ok(cccd) if seen.contains(&cccd) => {
                            self.problem(
                                Field::Cccd,
                                ErrorCode::Validation,
                                format!("{}số CCCD {cccd} bị ghi hai lần", who(i)),
                            );
                        }
                        Ok(cccd) => {
                            seen.push(cccd.clone());
                            people[i].cccd = Some(cccd);
                        }
                        Err(e) => self.domain_problem(Field::Cccd, e, &who(i)),
                    }
                }
            }
        }

        let phones = self.id_list(Field::Phone, 10);
        for (i, raw) in self.spread(Field::Phone, phones, names.len(), "số điện thoại") {
            match validate_phone(&raw) {
                Ok(phone) => people[i].phone = Some(phone),
                Err(e) => self.domain_problem(Field::Phone, e, &who(i)),
            }
        }

        let addresses = self
            .raw(Field::Address)
            .map(|s| split_list(&s, false))
            .unwrap_or_default();
        for (i, address) in self.spread(Field::Address, addresses, names.len(), "địa chỉ") {
            people[i].address = Some(address);
        }
        people
    }

    /// Pairs the values of a per-person column with the petitioners: one value belongs to the
    /// first one (the representative), several go in the order of the names.
    fn spread(&mut self, field: Field, values: Vec<String>, people: usize, what: &str) -> Vec<(usize, String)> {
        if values.is_empty() {
            return Vec::new();
        }
        if people == 0 {
            self.problem(
                field,
                ErrorCode::Validation,
                format!("có {what} nhưng không có người viết đơn"),
            );
            return Vec::new();
        }
        if values.len() != 1 && values.len() != people {
            self.problem(
                field,
                ErrorCode::Validation,
                format!(
                    "có {} {what} nhưng {people} người viết đơn: ghi một {what} (của người đứng đầu) \
                     hoặc đủ cho từng người, cách nhau bằng dấu ;",
                    values.len()
                ),
            );
            return Vec::new();
        }
        values.into_iter().enumerate().filter(|(_, v)| !v.is_empty()).collect()
    }
}

/// Splits a list cell on `;` (and line breaks when `lines`), normalizing each part. Empty parts
/// at the end (a trailing `;`) are dropped; empty parts inside are kept, as they hold a place.
fn split_list(raw: &str, lines: bool) -> Vec<String> {
    let mut parts: Vec<String> = raw.split(|c| c == ';' || (lines && c == '\n')).map(normalize).collect();
    while parts.last().is_some_and(|p| p.is_empty()) {
        parts.pop();
    }
    parts
}

/// Whether the row is the template's example line (STT "Ví dụ"), which is never imported.
fn is_example(row: &RawRow, layout: &Layout) -> bool {
    layout
        .index(Field::Stt)
        .and_then(|i| row.cells.get(i))
        .is_some_and(|c| matches!(fold(&cell_text(c)).as_str(), "vi du" | "vd"))
}

fn is_blank(row: &RawRow, layout: &Layout) -> bool {
    CONTENT_FIELDS
        .iter()
        .filter_map(|f| layout.index(*f))
        .all(|i| row.cells.get(i).is_none_or(Cell::is_blank))
}

/// Checks every data row after the header; blank rows and the example row are skipped.
pub(crate) fn check_rows(
    rows: &[RawRow],
    layout: &Layout,
    default_unit: &str,
    today: NaiveDate,
    topics: &Topics,
) -> Vec<RowResult> {
    rows.iter()
        .filter(|r| !is_blank(r, layout) && !is_example(r, layout))
        .map(|r| check_row(r, layout, default_unit, today, topics))
        .collect()
}

fn check_row(row: &RawRow, layout: &Layout, default_unit: &str, today: NaiveDate, topics: &Topics) -> RowResult {
    let mut c = RowCheck {
        number: row.number,
        cells: &row.cells,
        layout,
        problems: Vec::new(),
        failed: Vec::new(),
    };
    let received_on = c.received_on(today);

    let kind = c.required(Field::Kind).and_then(|v| {
        let kind = parse_kind(&v);
        if kind.is_none() {
            let message = format!("'{v}' không phải loại đơn hợp lệ ({})", kind_choices());
            c.problem(Field::Kind, ErrorCode::Validation, message);
        }
        kind
    });

    let channel = match c.text(Field::Channel) {
        None if c.failed.contains(&Field::Channel) => None,
        None => Some(Channel::InPerson),
        Some(v) => {
            let channel = parse_channel(&v);
            if channel.is_none() {
                let message = format!("'{v}' không phải nguồn đơn hợp lệ ({})", channel_choices());
                c.problem(Field::Channel, ErrorCode::Validation, message);
            }
            channel
        }
    };

    let topic = c.required(Field::Topic).and_then(|v| {
        let topic = parse_topic(&v, topics);
        if topic.is_none() {
            let message = format!("'{v}' không có trong danh mục lĩnh vực ({})", topic_choices(topics));
            c.problem(Field::Topic, ErrorCode::Validation, message);
        }
        topic
    });

    let subject = c.required(Field::Subject);
    let content = c.required(Field::Content);

    let unit = match c.text(Field::Unit) {
        Some(unit) => Some(unit),
        None => Some(normalize(default_unit)).filter(|u| !u.is_empty()),
    };
    if unit.is_none() {
        c.blank(Field::Unit);
    }

    let anonymous = c.flag(Field::Anonymous);
    let remote = c.flag(Field::Remote);
    let petitioners = c.petitioners(anonymous);

    let petition = match (unit, kind, channel, received_on, subject, content, topic) {
        (Some(unit), Some(kind), Some(channel), Some(received_on), Some(subject), Some(content), Some(topic))
            if c.problems.is_empty() =>
        {
            Some(NewPetition {
                unit,
                organisation_id: None,
                kind,
                round: 1,
                previous_code: None,
                channel,
                received_on,
                subject,
                content,
                topic: topic.to_string(),
                petitioners,
                anonymous,
                remote,
            })
        }
        _ => None,
    };
    RowResult {
        row: row.number,
        petition,
        problems: c.problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_on_semicolons_and_line_breaks() {
        assert_eq!(split_list("An; Bình;", true), vec!["An", "Bình"]);
        assert_eq!(split_list("An\nBình", true), vec!["An", "Bình"]);
        assert_eq!(split_list("Số 5\nngõ 3", false), vec!["Số 5 ngõ 3"]);
        assert_eq!(
            split_list("001088012345;;001190054321", true),
            vec!["001088012345", "", "001190054321"]
        );
        assert!(split_list(" ; ", true).is_empty());
    }
}
