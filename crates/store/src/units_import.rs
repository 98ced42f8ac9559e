//! Loading units: the bundled official data (legacy and 2025 structures with the old→new
//! succession), and admin-supplied history (earlier units and their successions) from CSV.

use crate::sql::{col, Param, Sql};
use crate::units::{date_text, insert_unit};
use crate::write::WriteTx;
use crate::{Result, Store, StoreError};
use danvan_domain::role::require;
use danvan_domain::scope::Actor;
use danvan_domain::text::{fold, normalize};
use danvan_domain::unit::{
    derive_parent_successions, legacy_end, parse_date, reform_2025_start, unit_path, validate_new_unit, Level, NewUnit,
    SuccessionKind, SCHEME_2025, SCHEME_LEGACY,
};
use danvan_domain::{DomainError, ErrorCode};
use serde::Serialize;
use std::collections::HashMap;

const LEGACY_PROVINCES: &str = include_str!("../data/units/legacy_provinces.csv");
const LEGACY_DISTRICTS: &str = include_str!("../data/units/legacy_districts.csv");
const LEGACY_WARDS: &str = include_str!("../data/units/legacy_wards.csv");
const PROVINCES_2025: &str = include_str!("../data/units/provinces_2025.csv");
const WARDS_2025: &str = include_str!("../data/units/wards_2025.csv");
const WARD_OLD_TO_NEW: &str = include_str!("../data/units/ward_old_to_new_2025.csv");

/// Rows per multi-row INSERT: well under SQLite's and PostgreSQL's parameter limits.
const BATCH: usize = 400;

/// What an import added (zero on a re-run: imports are idempotent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub units_added: u64,
    pub successions_added: u64,
}

/// One unit row ready for insertion, parent given by code in the same scheme.
struct UnitRow {
    scheme: &'static str,
    code: String,
    name: String,
    kind: String,
    level: Level,
    parent_code: Option<String>,
}

fn read_csv(name: &str, text: &str) -> Result<Vec<HashMap<String, String>>> {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| StoreError::BundledData(format!("{name}: {e}")))?
        .clone();
    rdr.records()
        .map(|r| {
            let r = r.map_err(|e| StoreError::BundledData(format!("{name}: {e}")))?;
            Ok(headers
                .iter()
                .map(|h| h.to_string())
                .zip(r.iter().map(|v| v.to_string()))
                .collect())
        })
        .collect()
}

fn field<'a>(row: &'a HashMap<String, String>, name: &str) -> Result<&'a str> {
    row.get(name)
        .map(|s| s.as_str())
        .ok_or_else(|| StoreError::BundledData(format!("thiếu cột {name}")))
}

/// Province kind from its official name ("Thành phố Hà Nội" → "Thành phố").
fn province_kind(name: &str) -> &'static str {
    if name.starts_with("Thành phố") {
        "Thành phố"
    } else {
        "Tỉnh"
    }
}

fn bundled_units() -> Result<Vec<UnitRow>> {
    let mut out = Vec::new();
    for (scheme, text) in [(SCHEME_LEGACY, LEGACY_PROVINCES), (SCHEME_2025, PROVINCES_2025)] {
        for r in read_csv("provinces", text)? {
            let name = field(&r, "province_name")?.to_string();
            out.push(UnitRow {
                scheme,
                code: field(&r, "province_code")?.into(),
                kind: province_kind(&name).into(),
                name,
                level: Level::Province,
                parent_code: None,
            });
        }
    }
    for r in read_csv("legacy_districts", LEGACY_DISTRICTS)? {
        out.push(UnitRow {
            scheme: SCHEME_LEGACY,
            code: field(&r, "district_code")?.into(),
            name: field(&r, "district_name")?.into(),
            kind: field(&r, "district_type")?.into(),
            level: Level::District,
            parent_code: Some(field(&r, "province_code")?.into()),
        });
    }
    for r in read_csv("legacy_wards", LEGACY_WARDS)? {
        out.push(UnitRow {
            scheme: SCHEME_LEGACY,
            code: field(&r, "ward_code")?.into(),
            name: field(&r, "ward_name")?.into(),
            kind: field(&r, "ward_type")?.into(),
            level: Level::Commune,
            parent_code: Some(field(&r, "district_code")?.into()),
        });
    }
    for r in read_csv("wards_2025", WARDS_2025)? {
        out.push(UnitRow {
            scheme: SCHEME_2025,
            code: field(&r, "ward_code")?.into(),
            name: field(&r, "ward_name")?.into(),
            kind: field(&r, "ward_type")?.into(),
            level: Level::Commune,
            parent_code: Some(field(&r, "province_code")?.into()),
        });
    }
    Ok(out)
}

/// (scheme, code) → (id, path) for every unit in the database.
async fn unit_index(tx: &mut WriteTx) -> Result<HashMap<(String, String), (i64, String)>> {
    let rows = sqlx::query("SELECT id, scheme, code, path FROM units")
        .fetch_all(&mut *tx.tx)
        .await?;
    rows.iter()
        .map(|r| Ok(((col(r, "scheme")?, col(r, "code")?), (col(r, "id")?, col(r, "path")?))))
        .collect()
}

async fn insert_unit_batch(tx: &mut WriteTx, rows: &[Vec<Param>]) -> Result<u64> {
    let mut added = 0;
    for chunk in rows.chunks(BATCH) {
        let mut q = Sql::new(
            "INSERT INTO units (scheme, code, name, name_folded, kind, level, parent_id, path, valid_from, valid_to) VALUES ",
        );
        q.bind_rows(chunk.iter().cloned());
        q.push(" ON CONFLICT (scheme, code) DO NOTHING");
        added += q.query().execute(&mut *tx.tx).await?.rows_affected();
    }
    Ok(added)
}

async fn insert_succession_batch(tx: &mut WriteTx, rows: &[Vec<Param>]) -> Result<u64> {
    let mut added = 0;
    for chunk in rows.chunks(BATCH) {
        let mut q = Sql::new(
            "INSERT INTO unit_successions (predecessor_id, successor_id, kind, is_default, effective) VALUES ",
        );
        q.bind_rows(chunk.iter().cloned());
        q.push(" ON CONFLICT (predecessor_id, successor_id) DO NOTHING");
        added += q.query().execute(&mut *tx.tx).await?.rows_affected();
    }
    Ok(added)
}

impl Store {
    /// Loads the bundled legacy and 2025 units and the old→new succession. Idempotent: units and
    /// successions already present are left alone. All or nothing, in one transaction.
    pub async fn import_bundled_units(&self, actor: &Actor) -> Result<ImportSummary> {
        require(actor.scope.is_everything(), "nạp danh mục đơn vị hành chính")?;
        let units = bundled_units()?;
        let mut tx = self.begin_write().await?;
        let mut summary = ImportSummary::default();
        // Parents before children: provinces, then districts, then communes.
        for level in [Level::Province, Level::District, Level::Commune] {
            let index = unit_index(&mut tx).await?;
            let mut rows = Vec::new();
            for u in units.iter().filter(|u| u.level == level) {
                let parent = match &u.parent_code {
                    Some(pc) => Some(index.get(&(u.scheme.to_string(), pc.clone())).ok_or_else(|| {
                        StoreError::BundledData(format!("{}/{}: không có đơn vị cha {pc}", u.scheme, u.code))
                    })?),
                    None => None,
                };
                let (valid_from, valid_to) = if u.scheme == SCHEME_LEGACY {
                    (None, Some(legacy_end()))
                } else {
                    (Some(reform_2025_start()), None)
                };
                let name = normalize(&u.name);
                rows.push(vec![
                    u.scheme.into(),
                    u.code.clone().into(),
                    name.clone().into(),
                    fold(&name).into(),
                    normalize(&u.kind).into(),
                    u.level.as_str().into(),
                    parent.map(|p| p.0).into(),
                    unit_path(parent.map(|p| p.1.as_str()), u.scheme, &u.code).into(),
                    date_text(valid_from).into(),
                    date_text(valid_to).into(),
                ]);
            }
            summary.units_added += insert_unit_batch(&mut tx, &rows).await?;
        }
        summary.successions_added += self.import_bundled_successions(&mut tx).await?;
        tx.audit(actor, "import", "units", "bundled", None::<&()>, Some(&summary))
            .await?;
        tx.commit().await?;
        self.units_changed();
        Ok(summary)
    }

    async fn import_bundled_successions(&self, tx: &mut WriteTx) -> Result<u64> {
        let index = unit_index(tx).await?;
        let id = |scheme: &str, code: &str| -> Result<i64> {
            index
                .get(&(scheme.to_string(), code.to_string()))
                .map(|v| v.0)
                .ok_or_else(|| StoreError::BundledData(format!("kế thừa: không có đơn vị {scheme}/{code}")))
        };
        let province_of = |scheme: &str, commune: &str| -> Option<String> {
            let path = &index.get(&(scheme.to_string(), commune.to_string()))?.1;
            path.split('/').nth(2).map(|s| s.to_string())
        };
        let effective = date_text(Some(reform_2025_start()));
        let mut rows = Vec::new();
        let mut province_edges = Vec::new();
        for r in read_csv("ward_old_to_new_2025", WARD_OLD_TO_NEW)? {
            let old = field(&r, "old_ward_code")?;
            let new = field(&r, "new_ward_code")?;
            let kind = SuccessionKind::parse(field(&r, "kind")?)?;
            let is_default = field(&r, "is_default_new_ward")? == "1";
            rows.push(vec![
                id(SCHEME_LEGACY, old)?.into(),
                id(SCHEME_2025, new)?.into(),
                kind.as_str().into(),
                is_default.into(),
                effective.clone().into(),
            ]);
            if let (Some(op), Some(np)) = (province_of(SCHEME_LEGACY, old), province_of(SCHEME_2025, new)) {
                province_edges.push((op, np));
            }
        }
        // The table lists communes only; provinces' successions follow from theirs.
        for p in derive_parent_successions(province_edges) {
            rows.push(vec![
                id(SCHEME_LEGACY, &p.old_parent)?.into(),
                id(SCHEME_2025, &p.new_parent)?.into(),
                p.kind.as_str().into(),
                p.is_default.into(),
                effective.clone().into(),
            ]);
        }
        insert_succession_batch(tx, &rows).await
    }

    /// Loads earlier units and their successions from CSV with the header
    /// `scheme,code,name,kind,level,parent_code,valid_from,valid_to,successor_scheme,successor_code,succession_kind,is_default`.
    /// A unit may appear on several lines (one per successor); parents come before children.
    /// All or nothing: the first bad line aborts the import with its line number.
    pub async fn import_unit_history(&self, actor: &Actor, csv_text: &str) -> Result<ImportSummary> {
        require(actor.role.can_administer(), "nạp lịch sử đơn vị hành chính")?;
        let lines = parse_history(csv_text)?;
        let mut tx = self.begin_write().await?;
        let mut summary = ImportSummary::default();
        for (line_no, line) in &lines {
            let at_line = |e: StoreError| match e {
                StoreError::Domain(d) => StoreError::Domain(DomainError::new(d.code, format!("dòng {line_no}: {d}"))),
                other => other,
            };
            let unit = match self.find_unit_in(&mut tx, &line.unit.scheme, &line.unit.code).await? {
                Some(u) => u,
                None => {
                    let parent = match &line.unit.parent_code {
                        Some(pc) => Some(
                            self.find_unit_in(&mut tx, &line.unit.scheme, pc)
                                .await?
                                .ok_or_else(|| {
                                    StoreError::domain(ErrorCode::UnknownUnit, format!("{}/{pc}", line.unit.scheme))
                                })
                                .map_err(at_line)?,
                        ),
                        None => None,
                    };
                    validate_new_unit(&line.unit, parent.as_ref()).map_err(|e| at_line(e.into()))?;
                    if let Some(p) = &parent {
                        actor.scope.require(p).map_err(|e| at_line(e.into()))?;
                    } else {
                        require(actor.scope.is_everything(), "thêm đơn vị cấp tỉnh").map_err(|e| at_line(e.into()))?;
                    }
                    let u = insert_unit(&mut tx, &line.unit, parent.as_ref())
                        .await
                        .map_err(at_line)?;
                    tx.audit(
                        actor,
                        "create",
                        "unit",
                        &format!("{}/{}", u.scheme, u.code),
                        None::<&()>,
                        Some(&u),
                    )
                    .await?;
                    summary.units_added += 1;
                    u
                }
            };
            if let Some((scheme, code, kind, is_default)) = &line.successor {
                let succ = self
                    .find_unit_in(&mut tx, scheme, code)
                    .await?
                    .ok_or_else(|| StoreError::domain(ErrorCode::UnknownUnit, format!("{scheme}/{code}")))
                    .map_err(at_line)?;
                let effective = date_text(line.unit.valid_to.map(|d| d + chrono::Duration::days(1)));
                let mut q = Sql::new(
                    "INSERT INTO unit_successions (predecessor_id, successor_id, kind, is_default, effective) VALUES ",
                );
                q.bind_row(vec![
                    unit.id.into(),
                    succ.id.into(),
                    kind.as_str().into(),
                    (*is_default).into(),
                    effective.into(),
                ]);
                q.push(" ON CONFLICT (predecessor_id, successor_id) DO NOTHING");
                let added = q.query().execute(&mut *tx.tx).await?.rows_affected();
                if added > 0 {
                    let id = format!("{}/{}->{}/{}", unit.scheme, unit.code, succ.scheme, succ.code);
                    tx.audit(
                        actor,
                        "create",
                        "unit_succession",
                        &id,
                        None::<&()>,
                        Some(&kind.as_str()),
                    )
                    .await?;
                }
                summary.successions_added += added;
            }
        }
        tx.audit(actor, "import", "units", "history", None::<&()>, Some(&summary))
            .await?;
        tx.commit().await?;
        self.units_changed();
        Ok(summary)
    }

    async fn find_unit_in(
        &self,
        tx: &mut WriteTx,
        scheme: &str,
        code: &str,
    ) -> Result<Option<danvan_domain::unit::Unit>> {
        let mut q = Sql::new(&format!("SELECT {} WHERE u.scheme = ", crate::units::UNIT_COLUMNS));
        q.bind(scheme).push(" AND u.code = ").bind(code);
        let row = q.query().fetch_optional(&mut *tx.tx).await?;
        row.as_ref().map(crate::units::unit_from_row).transpose()
    }
}

struct HistoryLine {
    unit: NewUnit,
    successor: Option<(String, String, SuccessionKind, bool)>,
}

fn parse_history(text: &str) -> Result<Vec<(usize, HistoryLine)>> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| DomainError::validation(format!("tệp CSV không đọc được: {e}")))?
        .clone();
    for needed in [
        "scheme",
        "code",
        "name",
        "kind",
        "level",
        "parent_code",
        "valid_from",
        "valid_to",
    ] {
        if !headers.iter().any(|h| h == needed) {
            return Err(DomainError::validation(format!("tệp CSV thiếu cột '{needed}'")).into());
        }
    }
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line_no = i + 2;
        let rec = rec.map_err(|e| DomainError::validation(format!("dòng {line_no}: {e}")))?;
        let get = |name: &str| -> Option<String> {
            headers
                .iter()
                .position(|h| h == name)
                .and_then(|p| rec.get(p))
                .map(str::to_string)
                .filter(|s| !s.is_empty())
        };
        let at = |e: DomainError| DomainError::new(e.code, format!("dòng {line_no}: {}", e));
        let date = |name: &str| get(name).map(|s| parse_date(&s)).transpose().map_err(at);
        let unit = NewUnit {
            scheme: get("scheme").unwrap_or_default(),
            code: get("code").unwrap_or_default(),
            name: get("name").unwrap_or_default(),
            kind: get("kind").unwrap_or_default(),
            level: Level::parse(&get("level").unwrap_or_default()).map_err(at)?,
            parent_code: get("parent_code"),
            valid_from: date("valid_from")?,
            valid_to: date("valid_to")?,
        };
        let successor = match (get("successor_scheme"), get("successor_code")) {
            (Some(s), Some(c)) => {
                let kind =
                    SuccessionKind::parse(&get("succession_kind").unwrap_or_else(|| "whole".into())).map_err(at)?;
                let is_default = matches!(get("is_default").as_deref(), Some("1" | "true" | "yes"));
                Some((s, c, kind, is_default))
            }
            (None, None) => None,
            _ => {
                return Err(DomainError::validation(format!(
                    "dòng {line_no}: cần cả successor_scheme và successor_code"
                ))
                .into())
            }
        };
        out.push((line_no, HistoryLine { unit, successor }));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_data_has_the_official_counts() {
        let units = bundled_units().unwrap();
        let count =
            |scheme: &str, level: Level| units.iter().filter(|u| u.scheme == scheme && u.level == level).count();
        assert_eq!(count(SCHEME_LEGACY, Level::Province), 63);
        assert_eq!(count(SCHEME_LEGACY, Level::District), 696);
        assert_eq!(count(SCHEME_LEGACY, Level::Commune), 10_035);
        assert_eq!(count(SCHEME_2025, Level::Province), 34);
        assert_eq!(count(SCHEME_2025, Level::Commune), 3_321);
    }

    #[test]
    fn history_lines_report_their_line_number() {
        let csv = "scheme,code,name,kind,level,parent_code,valid_from,valid_to\n\
                   pre2019,X1,Xã Một,Xã,province,,2000-01-01,2018-12-31\n\
                   pre2019,X2,Xã Hai,Xã,hamlet,,2000-01-01,2018-12-31\n";
        let e = parse_history(csv).err().unwrap();
        assert!(e.to_string().contains("dòng 3"), "{e}");
    }

    #[test]
    fn history_needs_both_successor_columns() {
        let csv = "scheme,code,name,kind,level,parent_code,valid_from,valid_to,successor_scheme,successor_code\n\
                   pre2019,X1,Xã Một,Xã,province,,,2018-12-31,legacy,\n";
        assert!(parse_history(csv).is_err());
    }
}
