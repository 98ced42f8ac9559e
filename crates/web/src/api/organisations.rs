use super::ApiQuery;
use super::{ApiJson, List};
use crate::auth::ApiCaller;
use crate::error::{ApiError, ErrorBody};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use danvan_domain::organisation::{Organisation, OrganisationKind};
use danvan_store::NewOrganisation;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganisationParams {
    /// Only this unit's organisations: `scheme/code` or a code valid today.
    unit: Option<String>,
}

/// Organisations in the caller's scope.
#[utoipa::path(get, path = "/api/v1/organisations", params(OrganisationParams), security(("bearer" = [])),
    responses((status = 200, body = List<Organisation>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_organisations(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(params): ApiQuery<OrganisationParams>,
) -> Result<Json<List<Organisation>>, ApiError> {
    let unit = match params.unit.as_deref().filter(|s| !s.is_empty()) {
        Some(u) => {
            let unit = state.store.resolve_unit(u, None).await?;
            caller.actor.scope.require(&unit)?;
            Some(unit)
        }
        None => None,
    };
    Ok(Json(
        state
            .store
            .list_organisations(&caller.actor, unit.as_ref())
            .await?
            .into(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct NewOrganisationBody {
    /// `scheme/code` or a code valid today
    unit: String,
    kind: OrganisationKind,
    /// Defaults to the standard name, e.g. "Ủy ban MTTQ Việt Nam Phường Ba Đình".
    name: Option<String>,
}

/// Creates an organisation in a unit of the caller's scope (admins).
#[utoipa::path(post, path = "/api/v1/organisations", request_body = NewOrganisationBody, security(("bearer" = [])),
    responses((status = 201, body = Organisation), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create_organisation(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<NewOrganisationBody>,
) -> Result<(StatusCode, Json<Organisation>), ApiError> {
    let new = NewOrganisation {
        unit: body.unit,
        kind: body.kind,
        name: body.name,
    };
    let org = state.store.create_organisation(&caller.actor, &new).await?;
    Ok((StatusCode::CREATED, Json(org)))
}
