//! The register of leadership and direction documents: recording one (its symbol parsed and
//! checked against its type), reading and listing them, and their counts by type.

use crate::error::on_unique;
use crate::record_rows::{coded, date, day, page, push_range, Keyset, ListOrder};
use crate::search_texts::{push_search, search_key};
use crate::sql::{col, starts_with, Sql};
use crate::units::push_scope;
use crate::{Result, Store, StoreError};
use chrono::{Datelike, NaiveDate};
use danvan_domain::directive::{
    by_type_counts, directive_text, validate_directive, Directive, DirectivePage, DirectiveStats, DocumentSymbol,
    DocumentType, NewDirective, SymbolStyle,
};
use danvan_domain::petition::Count;
use danvan_domain::role::require;
use danvan_domain::scope::Actor;
use danvan_domain::unit::Level;
use danvan_domain::ErrorCode;
use sqlx::any::AnyRow;
use std::collections::HashMap;

const COLUMNS: &str = "d.id, u.scheme AS unit_scheme, u.code AS unit_code, u.name AS unit_name, \
    u.level AS unit_level, d.doc_type, d.symbol, d.style, d.issued_on, d.issuer, d.title, d.file \
    FROM directives d JOIN units u ON u.id = d.unit_id";

/// Filters for the register. Dates bound the issue date, inclusive.
#[derive(Debug, Clone, Default)]
pub struct DirectiveQuery {
    /// This unit and those below it
    pub unit: Option<String>,
    pub doc_type: Option<DocumentType>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Words of the title or the symbol
    pub q: Option<String>,
    /// By date issued, the newest first unless asked
    pub sort: ListOrder,
    pub after: Option<String>,
    pub limit: Option<i64>,
}

const DIRECTIVE_PAGES: Keyset = Keyset {
    date: "d.issued_on",
    id: "d.id",
};

fn directive_from(row: &AnyRow) -> Result<Directive> {
    let symbol: String = col(row, "symbol")?;
    let printed = DocumentSymbol::parse(&symbol)
        .map(|s| s.printed())
        .unwrap_or_else(|_| symbol.clone());
    Ok(Directive {
        id: col(row, "id")?,
        unit_scheme: col(row, "unit_scheme")?,
        unit_code: col(row, "unit_code")?,
        unit_name: col(row, "unit_name")?,
        unit_level: coded(row, "unit_level", Level::parse)?,
        doc_type: coded(row, "doc_type", DocumentType::parse)?,
        symbol,
        printed_symbol: printed,
        style: coded(row, "style", SymbolStyle::parse)?,
        issued_on: date(row, "issued_on")?,
        issuer: col(row, "issuer")?,
        title: col(row, "title")?,
        file: col(row, "file")?,
    })
}

impl Store {
    /// Enters a document in the register; its symbol must parse and agree with its type.
    pub async fn create_directive(&self, actor: &Actor, new: &NewDirective) -> Result<Directive> {
        require(actor.role.can_write_records(), "vào sổ văn bản")?;
        let checked = validate_directive(new, crate::units::today())?;
        let unit = self.resolve_unit(&new.unit, Some(new.issued_on)).await?;
        actor.scope.require(&unit)?;
        let symbol = checked.symbol.text();
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO directives (unit_id, doc_type, symbol, style, issued_on, issued_year, issuer, title, file, \
             search_text, created_by, created_at) VALUES ",
        );
        q.bind_row(vec![
            unit.id.into(),
            new.doc_type.as_str().into(),
            symbol.clone().into(),
            checked.symbol.style.as_str().into(),
            day(new.issued_on).into(),
            (new.issued_on.year() as i64).into(),
            checked.issuer.clone().into(),
            checked.title.clone().into(),
            checked.file.clone().into(),
            search_key(&[Some(symbol.as_str()), Some(checked.title.as_str())]).into(),
            actor.user_id.into(),
            tx.now().to_string().into(),
        ]);
        q.push(" RETURNING id");
        let row = q.query().fetch_one(&mut *tx.tx).await.map_err(|e| {
            on_unique(
                e,
                ErrorCode::DuplicateDocument,
                &format!("{symbol} năm {} của {}", new.issued_on.year(), unit.name),
            )
        })?;
        let id: i64 = col(&row, "id")?;
        let audited = serde_json::json!({
            "id": id, "unit": unit.label(), "doc_type": new.doc_type, "symbol": symbol,
            "issued_on": new.issued_on, "issuer": checked.issuer, "title": checked.title,
        });
        tx.audit(
            actor,
            "create",
            "directive",
            &id.to_string(),
            None::<&()>,
            Some(&audited),
        )
        .await?;
        tx.commit().await?;
        self.directive(actor, id).await
    }

    pub async fn directive(&self, actor: &Actor, id: i64) -> Result<Directive> {
        let mut q = Sql::new(&format!("SELECT {COLUMNS} WHERE d.id = "));
        q.bind(id);
        push_scope(&mut q, &actor.scope, "u.path");
        let row = q.query().fetch_optional(&self.pool).await?;
        row.as_ref()
            .map(directive_from)
            .transpose()?
            .ok_or_else(|| StoreError::domain(ErrorCode::NotFound, format!("văn bản {id}")))
    }

    /// Every document `query` picks (for an export), refused beyond `max`.
    pub async fn export_directives(&self, actor: &Actor, query: &DirectiveQuery, max: usize) -> Result<Vec<Directive>> {
        crate::pages::every_page(max, "văn bản", query, |q| async move {
            self.list_directives(actor, &q).await
        })
        .await
    }

    /// The register in scope, newest first unless asked, a page at a time.
    pub async fn list_directives(&self, actor: &Actor, query: &DirectiveQuery) -> Result<DirectivePage> {
        let limit = query.limit.unwrap_or(50).clamp(1, 500);
        let mut q = Sql::new(&format!("SELECT {COLUMNS} WHERE 1 = 1"));
        push_scope(&mut q, &actor.scope, "u.path");
        if let Some(unit) = query.unit.as_deref().filter(|s| !s.is_empty()) {
            let unit = self.resolve_unit(unit, query.to).await?;
            q.push(" AND u.path LIKE ").bind(starts_with(&unit.path));
        }
        if let Some(t) = query.doc_type {
            q.push(" AND d.doc_type = ").bind(t.as_str());
        }
        push_range(&mut q, "d.issued_on", query.from, query.to);
        push_search(&mut q, "d.search_text", query.q.as_deref());
        DIRECTIVE_PAGES.push_page(&mut q, query.sort, query.after.as_deref(), limit)?;
        let items: Vec<Directive> = q
            .query()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(directive_from)
            .collect::<Result<_>>()?;
        let (items, next) = page(items, limit, |d| (d.issued_on, d.id));
        Ok(DirectivePage { items, next })
    }

    /// Documents issued in [from, to] by `unit` and the units below it, by type and level:
    /// "ban hành 01 Chỉ thị; 01 Quyết định; 04 Công văn; …".
    pub async fn directive_stats(
        &self,
        actor: &Actor,
        unit: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<DirectiveStats> {
        let unit = self.resolve_unit(unit, Some(to)).await?;
        actor.scope.require(&unit)?;
        let mut q = Sql::new(
            "SELECT d.doc_type, u.level, COUNT(*) AS n FROM directives d JOIN units u ON u.id = d.unit_id \
             WHERE d.issued_on >= ",
        );
        q.bind(day(from)).push(" AND d.issued_on <= ").bind(day(to));
        q.push(" AND u.path LIKE ").bind(starts_with(&unit.path));
        push_scope(&mut q, &actor.scope, "u.path");
        q.push(" GROUP BY d.doc_type, u.level");
        let mut by_type: HashMap<String, i64> = HashMap::new();
        let mut by_level: HashMap<String, i64> = HashMap::new();
        for row in q.query().fetch_all(&self.pool).await? {
            let n: i64 = col(&row, "n")?;
            *by_type.entry(col(&row, "doc_type")?).or_default() += n;
            *by_level.entry(col(&row, "level")?).or_default() += n;
        }
        let types = by_type_counts(|t| by_type.get(t.as_str()).copied().unwrap_or(0));
        let levels: Vec<Count> = [Level::Province, Level::District, Level::Commune, Level::Village]
            .into_iter()
            .filter_map(|l| {
                by_level.get(l.as_str()).map(|n| Count {
                    key: l.as_str().into(),
                    label: l.label_vi().into(),
                    count: *n,
                })
            })
            .collect();
        Ok(DirectiveStats {
            unit: format!("{}/{}", unit.scheme, unit.code),
            from,
            to,
            total: by_type.values().sum(),
            text: directive_text(&types),
            by_type: types,
            by_level: levels,
        })
    }
}
