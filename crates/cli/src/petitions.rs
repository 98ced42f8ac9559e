//! `danvan petitions …`: importing an existing petition register and its template.

use anyhow::Context;
use danvan_domain::scope::Actor;
use danvan_store::Store;
use std::path::Path;
use std::process::ExitCode;

/// Reads a register, prints the per-row report, and (unless `dry_run`) writes the petitions:
/// all of them only if every row is valid, or just the valid rows with `skip_invalid`.
pub async fn import(
    store: &Store,
    actor: &Actor,
    file: &Path,
    unit: &str,
    dry_run: bool,
    skip_invalid: bool,
) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(file).with_context(|| format!("không đọc được tệp {}", file.display()))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let today = danvan_store::today();
    let topics = store.petition_topics().await?;
    let register = danvan_import::read_register(&name, &bytes, unit, today, &topics)
        .map_err(|e| anyhow::anyhow!("{e} [{}]", e.code().as_str()))?;
    let mut problems: Vec<String> = register.problems().map(|p| p.to_string()).collect();
    let rows: Vec<(usize, danvan_domain::petition::NewPetition)> = register
        .rows
        .iter()
        .filter_map(|r| r.petition.clone().map(|p| (r.row, p)))
        .collect();
    // The store's own checks (units, scope, rules) on the rows the file checks passed.
    let petitions: Vec<_> = rows.iter().map(|(_, p)| p.clone()).collect();
    let mut store_rejected = std::collections::BTreeSet::new();
    if let Err(failures) = store.check_petitions(actor, &petitions).await? {
        for (i, e) in failures {
            problems.push(format!("Dòng {}: {e}", rows[i].0));
            store_rejected.insert(i);
        }
    }
    for p in &problems {
        println!("{p}");
    }
    let valid: Vec<_> = petitions
        .iter()
        .enumerate()
        .filter(|(i, _)| !store_rejected.contains(i))
        .map(|(_, p)| p.clone())
        .collect();
    println!("{} dòng hợp lệ, {} lỗi.", valid.len(), problems.len());
    if dry_run {
        println!("Chạy thử: không ghi gì.");
        return Ok(if problems.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    if !problems.is_empty() && !skip_invalid {
        println!("Tệp còn lỗi nên không ghi đơn nào (dùng --skip-invalid để chỉ nhập các dòng hợp lệ).");
        return Ok(ExitCode::FAILURE);
    }
    match store.import_petitions(actor, &valid).await? {
        Ok(codes) => {
            println!("Đã nhập {} đơn.", codes.len());
            Ok(ExitCode::SUCCESS)
        }
        Err(failures) => {
            for (i, e) in failures {
                println!("Đơn thứ {}: {e}", i + 1);
            }
            Ok(ExitCode::FAILURE)
        }
    }
}

pub fn template(to: &Path, topics: &danvan_domain::petition::Topics) -> anyhow::Result<()> {
    let bytes = if to.extension().is_some_and(|e| e == "csv") {
        danvan_import::template_csv().into_bytes()
    } else {
        danvan_import::template_xlsx(topics)
    };
    std::fs::write(to, bytes).with_context(|| format!("không ghi được tệp {}", to.display()))?;
    println!("Đã tạo mẫu sổ theo dõi đơn thư: {}", to.display());
    Ok(())
}

/// The list filters `danvan petitions export` takes, as typed.
pub struct ExportFilter {
    pub unit: Option<String>,
    pub q: Option<String>,
    pub kind: Option<String>,
    pub status: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub overdue: bool,
}

/// Writes every petition the filter picks to `out` (as the list shows them: a denouncer's
/// identity redacted), like the list page's export.
pub async fn export(store: &Store, actor: &Actor, f: &ExportFilter, format: &str, out: &Path) -> anyhow::Result<()> {
    use danvan_domain::petition::{PetitionKind, Status};
    use danvan_domain::unit::parse_date;
    let format = danvan_export::parse_format(format).context("định dạng phải là csv hoặc xlsx")?;
    let date = |s: &Option<String>| s.as_deref().map(parse_date).transpose();
    let query = danvan_store::PetitionQuery {
        unit: f.unit.clone(),
        q: f.q.clone(),
        kind: f.kind.as_deref().map(PetitionKind::parse).transpose()?,
        status: f.status.as_deref().map(Status::parse).transpose()?,
        from: date(&f.from)?,
        to: date(&f.to)?,
        overdue: f.overdue,
        ..Default::default()
    };
    let items = store.export_petitions(actor, &query, 1_000_000).await?;
    let topics = store.petition_topics().await?;
    let table = danvan_export::petition_table(&items, &danvan_export::PetitionLabels { topics: &topics });
    std::fs::write(out, danvan_export::write(&table, format)?)
        .with_context(|| format!("không ghi được tệp {}", out.display()))?;
    println!("Đã xuất {} đơn vào {}.", items.len(), out.display());
    Ok(())
}
