//! One way to put a report together, used by the pages, the API and the `danvan report` CLI:
//! the store gathers the inputs and the stored record, `danvan-report` builds and renders.

use crate::error::ApiError;
use danvan_domain::figures::Rounding;
use danvan_domain::period::PeriodSpec;
use danvan_domain::report::{DocStyle, ReportHeader, ReportUnit};
use danvan_domain::scope::Actor;
use danvan_domain::unit::Level;
use danvan_domain::{DomainError, ErrorCode};
use danvan_report::{Report, ReportError, TEMPLATE_NAMES};
use danvan_store::Store;
use std::collections::BTreeMap;

/// What a report is asked for with.
#[derive(Debug, Clone)]
pub struct ReportRequest {
    pub unit: String,
    pub period: PeriodSpec,
    /// `party` (calendar periods) or `state` (15 → 14)
    pub family: String,
    pub rounding: Rounding,
}

impl ReportRequest {
    pub fn parse(unit: &str, period: &str, family: Option<&str>, rounding: Option<&str>) -> Result<Self, ApiError> {
        let rounding = match rounding.unwrap_or("truncate") {
            "" | "truncate" => Rounding::Truncate,
            "half_up" | "half-up" => Rounding::HalfUp,
            other => return Err(DomainError::validation(format!("cách làm tròn “{other}” (truncate|half_up)")).into()),
        };
        if unit.trim().is_empty() {
            return Err(DomainError::validation("chưa chọn đơn vị").into());
        }
        Ok(ReportRequest {
            unit: unit.trim().to_string(),
            period: PeriodSpec::parse(period)?,
            family: family.filter(|f| !f.is_empty()).unwrap_or("party").to_string(),
            rounding,
        })
    }
}

pub fn report_error(e: ReportError) -> ApiError {
    match e {
        ReportError::Domain(d) => d.into(),
        ReportError::Template { .. } => ApiError::new(ErrorCode::Validation, &e.to_string()),
        other => {
            tracing::error!(error = %other, "report rendering");
            ApiError::new(ErrorCode::Internal, "")
        }
    }
}

/// The header a report starts with before anyone edits it: the Party format, with the bodies
/// named from the unit ("TỈNH ỦY …" / "BAN TUYÊN GIÁO VÀ DÂN VẬN", "ĐẢNG ỦY XÃ …").
pub fn default_header(unit: &ReportUnit) -> ReportHeader {
    let bare = |prefixes: &[&str]| {
        prefixes
            .iter()
            .find_map(|p| unit.name.strip_prefix(p))
            .unwrap_or(&unit.name)
            .to_string()
    };
    let (parent, issuing) = match unit.level {
        Level::Province if unit.name.starts_with("Thành phố") => (
            format!("THÀNH ỦY {}", bare(&["Thành phố "])),
            "BAN TUYÊN GIÁO VÀ DÂN VẬN".to_string(),
        ),
        Level::Province => (
            format!("TỈNH ỦY {}", bare(&["Tỉnh "])),
            "BAN TUYÊN GIÁO VÀ DÂN VẬN".to_string(),
        ),
        Level::District => (
            format!("HUYỆN ỦY {}", bare(&["Huyện ", "Quận ", "Thị xã ", "Thành phố "])),
            "BAN DÂN VẬN".to_string(),
        ),
        _ => (String::new(), format!("ĐẢNG ỦY {}", unit.name)),
    };
    ReportHeader {
        style: DocStyle::Party,
        parent_body: parent,
        issuing_body: issuing,
        signer_authority: "T/M BAN THƯỜNG VỤ".into(),
        signer_title: "TRƯỞNG BAN".into(),
        ..Default::default()
    }
}

/// Builds the report: the stored header and sections if there is a record, the approved
/// figures if it is approved, and the admin's templates.
pub async fn assemble(store: &Store, actor: &Actor, req: &ReportRequest) -> Result<Report, ApiError> {
    let input = store
        .report_input(actor, &req.unit, &req.period, &req.family, req.rounding)
        .await?;
    let record = store.report_record(actor, &req.unit, &req.family, &req.period).await?;
    let mut templates = BTreeMap::new();
    for name in TEMPLATE_NAMES {
        if let Some(body) = store.report_template(name).await? {
            templates.insert(name.to_string(), body);
        }
    }
    let header = record
        .as_ref()
        .map(|r| r.header.clone())
        .unwrap_or_else(|| default_header(&input.unit));
    let sections = record.as_ref().map(|r| r.sections.clone()).unwrap_or_default();
    let approved = record.as_ref().and_then(|r| r.approved.as_ref()).map(|a| &a.figures);
    danvan_report::build(
        &input,
        &header,
        &sections,
        record.as_ref().map(|r| r.status),
        approved,
        &templates,
        danvan_store::today(),
    )
    .map_err(report_error)
}

/// `bao-cao-2025-00004-2024-H1.pdf`
pub fn file_name(report: &Report, format: danvan_report::Format) -> String {
    let period: String = report
        .period
        .key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
        .collect();
    format!(
        "bao-cao-{}-{}-{period}.{}",
        report.unit.scheme,
        report.unit.code,
        format.extension()
    )
}
