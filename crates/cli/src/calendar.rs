//! `danvan calendar …`: public holidays and deadlines from the working-day calendar. Pure
//! computation: these commands never open or create a database.

use crate::output::Format;
use chrono::{Datelike, NaiveDate};
use clap::Subcommand;
use danvan_domain::calendar::{weekday_vi, Calendar, DayKind, Holiday};
use danvan_domain::unit::parse_date;
use danvan_domain::DomainError;
use danvan_store::StoreError;
use serde::Serialize;
use std::io::Write;

#[derive(Subcommand)]
pub enum CalendarCommand {
    /// Ngày nghỉ lễ, tết và ngày làm bù trong năm / a year's days off and make-up working days
    Holidays {
        /// Năm / year, e.g. 2025
        #[arg(long)]
        year: String,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Tính hạn cuối của một thời hạn / compute the last day of a period
    ///
    /// Thời hạn tính từ ngày tiếp theo ngày bắt đầu (BLDS 2015 Điều 147); hạn theo ngày mà rơi
    /// vào ngày nghỉ thì chuyển sang ngày làm việc kế tiếp (Điều 148). / Counting starts the
    /// day after --from; a --days deadline on a day off moves to the next working day.
    Deadline {
        /// Ngày bắt đầu (không tính ngày này) / anchor date, YYYY-MM-DD or dd/mm/yyyy
        #[arg(long)]
        from: String,
        /// Số ngày làm việc / number of working days
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        working_days: Vec<String>,
        /// Số ngày theo lịch / number of calendar days
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        days: Vec<String>,
    },
}

/// Errors reach the user as one Vietnamese line with their code, like the store's.
fn fail(e: DomainError) -> anyhow::Error {
    StoreError::from(e).into()
}

pub fn run(command: CalendarCommand) -> anyhow::Result<()> {
    let calendar = Calendar::vietnam();
    match command {
        CalendarCommand::Holidays { year, format } => {
            let year = parse_year(&year).map_err(fail)?;
            print_holidays(format, &calendar.holidays(year))
        }
        CalendarCommand::Deadline {
            from,
            working_days,
            days,
        } => {
            let from = parse_date(&from).map_err(fail)?;
            let due = match (working_days.as_slice(), days.as_slice()) {
                ([n], []) => calendar.add_working_days(from, parse_count(n).map_err(fail)?),
                ([], [n]) => calendar.add_calendar_days_to_working_day(from, parse_count(n).map_err(fail)?),
                _ => Err(DomainError::validation(
                    "cần đúng một trong hai tham số --working-days N hoặc --days N",
                )),
            }
            .map_err(fail)?;
            println!("{}", show_date(due));
            Ok(())
        }
    }
}

fn parse_year(s: &str) -> Result<i32, DomainError> {
    match s.trim().parse::<i32>() {
        Ok(y) if (1..=9999).contains(&y) => Ok(y),
        _ => Err(DomainError::validation(format!("năm '{s}' không hợp lệ (1–9999)"))),
    }
}

fn parse_count(s: &str) -> Result<u32, DomainError> {
    s.trim()
        .parse::<u32>()
        .map_err(|_| DomainError::validation(format!("số ngày '{s}' không hợp lệ (số nguyên không âm)")))
}

/// `03/02/2025 (Thứ Hai)`.
fn show_date(d: NaiveDate) -> String {
    format!("{} ({})", d.format("%d/%m/%Y"), weekday_vi(d.weekday()))
}

#[derive(Serialize)]
struct Row<'a> {
    date: NaiveDate,
    weekday: &'static str,
    name: &'a str,
    kind: DayKind,
}

fn print_holidays(format: Format, list: &[Holiday]) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let header = ["date", "weekday", "name", "kind"];
    match format {
        Format::Json => {
            let rows: Vec<Row> = list
                .iter()
                .map(|h| Row {
                    date: h.date,
                    weekday: weekday_vi(h.date.weekday()),
                    name: &h.name,
                    kind: h.kind,
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(header)?;
            for h in list {
                w.write_record([
                    h.date.to_string().as_str(),
                    weekday_vi(h.date.weekday()),
                    &h.name,
                    h.kind.as_str(),
                ])?;
            }
            w.flush()?;
        }
        Format::Table => {
            let rows: Vec<[String; 4]> = list
                .iter()
                .map(|h| {
                    [
                        h.date.format("%d/%m/%Y").to_string(),
                        weekday_vi(h.date.weekday()).to_string(),
                        h.name.clone(),
                        h.kind.label_vi().to_string(),
                    ]
                })
                .collect();
            let mut widths = header.map(|h| h.chars().count());
            for r in &rows {
                for (w, c) in widths.iter_mut().zip(r) {
                    *w = (*w).max(c.chars().count());
                }
            }
            let line = |cells: [&str; 4]| {
                cells
                    .iter()
                    .zip(widths)
                    .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_string()
            };
            writeln!(out, "{}", line(header))?;
            for r in &rows {
                writeln!(out, "{}", line([&r[0], &r[1], &r[2], &r[3]]))?;
            }
        }
    }
    Ok(())
}
