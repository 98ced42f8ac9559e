//! `danvan models …` ("Dân vận khéo" registrations: import from a sheet with a per-row report,
//! template, list, statistics, attach evidence files), `danvan directives …` (the register: add,
//! list, statistics, attach files) and
//! `danvan movements stats` (movements, funds, houses, new-rural, ordered tasks).

use crate::list_filter::{RecordFilter, LIST_MAX_ROWS};
use crate::output::{print, Format};
use anyhow::Context;
use clap::{Args, Subcommand};
use danvan_domain::attachment::RecordKind;
use danvan_domain::directive::{DocumentType, NewDirective};
use danvan_domain::dvk::DvkField;
use danvan_domain::scope::Actor;
use danvan_domain::unit::parse_date;
use danvan_store::{DirectiveQuery, DvkQuery, Store, StoreError};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum ModelsCommand {
    /// Nhập danh sách đăng ký mô hình “Dân vận khéo” từ XLSX/CSV / import model registrations
    Import {
        file: PathBuf,
        /// Đơn vị cho các dòng không ghi đơn vị / unit for rows without one (`scheme/code`)
        #[arg(long)]
        unit: String,
        /// Chỉ kiểm tra, báo cáo từng dòng, không ghi / check and report every row, write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Tạo tệp mẫu đăng ký / write the registration template (XLSX)
    Template { to: PathBuf },
    /// Liệt kê mô hình / list models, newest registration first
    List {
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        /// economy | culture_society | defence_security | political_system
        #[arg(long)]
        field: Option<String>,
        /// Chỉ mô hình đã được công nhận / only recognised ones
        #[arg(long)]
        recognised: bool,
        /// Tìm theo tên, chủ thể, cơ quan, mô tả (có dấu hay không) / search words
        #[arg(long)]
        q: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Thống kê mô hình theo lĩnh vực, bước, cấp / statistics for a unit subtree and period
    Stats(Period),
    /// Đính kèm tệp minh chứng / attach evidence files (PDF, JPEG, PNG, DOCX, XLSX) to a model
    Attach {
        /// Số (ID) mô hình / the model's id
        id: i64,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum DirectivesCommand {
    /// Vào sổ một văn bản / register a document
    Add {
        #[arg(long)]
        unit: String,
        /// directive | resolution | decision | regulation | conclusion | official_letter | programme | plan | guidance | report | notice | submission | other
        #[arg(long = "type")]
        doc_type: String,
        /// Số, ký hiệu: 85-KH/QU, 05/BC-UBND
        #[arg(long)]
        symbol: String,
        /// Ngày ban hành / issued on
        #[arg(long)]
        date: String,
        #[arg(long)]
        issuer: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        file: Option<String>,
    },
    /// Liệt kê sổ văn bản / list the register
    List {
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Số văn bản ban hành theo loại / documents issued by type in a period
    Stats(Period),
    /// Đính kèm tệp văn bản / attach the document's files to a register entry
    Attach {
        /// Số (ID) văn bản trong sổ / the entry's id
        id: i64,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum MovementsCommand {
    /// Phong trào, quỹ, nhà đại đoàn kết, nông thôn mới, đặt hàng / the period's figures
    Stats(Period),
    /// Liệt kê phong trào đang diễn ra trong kỳ / movements running in the period (every page)
    List {
        #[command(flatten)]
        filter: RecordFilter,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
}

/// A unit subtree, a period and how to print the figures.
#[derive(Args)]
pub struct Period {
    /// Đơn vị và cấp dưới / this unit and those below it (`scheme/code`)
    #[arg(long)]
    unit: String,
    #[arg(long)]
    from: String,
    #[arg(long)]
    to: String,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

impl Period {
    fn dates(&self) -> anyhow::Result<(chrono::NaiveDate, chrono::NaiveDate)> {
        Ok((date(&self.from)?, date(&self.to)?))
    }
}

fn date(s: &str) -> anyhow::Result<chrono::NaiveDate> {
    Ok(parse_date(s).map_err(StoreError::from)?)
}

fn opt_date(s: &Option<String>) -> anyhow::Result<Option<chrono::NaiveDate>> {
    s.as_deref().map(date).transpose()
}

/// Attaches each file to the record, one upload each, and prints what was stored. Stops at the
/// first refusal (the files before it stay attached, the refused one stores nothing).
pub async fn attach_files(
    store: &Store,
    actor: &Actor,
    kind: RecordKind,
    id: i64,
    files: &[PathBuf],
) -> anyhow::Result<ExitCode> {
    for path in files {
        let bytes = std::fs::read(path).with_context(|| format!("không đọc được tệp {}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let f = store
            .add_record_file(actor, kind, id, &name, &bytes)
            .await
            .map_err(|e| anyhow::anyhow!("{}: {e} [{}]", path.display(), e.code().as_str()))?;
        println!(
            "Đã lưu tệp {} ({}, {} byte, sha256 {}) vào {} số {id}, tệp số {}.",
            f.file_name,
            f.content_type,
            f.size_bytes,
            &f.sha256[..12],
            kind.label_vi(),
            f.id
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads a registration sheet and prints one line per row (valid, or every problem); unless
/// `dry_run`, records them all in one transaction — only if every row is valid.
pub async fn import_models(
    store: &Store,
    actor: &Actor,
    file: &Path,
    unit: &str,
    dry_run: bool,
) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(file).with_context(|| format!("không đọc được tệp {}", file.display()))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let sheet = danvan_import::read_model_registrations(&name, &bytes, unit, danvan_store::today())
        .map_err(|e| anyhow::anyhow!("{e} [{}]", e.code().as_str()))?;
    let valid: Vec<(usize, danvan_domain::dvk::NewDvkModel)> = sheet.valid().map(|(r, m)| (r, m.clone())).collect();
    let models: Vec<_> = valid.iter().map(|(_, m)| m.clone()).collect();
    // The store's own checks (unit, scope, finer field) on the rows the sheet checks passed.
    let store_failures = store.check_dvk_models(actor, &models).await?;
    let mut errors = 0usize;
    for row in &sheet.rows {
        if row.problems.is_empty() {
            let i = valid.iter().position(|(r, _)| *r == row.row).unwrap_or(usize::MAX);
            match store_failures.iter().find(|(j, _)| *j == i) {
                Some((_, e)) => {
                    errors += 1;
                    println!("Dòng {}: {e} [{}]", row.row, e.code().as_str());
                }
                None => {
                    let m = &valid[i].1;
                    println!(
                        "Dòng {}: hợp lệ — {} ({}, {}, năm {})",
                        row.row,
                        m.name,
                        m.holder.label_vi(),
                        m.field.label_vi(),
                        m.year
                    );
                }
            }
        } else {
            for p in &row.problems {
                errors += 1;
                println!("{p} [{}]", p.code.as_str());
            }
        }
    }
    let ok = sheet.rows.len() - sheet.rows.iter().filter(|r| !r.problems.is_empty()).count() - store_failures.len();
    println!("{ok}/{} dòng hợp lệ, {errors} lỗi.", sheet.rows.len());
    if dry_run {
        println!("Chạy thử: không ghi gì.");
        return Ok(if errors == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    if errors > 0 {
        println!("Tệp còn lỗi nên không ghi mô hình nào; sửa các dòng trên rồi nhập lại.");
        return Ok(ExitCode::FAILURE);
    }
    match store.import_dvk_models(actor, &models).await? {
        Ok(ids) => {
            println!("Đã nhập {} mô hình “Dân vận khéo”.", ids.len());
            Ok(ExitCode::SUCCESS)
        }
        Err(failures) => {
            for (i, e) in failures {
                println!("Dòng {}: {e}", valid[i].0);
            }
            Ok(ExitCode::FAILURE)
        }
    }
}

pub async fn models(store: &Store, actor: &Actor, command: ModelsCommand) -> anyhow::Result<ExitCode> {
    match command {
        ModelsCommand::Attach { id, files } => {
            return attach_files(store, actor, RecordKind::DvkModel, id, &files).await
        }
        ModelsCommand::Import { file, unit, dry_run } => {
            return import_models(store, actor, &file, &unit, dry_run).await
        }
        ModelsCommand::Template { to } => {
            std::fs::write(&to, danvan_import::model_template_xlsx())
                .with_context(|| format!("không ghi được tệp {}", to.display()))?;
            println!("Đã tạo mẫu đăng ký mô hình “Dân vận khéo”: {}", to.display());
        }
        ModelsCommand::List {
            unit,
            year,
            field,
            recognised,
            q,
            format,
        } => {
            let query = DvkQuery {
                unit,
                year,
                field: field
                    .as_deref()
                    .map(DvkField::parse)
                    .transpose()
                    .map_err(StoreError::from)?,
                recognised,
                q,
                limit: Some(500),
                ..Default::default()
            };
            let page = store.list_dvk_models(actor, &query).await?;
            let rows = page
                .items
                .iter()
                .map(|m| {
                    vec![
                        m.id.to_string(),
                        m.year.to_string(),
                        m.unit_name.clone(),
                        m.name.clone(),
                        m.holder.label_vi().into(),
                        m.field.label_vi().into(),
                        m.stage.label_vi().into(),
                    ]
                })
                .collect();
            let header = [
                "ID",
                "Năm",
                "Đơn vị",
                "Tên mô hình",
                "Tập thể/cá nhân",
                "Lĩnh vực",
                "Trạng thái",
            ];
            print(format, &header, rows, &page.items)?;
        }
        ModelsCommand::Stats(p) => {
            let (from, to) = p.dates()?;
            let s = store.dvk_stats(actor, &p.unit, from, to).await?;
            let mut rows = vec![
                vec!["Đăng ký".to_string(), s.registered_text.clone()],
                vec!["Các bước trong kỳ".into(), s.stage_text.clone()],
                vec!["Được công nhận".into(), s.recognised_text.clone()],
            ];
            rows.extend(
                s.recognised_by_level
                    .iter()
                    .filter(|c| c.count > 0)
                    .map(|c| vec![format!("Công nhận {}", c.label.to_lowercase()), c.count.to_string()]),
            );
            rows.push(vec!["Đơn vị nhân rộng".into(), s.replications.to_string()]);
            print(p.format, &["Chỉ tiêu", "Số liệu"], rows, std::slice::from_ref(&s))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn directives(store: &Store, actor: &Actor, command: DirectivesCommand) -> anyhow::Result<ExitCode> {
    match command {
        DirectivesCommand::Attach { id, files } => {
            return attach_files(store, actor, RecordKind::Directive, id, &files).await
        }
        DirectivesCommand::Add {
            unit,
            doc_type,
            symbol,
            date: on,
            issuer,
            title,
            file,
        } => {
            let new = NewDirective {
                unit,
                doc_type: DocumentType::parse(&doc_type).map_err(StoreError::from)?,
                symbol,
                issued_on: date(&on)?,
                issuer,
                title,
                file,
            };
            let d = store.create_directive(actor, &new).await?;
            println!(
                "Đã vào sổ văn bản {} ({}), số {}.",
                d.printed_symbol,
                d.doc_type.label_vi(),
                d.id
            );
        }
        DirectivesCommand::List { unit, from, to, format } => {
            let query = DirectiveQuery {
                unit,
                from: opt_date(&from)?,
                to: opt_date(&to)?,
                limit: Some(500),
                ..Default::default()
            };
            let page = store.list_directives(actor, &query).await?;
            let rows = page
                .items
                .iter()
                .map(|d| {
                    vec![
                        d.printed_symbol.clone(),
                        d.doc_type.label_vi().into(),
                        d.issued_on.format("%d/%m/%Y").to_string(),
                        d.issuer.clone(),
                        d.title.clone(),
                    ]
                })
                .collect();
            print(
                format,
                &["Số, ký hiệu", "Loại", "Ngày", "Cơ quan ban hành", "Trích yếu"],
                rows,
                &page.items,
            )?;
        }
        DirectivesCommand::Stats(p) => {
            let (from, to) = p.dates()?;
            let s = store.directive_stats(actor, &p.unit, from, to).await?;
            let mut rows: Vec<Vec<String>> = s
                .by_type
                .iter()
                .map(|c| vec![c.label.clone(), c.count.to_string()])
                .collect();
            rows.push(vec!["Tổng số".into(), s.total.to_string()]);
            rows.push(vec!["Báo cáo".into(), s.text.clone()]);
            print(p.format, &["Loại văn bản", "Số lượng"], rows, std::slice::from_ref(&s))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(serde::Serialize)]
struct MovementFigures {
    movements: danvan_domain::movement::MovementStats,
    funds: danvan_domain::movement::FundStats,
    new_rural: danvan_domain::movement::NewRuralStats,
    ordered_tasks: danvan_domain::movement::OrderedTaskStats,
}

#[derive(Subcommand)]
pub enum ReceptionsCommand {
    /// Liệt kê buổi tiếp công dân (mọi trang của bộ lọc) / reception sessions, the whole filter
    List {
        #[command(flatten)]
        filter: RecordFilter,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
}

pub async fn receptions(store: &Store, actor: &Actor, command: ReceptionsCommand) -> anyhow::Result<ExitCode> {
    match command {
        ReceptionsCommand::List { filter, format } => {
            let list = store.export_receptions(actor, &filter.query()?, LIST_MAX_ROWS).await?;
            let rows = list
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.held_on.format("%d/%m/%Y").to_string(),
                        r.unit_name.clone(),
                        r.kind.label_vi().to_string(),
                        format!("{} ({})", r.receiver, r.receiver_position),
                        r.citizens.to_string(),
                        r.delegations.to_string(),
                    ]
                })
                .collect();
            let header = [
                "ID",
                "Ngày tiếp",
                "Đơn vị",
                "Hình thức",
                "Người tiếp",
                "Lượt công dân",
                "Đoàn đông người",
            ];
            print(format, &header, rows, &list)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn movements(store: &Store, actor: &Actor, command: MovementsCommand) -> anyhow::Result<ExitCode> {
    match command {
        MovementsCommand::Stats(p) => {
            let (from, to) = p.dates()?;
            let unit = &p.unit;
            let all = MovementFigures {
                movements: store.movement_stats(actor, unit, from, to).await?,
                funds: store.fund_stats(actor, unit, from, to).await?,
                new_rural: store.new_rural_stats(actor, unit, from, to).await?,
                ordered_tasks: store.ordered_task_stats(actor, unit, from, to).await?,
            };
            let mut rows = vec![
                vec![
                    "Phong trào, cuộc vận động".to_string(),
                    all.movements.movements.to_string(),
                ],
                vec!["Tổ nhân dân tự quản".into(), all.movements.groups_text.clone()],
            ];
            rows.extend(all.funds.funds.iter().map(|f| vec![f.label.clone(), f.text.clone()]));
            rows.push(vec!["Nhà đại đoàn kết".into(), all.funds.houses_text.clone()]);
            rows.push(vec!["Xây dựng nông thôn mới".into(), all.new_rural.text.clone()]);
            rows.push(vec!["Nhiệm vụ đặt hàng".into(), all.ordered_tasks.text.clone()]);
            print(p.format, &["Chỉ tiêu", "Số liệu"], rows, std::slice::from_ref(&all))?;
        }
        MovementsCommand::List { filter, format } => {
            let list = store.export_movements(actor, &filter.query()?, LIST_MAX_ROWS).await?;
            let rows = list
                .iter()
                .map(|m| {
                    vec![
                        m.id.to_string(),
                        m.started_on.format("%d/%m/%Y").to_string(),
                        m.unit_name.clone(),
                        m.kind.label_vi().to_string(),
                        m.name.clone(),
                        m.groups.to_string(),
                    ]
                })
                .collect();
            let header = ["ID", "Ngày phát động", "Đơn vị", "Loại", "Tên", "Số tổ tự quản"];
            print(format, &header, rows, &list)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
