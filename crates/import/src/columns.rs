//! The register's columns: their documented headers, which are required, and the header texts
//! (folded) each one is recognised by.

use danvan_domain::text::fold;

/// One column of the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Field {
    Stt,
    ReceivedOn,
    Kind,
    Channel,
    Topic,
    Subject,
    Content,
    Names,
    Cccd,
    Phone,
    Address,
    Unit,
    Anonymous,
    Remote,
}

/// A column of the register as documented for officers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// The header as written in the template (matched case- and diacritic-insensitively).
    pub header: &'static str,
    /// A file without this column is refused.
    pub required: bool,
    /// What goes in the column, in Vietnamese.
    pub hint: &'static str,
}

pub(crate) struct FieldSpec {
    pub field: Field,
    pub spec: ColumnSpec,
    /// Other header texts accepted for the column, already folded.
    pub aliases: &'static [&'static str],
    /// Column width in the template, in characters.
    pub width: f64,
}

const fn col(
    field: Field,
    header: &'static str,
    required: bool,
    hint: &'static str,
    aliases: &'static [&'static str],
    width: f64,
) -> FieldSpec {
    FieldSpec {
        field,
        spec: ColumnSpec { header, required, hint },
        aliases,
        width,
    }
}

/// The columns in template order.
pub(crate) const FIELDS: [FieldSpec; 14] = [
    col(
        Field::Stt,
        "STT",
        false,
        "Số thứ tự (không bắt buộc). Dòng có STT là \"Ví dụ\" được bỏ qua.",
        &["tt", "so thu tu"],
        7.0,
    ),
    col(
        Field::ReceivedOn,
        "Ngày nhận",
        true,
        "Ngày nhận đơn: dd/mm/yyyy hoặc yyyy-mm-dd, hoặc ô kiểu ngày của Excel. Không được sau ngày hôm nay.",
        &["ngay nhan don", "ngay tiep nhan", "received on"],
        12.0,
    ),
    col(
        Field::Kind,
        "Loại đơn",
        true,
        "Khiếu nại, Tố cáo, Kiến nghị, phản ánh, hoặc Loại khác.",
        &["phan loai don", "kind"],
        16.0,
    ),
    col(
        Field::Channel,
        "Nguồn đơn",
        false,
        "Trực tiếp, Bưu chính, Trực tuyến, Đường dây nóng, Cơ quan khác chuyển đến, Hội nghị. Để trống: Trực tiếp.",
        &["channel"],
        20.0,
    ),
    col(
        Field::Topic,
        "Lĩnh vực",
        true,
        "Một lĩnh vực trong danh mục (tên hoặc mã), ví dụ Đất đai.",
        &["topic"],
        18.0,
    ),
    col(
        Field::Subject,
        "Trích yếu",
        true,
        "Tóm tắt ngắn nội dung đơn.",
        &["trich yeu noi dung", "subject"],
        32.0,
    ),
    col(
        Field::Content,
        "Nội dung",
        true,
        "Nội dung đơn.",
        &["noi dung don", "tom tat noi dung", "content"],
        48.0,
    ),
    col(
        Field::Names,
        "Người viết đơn",
        false,
        "Họ tên; đơn nhiều người: các họ tên cách nhau bằng dấu chấm phẩy (;). Để trống chỉ khi đơn nặc danh.",
        &[
            "ho ten nguoi viet don",
            "ho va ten nguoi viet don",
            "ho va ten",
            "ho ten",
            "nguoi gui don",
            "petitioners",
        ],
        28.0,
    ),
    col(
        Field::Cccd,
        "Số CCCD",
        false,
        "12 chữ số; nhiều người: cách nhau bằng dấu ; theo đúng thứ tự họ tên (để trống giữa hai dấu ; nếu một người \
         không có).",
        &[
            "cccd",
            "so can cuoc",
            "so can cuoc cong dan",
            "so cccd cmnd",
            "so dinh danh ca nhan",
        ],
        16.0,
    ),
    col(
        Field::Phone,
        "Số điện thoại",
        false,
        "10 chữ số, bắt đầu bằng 0. Một số: của người đứng đầu danh sách; nhiều số: cách nhau bằng dấu ; theo thứ tự \
         họ tên.",
        &["dien thoai", "sdt", "phone"],
        14.0,
    ),
    col(
        Field::Address,
        "Địa chỉ",
        false,
        "Địa chỉ. Một địa chỉ: của người đứng đầu danh sách; nhiều địa chỉ: cách nhau bằng dấu ; theo thứ tự họ tên.",
        &["dia chi nguoi viet don", "address"],
        30.0,
    ),
    col(
        Field::Unit,
        "Đơn vị nhận",
        false,
        "Đơn vị nhận đơn: hệ thống/mã (ví dụ 2025/00004) hoặc mã. Để trống: đơn vị đang nhập.",
        &["don vi tiep nhan", "unit"],
        14.0,
    ),
    col(
        Field::Anonymous,
        "Nặc danh",
        false,
        "Đánh x (hoặc có) nếu đơn không ghi họ tên, địa chỉ.",
        &["don nac danh", "anonymous"],
        10.0,
    ),
    col(
        Field::Remote,
        "Vùng sâu vùng xa",
        false,
        "Đánh x (hoặc có) nếu người viết đơn ở vùng sâu, vùng xa.",
        &["vung sau", "remote"],
        12.0,
    ),
];

pub(crate) fn spec(field: Field) -> &'static FieldSpec {
    FIELDS
        .iter()
        .find(|f| f.field == field)
        .expect("every field has a spec")
}

/// The register's columns in template order.
pub fn columns() -> Vec<ColumnSpec> {
    FIELDS.iter().map(|f| f.spec).collect()
}

/// The key a header cell is matched by: no notes in brackets, no `*`, folded.
pub(crate) fn header_key(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => kept.push(c),
            _ => {}
        }
    }
    fold(&kept)
}

/// The field a header cell names, if any.
pub(crate) fn field_for_header(text: &str) -> Option<Field> {
    let key = header_key(text);
    if key.is_empty() {
        return None;
    }
    FIELDS
        .iter()
        .find(|f| fold(f.spec.header) == key || f.aliases.contains(&key.as_str()))
        .map(|f| f.field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_with_or_without_diacritics() {
        assert_eq!(field_for_header("Ngày nhận"), Some(Field::ReceivedOn));
        assert_eq!(field_for_header("ngay nhan"), Some(Field::ReceivedOn));
        assert_eq!(field_for_header("  NGÀY NHẬN * "), Some(Field::ReceivedOn));
        assert_eq!(field_for_header("Ngày nhận (dd/mm/yyyy)"), Some(Field::ReceivedOn));
        assert_eq!(field_for_header("Vùng sâu, vùng xa"), Some(Field::Remote));
        assert_eq!(field_for_header("Số CCCD/CMND"), Some(Field::Cccd));
        assert_eq!(field_for_header("Ghi chú"), None);
        assert_eq!(field_for_header(""), None);
    }

    #[test]
    fn aliases_are_folded_and_unique() {
        let mut keys = Vec::new();
        for f in &FIELDS {
            keys.push(fold(f.spec.header));
            for a in f.aliases {
                assert_eq!(fold(a), *a, "alias '{a}' must be written folded");
                keys.push(a.to_string());
            }
        }
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n, "an alias names two columns");
    }
}
