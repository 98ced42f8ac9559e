//! `danvan disclosures …`, `danvan votes …`, `danvan gpmb …`, `danvan issues …`: grassroots
//! democracy, land clearance and the people's situation from the command line.

use crate::list_filter::{RecordFilter, LIST_MAX_ROWS};
use crate::output::{print, Format};
use anyhow::Context;
use clap::Subcommand;
use danvan_domain::democracy::{NewDisclosure, NewResidentDecision};
use danvan_domain::gpmb::{NewHousehold, NewProject, ProcedureSteps};
use danvan_domain::scope::Actor;
use danvan_domain::situation::NewIssue;
use danvan_domain::unit::parse_date;
use danvan_store::{DisclosureQuery, IssueQuery, ProjectQuery, Store, StoreError};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum DisclosuresCommand {
    /// Nhập danh mục công khai từ XLSX/CSV / import a list of disclosures (per-row report)
    Import {
        file: PathBuf,
        /// Đơn vị cho các dòng không ghi đơn vị / unit for rows without one (`scheme/code`)
        #[arg(long)]
        unit: String,
        /// Chỉ kiểm tra, không ghi / check every row, write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Tạo mẫu danh mục công khai (XLSX) / write an empty list to fill in
    Template {
        #[arg(long)]
        to: PathBuf,
    },
    /// Ghi nhận nội dung công khai từ tệp JSON / record a disclosure from a JSON file
    Add { file: PathBuf },
    /// Đính kèm tệp công khai / attach files (the document posted, a photo) to a disclosure
    Attach {
        /// Số (ID) nội dung công khai / the disclosure's id
        id: i64,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Liệt kê / list disclosures, newest decision first
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
    /// Kiểm tra việc công khai / what was due, late, missing, posted too briefly
    Compliance {
        #[arg(long)]
        unit: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Danh mục thông tin đã công khai trong quý / the quarterly list
    Quarter {
        #[arg(long)]
        unit: String,
        #[arg(long)]
        year: i32,
        #[arg(long)]
        quarter: u32,
        /// Ghi ra tệp XLSX/CSV để niêm yết / write the list to an .xlsx or .csv file
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
}

#[derive(Subcommand)]
pub enum VotesCommand {
    /// Ghi nhận kết quả biểu quyết từ tệp JSON / record a vote (outcome computed)
    Add { file: PathBuf },
    /// Liệt kê / list votes (the whole filter, every page)
    List {
        #[command(flatten)]
        filter: RecordFilter,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
}

#[derive(Subcommand)]
pub enum GpmbCommand {
    /// Ghi nhận dự án GPMB từ tệp JSON / record a project
    Add { file: PathBuf },
    /// Thêm các hộ bị ảnh hưởng từ tệp JSON (mảng) / add households from a JSON array
    Households { project: i64, file: PathBuf },
    /// Ghi loại đất và các ngày của trình tự thu hồi đất từ tệp JSON, in cảnh báo thời hạn /
    /// record the land type and procedure dates, print the period warnings
    Procedure { project: i64, file: PathBuf },
    /// Liệt kê dự án và tiến độ / projects with their progress
    List {
        #[arg(long)]
        unit: Option<String>,
        /// Tìm theo tên dự án, quy mô, chủ đầu tư (có dấu hay không) / search words
        #[arg(long)]
        q: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Các hộ còn phải vận động / households still outstanding
    Outstanding {
        project: i64,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
}

#[derive(Subcommand)]
pub enum IssuesCommand {
    /// Ghi nhận vấn đề nóng, bức xúc từ tệp JSON / register an issue
    Add { file: PathBuf },
    /// Sổ theo dõi: nghiêm trọng nhất, lâu nhất trước / the register, most severe and oldest first
    List {
        #[arg(long)]
        unit: Option<String>,
        /// Cả vấn đề đã giải quyết / include resolved ones
        #[arg(long)]
        all: bool,
        /// Tìm theo tên, nội dung, địa điểm (có dấu hay không) / search words
        #[arg(long)]
        q: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
}

fn read_json<T: DeserializeOwned>(file: &Path) -> anyhow::Result<T> {
    let text = std::fs::read_to_string(file).with_context(|| format!("không đọc được tệp {}", file.display()))?;
    serde_json::from_str(&text).with_context(|| format!("tệp {} không đúng mẫu", file.display()))
}

fn date(s: &str) -> anyhow::Result<chrono::NaiveDate> {
    Ok(parse_date(s).map_err(StoreError::from)?)
}

fn opt_date(s: &Option<String>) -> anyhow::Result<Option<chrono::NaiveDate>> {
    s.as_deref().map(date).transpose()
}

fn vn(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default()
}

fn disclosure_rows(list: &[danvan_domain::democracy::Disclosure]) -> Vec<Vec<String>> {
    list.iter()
        .map(|d| {
            vec![
                d.id.to_string(),
                d.item.clone(),
                d.unit_name.clone(),
                vn(Some(d.decided_on)),
                vn(Some(d.check.due_on)),
                vn(d.start_on),
                vn(d.end_on),
                d.check.timing.label_vi().to_string(),
                d.check.posting.label_vi().to_string(),
                d.title.clone(),
                d.check
                    .findings
                    .iter()
                    .map(|f| f.message.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            ]
        })
        .collect()
}

const DISCLOSURE_HEADER: [&str; 11] = [
    "ID",
    "Mã",
    "Đơn vị",
    "Ngày ban hành",
    "Hạn công khai",
    "Bắt đầu",
    "Kết thúc",
    "Thời hạn",
    "Niêm yết",
    "Nội dung",
    "Vấn đề",
];

/// Reads a list, prints the per-row report, and (unless `dry_run`) records every row — only
/// if all of them are right.
async fn import(store: &Store, actor: &Actor, file: &Path, unit: &str, dry_run: bool) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(file).with_context(|| format!("không đọc được tệp {}", file.display()))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let list = danvan_import::disclosures::read_disclosures(&name, &bytes, unit, danvan_store::today())
        .map_err(|e| anyhow::anyhow!("{e} [{}]", e.code().as_str()))?;
    let mut problems: Vec<String> = list.problems().map(|p| p.to_string()).collect();
    let rows: Vec<(usize, NewDisclosure)> = list
        .rows
        .iter()
        .filter_map(|r| r.disclosure.clone().map(|d| (r.row, d)))
        .collect();
    let valid: Vec<NewDisclosure> = rows.iter().map(|(_, d)| d.clone()).collect();
    let failures = store.check_disclosures(actor, &valid).await?;
    let ok = valid.len() - failures.len();
    for (i, e) in failures {
        problems.push(format!("Dòng {}: {e}", rows[i].0));
    }
    for p in &problems {
        println!("{p}");
    }
    println!("{} dòng, {} lỗi.", list.rows.len(), problems.len());
    if dry_run {
        println!("Chạy thử: không ghi gì ({ok} dòng có thể nhập).");
        return Ok(if problems.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    if !problems.is_empty() {
        println!("Tệp còn lỗi nên không ghi dòng nào.");
        return Ok(ExitCode::FAILURE);
    }
    match store.import_disclosures(actor, &valid).await? {
        Ok(ids) => {
            println!("Đã nhập {} nội dung công khai.", ids.len());
            Ok(ExitCode::SUCCESS)
        }
        Err(failures) => {
            for (i, e) in failures {
                println!("Dòng {}: {e}", rows[i].0);
            }
            Ok(ExitCode::FAILURE)
        }
    }
}

pub async fn disclosures(store: &Store, actor: &Actor, command: DisclosuresCommand) -> anyhow::Result<ExitCode> {
    match command {
        DisclosuresCommand::Import { file, unit, dry_run } => return import(store, actor, &file, &unit, dry_run).await,
        DisclosuresCommand::Attach { id, files } => {
            return crate::records::attach_files(
                store,
                actor,
                danvan_domain::attachment::RecordKind::Disclosure,
                id,
                &files,
            )
            .await
        }
        DisclosuresCommand::Template { to } => {
            std::fs::write(&to, danvan_import::disclosures::disclosure_template_xlsx())
                .with_context(|| format!("không ghi được tệp {}", to.display()))?;
            println!("Đã tạo mẫu danh mục công khai {}.", to.display());
        }
        DisclosuresCommand::Add { file } => {
            let d = store.create_disclosure(actor, &read_json(&file)?).await?;
            println!(
                "Đã ghi nội dung công khai số {} ({}), hạn công khai {}.",
                d.id,
                d.item,
                vn(Some(d.check.due_on))
            );
            for f in &d.check.findings {
                println!("Lưu ý: {}", f.message);
            }
        }
        DisclosuresCommand::List { unit, from, to, format } => {
            let q = DisclosureQuery {
                unit,
                from: opt_date(&from)?,
                to: opt_date(&to)?,
                limit: Some(5000),
                ..Default::default()
            };
            let list = store.list_disclosures(actor, &q).await?.items;
            print(format, &DISCLOSURE_HEADER, disclosure_rows(&list), &list)?;
        }
        DisclosuresCommand::Compliance { unit, from, to, format } => {
            let view = store
                .disclosure_compliance(actor, &unit, date(&from)?, date(&to)?)
                .await?;
            if matches!(format, Format::Table) {
                println!("{}", view.text);
            }
            print(
                format,
                &DISCLOSURE_HEADER,
                disclosure_rows(&view.problems),
                std::slice::from_ref(&view),
            )?;
        }
        DisclosuresCommand::Quarter {
            unit,
            year,
            quarter,
            out,
            format,
        } => {
            let list = store.disclosure_quarter(actor, &unit, year, quarter).await?;
            if let Some(out) = out {
                let kind = if out.extension().is_some_and(|e| e == "csv") {
                    "csv"
                } else {
                    "xlsx"
                };
                let f = danvan_export::parse_format(kind).context("định dạng phải là csv hoặc xlsx")?;
                std::fs::write(&out, danvan_export::write(&danvan_export::disclosure_table(&list), f)?)
                    .with_context(|| format!("không ghi được tệp {}", out.display()))?;
                println!(
                    "Đã xuất {} nội dung công khai quý {quarter}/{year} vào {}.",
                    list.len(),
                    out.display()
                );
                return Ok(ExitCode::SUCCESS);
            }
            print(format, &DISCLOSURE_HEADER, disclosure_rows(&list), &list)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn votes(store: &Store, actor: &Actor, command: VotesCommand) -> anyhow::Result<ExitCode> {
    match command {
        VotesCommand::Add { file } => {
            let new: NewResidentDecision = read_json(&file)?;
            let d = store.create_resident_decision(actor, &new).await?;
            println!(
                "Đã ghi nội dung biểu quyết số {}: {} — {} (đề xuất: {}).",
                d.id,
                d.tally_text,
                d.outcome.label_vi(),
                d.proposer.label_vi()
            );
        }
        VotesCommand::List { filter, format } => {
            let list = store
                .all_resident_decisions(actor, &filter.query()?, LIST_MAX_ROWS)
                .await?;
            let rows = list
                .iter()
                .map(|d| {
                    vec![
                        d.id.to_string(),
                        vn(Some(d.voted_on)),
                        d.unit_name.clone(),
                        d.matter.label_vi().to_string(),
                        d.title.clone(),
                        d.tally_text.clone(),
                        d.outcome.label_vi().to_string(),
                        d.recognition.label_vi().to_string(),
                    ]
                })
                .collect();
            let header = [
                "ID",
                "Ngày",
                "Đơn vị",
                "Nội dung",
                "Tên",
                "Biểu quyết",
                "Kết quả",
                "Công nhận",
            ];
            print(format, &header, rows, &list)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn gpmb(store: &Store, actor: &Actor, command: GpmbCommand) -> anyhow::Result<ExitCode> {
    match command {
        GpmbCommand::Add { file } => {
            let new: NewProject = read_json(&file)?;
            let p = store.create_gpmb_project(actor, &new).await?;
            println!("Đã ghi dự án GPMB số {}: {}.", p.id, p.name);
            for w in &p.procedure_warnings {
                println!("Cảnh báo: {}", w.text);
            }
        }
        GpmbCommand::Procedure { project, file } => {
            let steps: ProcedureSteps = read_json(&file)?;
            let p = store.set_gpmb_procedure(actor, project, &steps).await?;
            if p.procedure_warnings.is_empty() {
                println!("Đã ghi trình tự thu hồi đất của dự án {}: đúng thời hạn.", p.id);
            } else {
                println!("Đã ghi trình tự thu hồi đất của dự án {}.", p.id);
                for w in &p.procedure_warnings {
                    println!("Cảnh báo: {}", w.text);
                }
            }
        }
        GpmbCommand::Households { project, file } => {
            let new: Vec<NewHousehold> = read_json(&file)?;
            let hs = store.add_gpmb_households(actor, project, &new).await?;
            let p = store.gpmb_project(actor, project).await?;
            println!("Đã thêm {} hộ. {}", hs.len(), p.progress.text);
        }
        GpmbCommand::List { unit, q, format } => {
            let query = ProjectQuery {
                unit,
                q,
                ..Default::default()
            };
            let list = store.all_gpmb_projects(actor, &query, LIST_MAX_ROWS).await?;
            let rows = list
                .iter()
                .map(|p| {
                    vec![
                        p.id.to_string(),
                        p.name.clone(),
                        p.unit_name.clone(),
                        p.progress.households.to_string(),
                        p.progress.handed_over.to_string(),
                        p.progress.outstanding.to_string(),
                        p.progress.obstructing.to_string(),
                        p.progress.text.clone(),
                    ]
                })
                .collect();
            let header = [
                "ID",
                "Dự án",
                "Đơn vị",
                "Số hộ",
                "Đã bàn giao",
                "Còn lại",
                "Chưa chấp hành",
                "Tiến độ",
            ];
            print(format, &header, rows, &list)?;
        }
        GpmbCommand::Outstanding { project, format } => {
            let list = store.gpmb_households(actor, project, true).await?;
            let rows = list
                .iter()
                .map(|h| {
                    vec![
                        h.id.to_string(),
                        h.head_name.clone(),
                        h.address.clone().unwrap_or_default(),
                        h.state.label_vi().to_string(),
                        vn(Some(h.state_since)),
                        h.reason.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            print(
                format,
                &["ID", "Chủ hộ", "Địa chỉ", "Trạng thái", "Từ ngày", "Lý do"],
                rows,
                &list,
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn issues(store: &Store, actor: &Actor, command: IssuesCommand) -> anyhow::Result<ExitCode> {
    match command {
        IssuesCommand::Add { file } => {
            let new: NewIssue = read_json(&file)?;
            let i = store.create_issue(actor, &new).await?;
            println!("Đã ghi vấn đề số {}: {}.", i.id, i.title);
        }
        IssuesCommand::List { unit, all, q, format } => {
            let q = IssueQuery {
                unit,
                q,
                open_only: !all,
                ..Default::default()
            };
            let list = store.list_issues(actor, &q).await?;
            let rows = list
                .iter()
                .map(|i| {
                    vec![
                        i.id.to_string(),
                        i.severity.label_vi().to_string(),
                        vn(Some(i.first_seen_on)),
                        i.age_days.to_string(),
                        i.kind.label_vi().to_string(),
                        i.unit_name.clone(),
                        i.handling_unit_name.clone(),
                        i.status.label_vi().to_string(),
                        i.title.clone(),
                    ]
                })
                .collect();
            let header = [
                "ID",
                "Mức độ",
                "Phát sinh",
                "Số ngày",
                "Loại",
                "Đơn vị",
                "Cấp xử lý",
                "Trạng thái",
                "Vấn đề",
            ];
            print(format, &header, rows, &list)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
