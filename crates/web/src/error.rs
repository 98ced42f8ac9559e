//! The one mapping from errors to HTTP: a status and `{ "code", "message" }` with a stable code
//! and a Vietnamese message.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use danvan_domain::{DomainError, ErrorCode};
use danvan_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// The body of every API error.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// Stable machine code, e.g. `forbidden_scope`.
    pub code: String,
    /// Vietnamese message for people.
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, detail: &str) -> ApiError {
        DomainError::new(code, detail).into()
    }
}

pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::Validation
        | ErrorCode::InvalidDate
        | ErrorCode::AmbiguousUnit
        | ErrorCode::InvalidCccd
        | ErrorCode::InvalidPhone
        | ErrorCode::FutureDate
        | ErrorCode::TooManyRows => StatusCode::BAD_REQUEST,
        ErrorCode::InvalidTransition | ErrorCode::ExtensionNotAllowed | ErrorCode::RequestInProgress => {
            StatusCode::CONFLICT
        }
        ErrorCode::UnknownUnit | ErrorCode::UnknownUser | ErrorCode::UnknownOrganisation | ErrorCode::NotFound => {
            StatusCode::NOT_FOUND
        }
        ErrorCode::DuplicateUsername | ErrorCode::DuplicateUnit | ErrorCode::DuplicateOrganisation => {
            StatusCode::CONFLICT
        }
        ErrorCode::InvalidCredentials | ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
        ErrorCode::AccountLocked => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::AccountDisabled | ErrorCode::ForbiddenScope | ErrorCode::ForbiddenRole | ErrorCode::CsrfFailed => {
            StatusCode::FORBIDDEN
        }
        ErrorCode::AttachmentTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::AttachmentType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::Unsupported => StatusCode::NOT_IMPLEMENTED,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        ErrorCode::PartsExceedTotal | ErrorCode::OutcomeRequired | ErrorCode::DeadlineBeforeMeeting => {
            StatusCode::BAD_REQUEST
        }
        ErrorCode::OpenItems => StatusCode::CONFLICT,
        ErrorCode::InvalidPeriod | ErrorCode::TemplateMismatch | ErrorCode::InvalidCell => StatusCode::BAD_REQUEST,
        ErrorCode::ReportFrozen => StatusCode::CONFLICT,
        ErrorCode::InvalidDocumentSymbol | ErrorCode::FractionalMoney => StatusCode::BAD_REQUEST,
        ErrorCode::DuplicateDocument | ErrorCode::FundOverdrawn => StatusCode::CONFLICT,
        ErrorCode::OverrideRequired => StatusCode::FORBIDDEN,
        ErrorCode::VotesExceedHouseholds | ErrorCode::PostingEndsBeforeStart => StatusCode::BAD_REQUEST,
        ErrorCode::ProposerNotAllowed
        | ErrorCode::InitiativeTooFewHouseholds
        | ErrorCode::InitiativeConsentExpired
        | ErrorCode::VoteFormNotAllowed
        | ErrorCode::OnlineOptInTooLow
        | ErrorCode::BallotNoticeTooShort
        | ErrorCode::TeamSizeOutOfRange
        | ErrorCode::DatesOutOfOrder => StatusCode::BAD_REQUEST,
    }
}

impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> Self {
        ApiError {
            code: e.code,
            message: e.to_string(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Domain(d) => d.into(),
            other => {
                // Internals go to the log, not to the caller.
                tracing::error!(error = %other, "store error");
                ApiError {
                    code: ErrorCode::Internal,
                    message: ErrorCode::Internal.message_vi().into(),
                }
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            code: self.code.as_str().into(),
            message: self.message,
        };
        (status_of(self.code), Json(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_statuses() {
        assert_eq!(status_of(ErrorCode::ForbiddenScope), StatusCode::FORBIDDEN);
        assert_eq!(status_of(ErrorCode::DuplicateUsername), StatusCode::CONFLICT);
        assert_eq!(status_of(ErrorCode::Unauthorized), StatusCode::UNAUTHORIZED);
        assert_eq!(status_of(ErrorCode::UnknownUnit), StatusCode::NOT_FOUND);
    }

    #[test]
    fn internal_errors_hide_their_details() {
        let e: ApiError = StoreError::Corrupt("secret path /var/x".into()).into();
        assert_eq!(e.code, ErrorCode::Internal);
        assert!(!e.message.contains("/var/x"));
    }
}
