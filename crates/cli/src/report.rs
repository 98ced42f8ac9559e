//! `danvan report …`: render a periodic report, write the XLSX template a unit not on the
//! system fills in, store a filled-in template, replace a narrative template.

use anyhow::Context;
use clap::Subcommand;
use danvan_domain::scope::Actor;
use danvan_report::Format;
use danvan_store::Store;
use danvan_web::reports::{assemble, report_error, ReportRequest};
use danvan_web::ApiError;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum ReportCommand {
    /// Dựng báo cáo / render a report (PDF, DOCX, XLSX or JSON)
    Render {
        /// Đơn vị (`scheme/code`, e.g. 2025/01, legacy/236)
        #[arg(long)]
        unit: String,
        /// 2024-H1 | 2024-9M | 2024 | 2024-Q3 | 2024-03 | 2016-2021 | FROM..TO
        #[arg(long)]
        period: String,
        /// pdf | docx | xlsx | json
        #[arg(long)]
        format: String,
        #[arg(long)]
        out: PathBuf,
        /// party (kỳ theo năm dương lịch) | state (15 → 14)
        #[arg(long, default_value = "party")]
        family: String,
        /// truncate (98,75% → 98,7%) | half_up
        #[arg(long, default_value = "truncate")]
        rounding: String,
    },
    /// Biểu mẫu XLSX cho đơn vị chưa dùng hệ thống / the XLSX template a unit fills in
    Template {
        #[arg(long)]
        unit: String,
        #[arg(long)]
        period: String,
        #[arg(long, default_value = "party")]
        family: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Nộp biểu mẫu đã điền / store a filled-in template's figures
    Submit {
        #[arg(long)]
        unit: String,
        #[arg(long)]
        period: String,
        #[arg(long, default_value = "party")]
        family: String,
        file: PathBuf,
    },
    /// Thay mẫu lời văn của một phần / replace a section's narrative template (minijinja)
    SetTemplate {
        /// directives | petitions | meetings | supervision | dvk | democracy | gpmb | movements
        name: String,
        file: PathBuf,
    },
}

fn api(e: ApiError) -> anyhow::Error {
    anyhow::anyhow!("{} ({})", e.message, e.code.as_str())
}

pub async fn run(store: &Store, actor: &Actor, command: ReportCommand) -> anyhow::Result<ExitCode> {
    match command {
        ReportCommand::Render {
            unit,
            period,
            format,
            out,
            family,
            rounding,
        } => {
            let format = Format::parse(&format).map_err(|e| anyhow::anyhow!("{e}"))?;
            let req = ReportRequest::parse(&unit, &period, Some(&family), Some(&rounding)).map_err(api)?;
            let report = assemble(store, actor, &req).await.map_err(api)?;
            let bytes = danvan_report::render(&report, format).map_err(|e| api(report_error(e)))?;
            std::fs::write(&out, bytes).with_context(|| format!("không ghi được tệp {}", out.display()))?;
            println!(
                "Đã dựng báo cáo {} — {} ({} chỉ tiêu, {} cảnh báo) vào {}.",
                report.unit.name,
                report.period.label,
                report.figures.figures.len(),
                report.warnings.len(),
                out.display()
            );
            for w in &report.warnings {
                println!("Cảnh báo: {}", w.message);
            }
        }
        ReportCommand::Template {
            unit,
            period,
            family,
            out,
        } => {
            let req = ReportRequest::parse(&unit, &period, Some(&family), None).map_err(api)?;
            let period = store.resolve_period(&req.period, &req.family)?;
            let u = store.resolve_unit(&req.unit, Some(period.to)).await?;
            actor.scope.require(&u).map_err(danvan_store::StoreError::from)?;
            let bytes = danvan_report::submission_template(&danvan_store::report_unit(&u), &period)
                .map_err(|e| api(report_error(e)))?;
            std::fs::write(&out, bytes).with_context(|| format!("không ghi được tệp {}", out.display()))?;
            println!(
                "Đã ghi biểu mẫu của {} — {} vào {}.",
                u.name,
                period.label,
                out.display()
            );
        }
        ReportCommand::Submit {
            unit,
            period,
            family,
            file,
        } => {
            let req = ReportRequest::parse(&unit, &period, Some(&family), None).map_err(api)?;
            let bytes = std::fs::read(&file).with_context(|| format!("không đọc được tệp {}", file.display()))?;
            let period = store.resolve_period(&req.period, &req.family)?;
            let u = store.resolve_unit(&req.unit, Some(period.to)).await?;
            let values = danvan_report::read_submission(&bytes, &danvan_store::report_unit(&u), &period)
                .map_err(|e| api(report_error(e)))?;
            let s = store
                .submit_report_figures(actor, &req.unit, &req.family, &req.period, &values, "xlsx")
                .await?;
            println!(
                "Đã lưu {} chỉ tiêu của {} cho {}.",
                s.values.len(),
                s.unit.name,
                period.label
            );
        }
        ReportCommand::SetTemplate { name, file } => {
            let body =
                std::fs::read_to_string(&file).with_context(|| format!("không đọc được tệp {}", file.display()))?;
            danvan_report::validate_template(&name, &body, &danvan_report::sample_input())
                .map_err(|e| api(report_error(e)))?;
            store.set_report_template(actor, &name, Some(&body)).await?;
            println!("Đã thay mẫu lời văn “{name}”.");
        }
    }
    Ok(ExitCode::SUCCESS)
}
