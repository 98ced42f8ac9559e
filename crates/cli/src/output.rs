//! Printing lists as an aligned table, CSV or JSON.

use clap::ValueEnum;
use danvan_domain::organisation::Organisation;
use danvan_domain::unit::{Succession, Unit};
use danvan_domain::user::User;
use serde::Serialize;
use std::io::Write;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

fn opt_date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Prints rows in the chosen format; JSON prints `items` as given.
pub fn print<T: Serialize>(format: Format, header: &[&str], rows: Vec<Vec<String>>, items: &[T]) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, items)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(header)?;
            for r in rows {
                w.write_record(r)?;
            }
            w.flush()?;
        }
        Format::Table => {
            let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
            for r in &rows {
                for (i, c) in r.iter().enumerate() {
                    widths[i] = widths[i].max(c.chars().count());
                }
            }
            let line = |cells: Vec<String>| {
                cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("{c}{}", " ".repeat(widths[i] - c.chars().count())))
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_string()
            };
            writeln!(out, "{}", line(header.iter().map(|h| h.to_string()).collect()))?;
            for r in rows {
                writeln!(out, "{}", line(r))?;
            }
        }
    }
    Ok(())
}

pub fn units(format: Format, units: &[Unit]) -> anyhow::Result<()> {
    let rows = units
        .iter()
        .map(|u| {
            vec![
                u.scheme.clone(),
                u.code.clone(),
                u.name.clone(),
                u.kind.clone(),
                u.level.as_str().into(),
                u.parent_code.clone().unwrap_or_default(),
                opt_date(u.valid_from),
                opt_date(u.valid_to),
            ]
        })
        .collect();
    let header = [
        "scheme",
        "code",
        "name",
        "kind",
        "level",
        "parent",
        "valid_from",
        "valid_to",
    ];
    print(format, &header, rows, units)?;
    eprintln!("{} đơn vị", units.len());
    Ok(())
}

pub fn successions(format: Format, list: &[Succession], forward: bool) -> anyhow::Result<()> {
    let rows = list
        .iter()
        .map(|s| {
            let other = if forward { &s.successor } else { &s.predecessor };
            vec![
                other.scheme.clone(),
                other.code.clone(),
                other.name.clone(),
                s.kind.as_str().into(),
                if s.is_default { "1".into() } else { String::new() },
            ]
        })
        .collect();
    print(format, &["scheme", "code", "name", "kind", "is_default"], rows, list)
}

pub fn organisations(format: Format, list: &[Organisation]) -> anyhow::Result<()> {
    let rows = list
        .iter()
        .map(|o| {
            vec![
                o.id.to_string(),
                format!("{}/{}", o.unit_scheme, o.unit_code),
                o.kind.as_str().into(),
                o.name.clone(),
            ]
        })
        .collect();
    print(format, &["id", "unit", "kind", "name"], rows, list)
}

pub fn users(format: Format, list: &[User]) -> anyhow::Result<()> {
    let rows = list
        .iter()
        .map(|u| {
            vec![
                u.username.clone(),
                u.display_name.clone(),
                u.role.as_str().into(),
                format!("{}/{}", u.unit_scheme, u.unit_code),
                u.unit_name.clone(),
                if u.disabled { "disabled".into() } else { "active".into() },
            ]
        })
        .collect();
    print(
        format,
        &["username", "display_name", "role", "unit", "unit_name", "status"],
        rows,
        list,
    )
}

/// A random initial password (16 characters from an unambiguous alphabet).
pub fn random_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    (0..16)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}
