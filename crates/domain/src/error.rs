//! Error codes shared by every layer: a stable machine code for the API and the CLI, and the
//! Vietnamese message a user reads. Web and CLI map these once; nobody else invents codes.

use serde::Serialize;

/// Stable machine codes. Their string form is part of the public API: never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Validation,
    InvalidDate,
    UnknownUnit,
    AmbiguousUnit,
    UnknownUser,
    UnknownOrganisation,
    DuplicateUsername,
    DuplicateUnit,
    DuplicateOrganisation,
    InvalidCredentials,
    AccountLocked,
    AccountDisabled,
    Unauthorized,
    ForbiddenScope,
    ForbiddenRole,
    CsrfFailed,
    NotFound,
    InvalidTransition,
    InvalidCccd,
    InvalidPhone,
    FutureDate,
    ExtensionNotAllowed,
    AttachmentTooLarge,
    AttachmentType,
    Unsupported,
    TooManyRows,
    RequestInProgress,
    Internal,
    PartsExceedTotal,
    OutcomeRequired,
    OpenItems,
    DeadlineBeforeMeeting,
    InvalidPeriod,
    ReportFrozen,
    TemplateMismatch,
    InvalidCell,
    InvalidDocumentSymbol,
    DuplicateDocument,
    OverrideRequired,
    FundOverdrawn,
    FractionalMoney,
    VotesExceedHouseholds,
    PostingEndsBeforeStart,
    ProposerNotAllowed,
    InitiativeTooFewHouseholds,
    InitiativeConsentExpired,
    VoteFormNotAllowed,
    OnlineOptInTooLow,
    BallotNoticeTooShort,
    TeamSizeOutOfRange,
    DatesOutOfOrder,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Validation => "validation",
            ErrorCode::InvalidDate => "invalid_date",
            ErrorCode::UnknownUnit => "unknown_unit",
            ErrorCode::AmbiguousUnit => "ambiguous_unit",
            ErrorCode::UnknownUser => "unknown_user",
            ErrorCode::UnknownOrganisation => "unknown_organisation",
            ErrorCode::DuplicateUsername => "duplicate_username",
            ErrorCode::DuplicateUnit => "duplicate_unit",
            ErrorCode::DuplicateOrganisation => "duplicate_organisation",
            ErrorCode::InvalidCredentials => "invalid_credentials",
            ErrorCode::AccountLocked => "account_locked",
            ErrorCode::AccountDisabled => "account_disabled",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::ForbiddenScope => "forbidden_scope",
            ErrorCode::ForbiddenRole => "forbidden_role",
            ErrorCode::CsrfFailed => "csrf_failed",
            ErrorCode::NotFound => "not_found",
            ErrorCode::InvalidTransition => "invalid_transition",
            ErrorCode::InvalidCccd => "invalid_cccd",
            ErrorCode::InvalidPhone => "invalid_phone",
            ErrorCode::FutureDate => "future_date",
            ErrorCode::ExtensionNotAllowed => "extension_not_allowed",
            ErrorCode::AttachmentTooLarge => "attachment_too_large",
            ErrorCode::AttachmentType => "attachment_type",
            ErrorCode::Unsupported => "unsupported",
            ErrorCode::TooManyRows => "too_many_rows",
            ErrorCode::RequestInProgress => "request_in_progress",
            ErrorCode::Internal => "internal",
            ErrorCode::PartsExceedTotal => "parts_exceed_total",
            ErrorCode::OutcomeRequired => "outcome_required",
            ErrorCode::OpenItems => "open_items",
            ErrorCode::DeadlineBeforeMeeting => "deadline_before_meeting",
            ErrorCode::InvalidPeriod => "invalid_period",
            ErrorCode::ReportFrozen => "report_frozen",
            ErrorCode::TemplateMismatch => "template_mismatch",
            ErrorCode::InvalidCell => "invalid_cell",
            ErrorCode::InvalidDocumentSymbol => "invalid_document_symbol",
            ErrorCode::DuplicateDocument => "duplicate_document",
            ErrorCode::OverrideRequired => "override_required",
            ErrorCode::FundOverdrawn => "fund_overdrawn",
            ErrorCode::FractionalMoney => "fractional_money",
            ErrorCode::VotesExceedHouseholds => "votes_exceed_households",
            ErrorCode::PostingEndsBeforeStart => "posting_ends_before_start",
            ErrorCode::ProposerNotAllowed => "proposer_not_allowed",
            ErrorCode::InitiativeTooFewHouseholds => "initiative_too_few_households",
            ErrorCode::InitiativeConsentExpired => "initiative_consent_expired",
            ErrorCode::VoteFormNotAllowed => "vote_form_not_allowed",
            ErrorCode::OnlineOptInTooLow => "online_opt_in_too_low",
            ErrorCode::BallotNoticeTooShort => "ballot_notice_too_short",
            ErrorCode::TeamSizeOutOfRange => "team_size_out_of_range",
            ErrorCode::DatesOutOfOrder => "dates_out_of_order",
        }
    }

    /// The Vietnamese headline for this code; details are appended by the error itself.
    pub fn message_vi(self) -> &'static str {
        match self {
            ErrorCode::Validation => "Dữ liệu không hợp lệ",
            ErrorCode::InvalidDate => "Ngày không hợp lệ (định dạng YYYY-MM-DD hoặc dd/mm/yyyy)",
            ErrorCode::UnknownUnit => "Không tìm thấy đơn vị hành chính",
            ErrorCode::AmbiguousUnit => "Mã đơn vị trùng ở nhiều hệ thống đơn vị, hãy chỉ rõ ngày hoặc hệ thống",
            ErrorCode::UnknownUser => "Không tìm thấy người dùng",
            ErrorCode::UnknownOrganisation => "Không tìm thấy cơ quan, tổ chức",
            ErrorCode::DuplicateUsername => "Tên đăng nhập đã tồn tại",
            ErrorCode::DuplicateUnit => "Mã đơn vị đã tồn tại trong hệ thống đơn vị này",
            ErrorCode::DuplicateOrganisation => "Cơ quan, tổ chức này đã có ở đơn vị",
            ErrorCode::InvalidCredentials => "Sai tên đăng nhập hoặc mật khẩu",
            ErrorCode::AccountLocked => "Tài khoản tạm khóa do đăng nhập sai nhiều lần, hãy thử lại sau",
            ErrorCode::AccountDisabled => "Tài khoản đã bị vô hiệu hóa",
            ErrorCode::Unauthorized => "Chưa đăng nhập hoặc phiên làm việc đã hết hạn",
            ErrorCode::ForbiddenScope => "Ngoài phạm vi đơn vị được giao",
            ErrorCode::ForbiddenRole => "Vai trò của bạn không được phép thực hiện thao tác này",
            ErrorCode::CsrfFailed => "Phiên biểu mẫu không hợp lệ, hãy tải lại trang",
            ErrorCode::NotFound => "Không tìm thấy",
            ErrorCode::InvalidTransition => "Không thể chuyển hồ sơ sang bước này từ trạng thái hiện tại",
            ErrorCode::InvalidCccd => "Số CCCD phải gồm đúng 12 chữ số",
            ErrorCode::InvalidPhone => "Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0",
            ErrorCode::FutureDate => "Ngày không được sau ngày hôm nay",
            ErrorCode::ExtensionNotAllowed => "Quy định không cho phép gia hạn thêm",
            ErrorCode::AttachmentTooLarge => "Tệp đính kèm quá lớn",
            ErrorCode::AttachmentType => "Loại tệp đính kèm không được chấp nhận",
            ErrorCode::Unsupported => "Chức năng không hỗ trợ với cơ sở dữ liệu này",
            ErrorCode::TooManyRows => "Danh sách quá lớn để xuất một lần, hãy thu hẹp bộ lọc",
            ErrorCode::RequestInProgress => "Yêu cầu này đang được xử lý, hãy chờ giây lát rồi tải lại trang",
            ErrorCode::Internal => "Lỗi hệ thống",
            ErrorCode::PartsExceedTotal => "Số thành phần không được lớn hơn tổng số",
            ErrorCode::OutcomeRequired => "Ý kiến chưa có kết quả xử lý",
            ErrorCode::OpenItems => "Còn ý kiến, kiến nghị chưa xử lý xong",
            ErrorCode::DeadlineBeforeMeeting => "Hạn trả lời không được trước ngày hội nghị",
            ErrorCode::InvalidPeriod => "Kỳ báo cáo không hợp lệ",
            ErrorCode::ReportFrozen => "Báo cáo đã được duyệt, không thể sửa",
            ErrorCode::TemplateMismatch => "Biểu mẫu không đúng kỳ báo cáo hoặc đơn vị",
            ErrorCode::InvalidCell => "Ô số liệu không hợp lệ",
            ErrorCode::InvalidDocumentSymbol => {
                "Số, ký hiệu văn bản không đúng thể thức (ví dụ 85-KH/QU, 11-QĐi/TW hoặc 05/BC-UBND)"
            }
            ErrorCode::DuplicateDocument => "Văn bản có số, ký hiệu này đã có trong sổ",
            ErrorCode::OverrideRequired => {
                "Chỉ quản trị được đưa hồ sơ đã khen thưởng về bước trước, và phải xác nhận ghi đè"
            }
            ErrorCode::FundOverdrawn => "Số chi vượt quá số dư của quỹ",
            ErrorCode::FractionalMoney => "Số tiền phải là số nguyên đồng, không có phần lẻ của một đồng",
            ErrorCode::VotesExceedHouseholds => "Số phiếu biểu quyết nhiều hơn số hộ gia đình",
            ErrorCode::PostingEndsBeforeStart => "Ngày kết thúc niêm yết trước ngày bắt đầu",
            ErrorCode::ProposerNotAllowed => "Người đề xuất không đúng phạm vi nội dung",
            ErrorCode::InitiativeTooFewHouseholds => "Sáng kiến của công dân chưa đủ số hộ đồng thuận",
            ErrorCode::InitiativeConsentExpired => "Sự đồng thuận với sáng kiến đã quá 03 tháng",
            ErrorCode::VoteFormNotAllowed => "Hình thức biểu quyết không được phép với nội dung này",
            ErrorCode::OnlineOptInTooLow => "Chưa đủ trên 50% số hộ đồng ý biểu quyết trực tuyến",
            ErrorCode::BallotNoticeTooShort => "Kế hoạch phát phiếu phải công bố trước ít nhất 02 ngày",
            ErrorCode::TeamSizeOutOfRange => "Tổ phát phiếu, tổ biểu quyết trực tuyến phải có từ 3 đến 5 thành viên",
            ErrorCode::DatesOutOfOrder => "Các ngày không theo đúng trình tự",
        }
    }
}

/// A rule was broken. Carries its code and a Vietnamese detail.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}", .code.message_vi(), detail_suffix(.detail))]
pub struct DomainError {
    pub code: ErrorCode,
    pub detail: String,
}

fn detail_suffix(detail: &str) -> String {
    if detail.is_empty() {
        String::new()
    } else {
        format!(": {detail}")
    }
}

impl DomainError {
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        DomainError {
            code,
            detail: detail.into(),
        }
    }
    pub fn validation(detail: impl Into<String>) -> Self {
        Self::new(ErrorCode::Validation, detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_joins_headline_and_detail() {
        let e = DomainError::new(ErrorCode::UnknownUnit, "2025/99999");
        assert_eq!(e.to_string(), "Không tìm thấy đơn vị hành chính: 2025/99999");
        assert_eq!(e.code.as_str(), "unknown_unit");
    }

    #[test]
    fn codes_serialize_as_their_stable_string() {
        let s = serde_json::to_string(&ErrorCode::ForbiddenScope).unwrap();
        assert_eq!(s, "\"forbidden_scope\"");
    }
}
