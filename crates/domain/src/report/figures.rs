//! The figure catalogue: every figure a report can hold, defined once — its id, section,
//! Vietnamese label, counting word, kind and the list page that shows the records behind it —
//! and the functions that read figure values out of each area's statistics.

use super::{FigureKind, FigureValues, SectionId};
use crate::democracy::{DisclosureStats, ResidentDecisionStats};
use crate::directive::DirectiveStats;
use crate::dvk::DvkStats;
use crate::gpmb::GpmbStats;
use crate::meeting::MeetingStats;
use crate::movement::{FundStats, MovementStats, NewRuralStats, OrderedTaskStats};
use crate::petition::{Count, PetitionStats};

/// One figure's definition. The UI statistics, the API and the documents all read this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureDef {
    pub id: &'static str,
    pub section: SectionId,
    pub label: &'static str,
    /// The counting word written after the number: `đơn`, `hội nghị`, `lượt người`
    pub unit: &'static str,
    pub kind: FigureKind,
    /// The list page of the records behind the figure; `{unit}`, `{from}`, `{to}` are filled in.
    pub drill: Option<&'static str>,
}

const fn count(
    id: &'static str,
    section: SectionId,
    label: &'static str,
    unit: &'static str,
    drill: Option<&'static str>,
) -> FigureDef {
    FigureDef {
        id,
        section,
        label,
        unit,
        kind: FigureKind::Count,
        drill,
    }
}

const fn rate(
    id: &'static str,
    section: SectionId,
    label: &'static str,
    unit: &'static str,
    num: &'static str,
    den: &'static str,
) -> FigureDef {
    FigureDef {
        id,
        section,
        label,
        unit,
        kind: FigureKind::Rate {
            numerator: num,
            denominator: den,
        },
        drill: None,
    }
}

const fn money(id: &'static str, section: SectionId, label: &'static str) -> FigureDef {
    FigureDef {
        id,
        section,
        label,
        unit: "triệu đồng",
        kind: FigureKind::Money,
        drill: None,
    }
}

use SectionId::{
    Democracy as Q, Directives as D, Dvk as K, Gpmb as G, Meetings as M, Movements as V, Petitions as P,
    Supervision as S,
};

const PETITIONS: &str = "/petitions?unit={unit}&from={from}&to={to}";
const PETITIONS_COMPLAINT: &str = "/petitions?unit={unit}&from={from}&to={to}&kind=complaint";
const PETITIONS_DENUNCIATION: &str = "/petitions?unit={unit}&from={from}&to={to}&kind=denunciation";
const PETITIONS_FEEDBACK: &str = "/petitions?unit={unit}&from={from}&to={to}&kind=feedback";
const PETITIONS_OTHER: &str = "/petitions?unit={unit}&from={from}&to={to}&kind=other";
const PETITIONS_OVERDUE: &str = "/petitions?unit={unit}&from={from}&to={to}&overdue=true";
const MEETINGS: &str = "/meetings?unit={unit}&from={from}&to={to}";
const SUPERVISIONS: &str = "/supervisions?unit={unit}&from={from}&to={to}";

const DIRECTIVES: &str = "/directives?unit={unit}&from={from}&to={to}";
const MODELS: &str = "/dvk?unit={unit}";

/// Every figure, in the order reports list them.
pub const CATALOGUE: &[FigureDef] = &[
    count(
        "directives.count",
        D,
        "Văn bản lãnh đạo, chỉ đạo đã ban hành",
        "văn bản",
        Some(DIRECTIVES),
    ),
    count(
        "petitions.received",
        P,
        "Tổng số đơn thư tiếp nhận",
        "đơn",
        Some(PETITIONS),
    ),
    count(
        "petitions.received.province",
        P,
        "Đơn tiếp nhận ở cấp tỉnh",
        "đơn",
        None,
    ),
    count(
        "petitions.received.district",
        P,
        "Đơn tiếp nhận ở cấp huyện",
        "đơn",
        None,
    ),
    count("petitions.received.commune", P, "Đơn tiếp nhận ở cấp xã", "đơn", None),
    count(
        "petitions.complaint",
        P,
        "Đơn khiếu nại",
        "đơn",
        Some(PETITIONS_COMPLAINT),
    ),
    count(
        "petitions.denunciation",
        P,
        "Đơn tố cáo",
        "đơn",
        Some(PETITIONS_DENUNCIATION),
    ),
    count(
        "petitions.feedback",
        P,
        "Đơn kiến nghị, phản ánh",
        "đơn",
        Some(PETITIONS_FEEDBACK),
    ),
    count("petitions.other", P, "Đơn loại khác", "đơn", Some(PETITIONS_OTHER)),
    count("petitions.duplicates", P, "Đơn trùng (không tính lại)", "đơn", None),
    count(
        "petitions.within_jurisdiction",
        P,
        "Đơn thuộc thẩm quyền giải quyết",
        "đơn",
        None,
    ),
    count(
        "petitions.resolved",
        P,
        "Đơn thuộc thẩm quyền đã giải quyết",
        "đơn",
        None,
    ),
    rate(
        "petitions.resolution_rate",
        P,
        "Tỷ lệ giải quyết đơn thuộc thẩm quyền",
        "đơn",
        "petitions.resolved",
        "petitions.within_jurisdiction",
    ),
    count("petitions.resolved_on_time", P, "Đơn giải quyết đúng hạn", "đơn", None),
    count(
        "petitions.overdue",
        P,
        "Đơn quá hạn chưa giải quyết",
        "đơn",
        Some(PETITIONS_OVERDUE),
    ),
    count("petitions.many_person", P, "Đơn đông người", "đơn", None),
    count("petitions.long_running", P, "Đơn kéo dài", "đơn", None),
    count(
        "meetings.held",
        M,
        "Tổng số hội nghị đã tổ chức",
        "hội nghị",
        Some(MEETINGS),
    ),
    count(
        "meetings.dialogues",
        M,
        "Hội nghị đối thoại",
        "hội nghị",
        Some(MEETINGS),
    ),
    count(
        "meetings.dialogues.province",
        M,
        "Hội nghị đối thoại cấp tỉnh",
        "hội nghị",
        None,
    ),
    count(
        "meetings.dialogues.district",
        M,
        "Hội nghị đối thoại cấp huyện",
        "hội nghị",
        None,
    ),
    count(
        "meetings.dialogues.commune",
        M,
        "Hội nghị đối thoại cấp xã",
        "hội nghị",
        None,
    ),
    count("meetings.participants", M, "Lượt người tham dự", "lượt người", None),
    count(
        "meetings.items",
        M,
        "Ý kiến, kiến nghị nêu tại hội nghị",
        "ý kiến",
        Some("/follow-up?unit={unit}"),
    ),
    count("meetings.items.answered", M, "Ý kiến đã được trả lời", "ý kiến", None),
    rate(
        "meetings.answered_rate",
        M,
        "Tỷ lệ ý kiến được trả lời",
        "ý kiến",
        "meetings.items.answered",
        "meetings.items",
    ),
    count(
        "meetings.items.answered_at_meeting",
        M,
        "Trả lời trực tiếp tại hội nghị",
        "ý kiến",
        None,
    ),
    count(
        "meetings.items.answer_in_writing",
        M,
        "Tiếp thu, trả lời bằng văn bản",
        "ý kiến",
        None,
    ),
    count(
        "meetings.items.forwarded",
        M,
        "Chuyển cơ quan có thẩm quyền",
        "ý kiến",
        None,
    ),
    count("meetings.items.not_accepted", M, "Không tiếp thu", "ý kiến", None),
    count("meetings.planned", M, "Hội nghị theo kế hoạch", "hội nghị", None),
    count(
        "meetings.planned_held",
        M,
        "Hội nghị theo kế hoạch đã tổ chức",
        "hội nghị",
        None,
    ),
    count("supervision.count", S, "Cuộc giám sát", "cuộc", Some(SUPERVISIONS)),
    count("supervision.count.province", S, "Cuộc giám sát cấp tỉnh", "cuộc", None),
    count("supervision.count.district", S, "Cuộc giám sát cấp huyện", "cuộc", None),
    count("supervision.count.commune", S, "Cuộc giám sát cấp xã", "cuộc", None),
    count(
        "supervision.recommendations",
        S,
        "Kiến nghị sau giám sát",
        "kiến nghị",
        None,
    ),
    count(
        "supervision.criticism_conferences",
        S,
        "Hội nghị phản biện xã hội",
        "hội nghị",
        None,
    ),
    count(
        "supervision.contributions.party",
        S,
        "Ý kiến góp ý xây dựng Đảng",
        "ý kiến",
        None,
    ),
    count(
        "supervision.contributions.government",
        S,
        "Ý kiến góp ý xây dựng chính quyền",
        "ý kiến",
        None,
    ),
    count(
        "dvk.registered",
        K,
        "Mô hình, điển hình “Dân vận khéo” đăng ký",
        "mô hình",
        Some(MODELS),
    ),
    count("dvk.registered.collective", K, "Đăng ký của tập thể", "mô hình", None),
    count("dvk.registered.individual", K, "Đăng ký của cá nhân", "mô hình", None),
    count(
        "dvk.recognised",
        K,
        "Mô hình, điển hình được công nhận",
        "mô hình",
        Some(MODELS),
    ),
    count(
        "dvk.recognised.economy",
        K,
        "Công nhận — lĩnh vực kinh tế",
        "mô hình",
        None,
    ),
    count(
        "dvk.recognised.culture_society",
        K,
        "Công nhận — lĩnh vực văn hóa – xã hội",
        "mô hình",
        None,
    ),
    count(
        "dvk.recognised.defence_security",
        K,
        "Công nhận — lĩnh vực quốc phòng – an ninh",
        "mô hình",
        None,
    ),
    count(
        "dvk.recognised.political_system",
        K,
        "Công nhận — xây dựng hệ thống chính trị",
        "mô hình",
        None,
    ),
    count("dvk.proposed", K, "Đề nghị khen thưởng", "mô hình", None),
    count("dvk.commended", K, "Được khen thưởng", "mô hình", None),
    count("dvk.replications", K, "Lượt nhân rộng mô hình", "đơn vị", None),
    count(
        "democracy.disclosures",
        Q,
        "Nội dung đã công khai",
        "nội dung",
        Some("/democracy/disclosures?unit={unit}"),
    ),
    count(
        "democracy.disclosures_due",
        Q,
        "Nội dung phải công khai trong kỳ",
        "nội dung",
        None,
    ),
    count(
        "democracy.disclosures_on_time",
        Q,
        "Công khai đúng hạn",
        "nội dung",
        None,
    ),
    rate(
        "democracy.disclosure_rate",
        Q,
        "Tỷ lệ công khai đúng hạn",
        "nội dung",
        "democracy.disclosures_on_time",
        "democracy.disclosures_due",
    ),
    count("democracy.disclosures_late", Q, "Công khai chậm", "nội dung", None),
    count("democracy.disclosures_missing", Q, "Chưa công khai", "nội dung", None),
    count(
        "democracy.postings_too_short",
        Q,
        "Niêm yết chưa đủ thời gian",
        "nội dung",
        None,
    ),
    count(
        "democracy.decisions",
        Q,
        "Nội dung Nhân dân bàn và quyết định",
        "nội dung",
        None,
    ),
    count("democracy.decisions_passed", Q, "Được thông qua", "nội dung", None),
    count("democracy.consultations", Q, "Cuộc lấy ý kiến Nhân dân", "cuộc", None),
    count(
        "democracy.consultation_opinions",
        Q,
        "Ý kiến Nhân dân góp ý",
        "ý kiến",
        None,
    ),
    count(
        "democracy.consultation_taken_up",
        Q,
        "Ý kiến được tiếp thu",
        "ý kiến",
        None,
    ),
    count(
        "gpmb.projects",
        G,
        "Dự án có giải phóng mặt bằng",
        "dự án",
        Some("/gpmb?unit={unit}"),
    ),
    count("gpmb.households", G, "Hộ bị ảnh hưởng", "hộ", None),
    count("gpmb.handed_over", G, "Hộ đã bàn giao mặt bằng", "hộ", None),
    rate(
        "gpmb.handover_rate",
        G,
        "Tỷ lệ hộ đã bàn giao mặt bằng",
        "hộ",
        "gpmb.handed_over",
        "gpmb.households",
    ),
    count("gpmb.obstructing", G, "Hộ chưa chấp hành", "hộ", None),
    count("gpmb.outstanding", G, "Hộ còn lại chưa bàn giao", "hộ", None),
    count("gpmb.mobilizations", G, "Lượt vận động", "lượt", None),
    count(
        "movements.count",
        V,
        "Phong trào thi đua, cuộc vận động",
        "phong trào",
        None,
    ),
    count("movements.groups", V, "Tổ nhân dân tự quản", "tổ", None),
    count("movements.group_members", V, "Thành viên các tổ tự quản", "người", None),
    money("funds.received", V, "Các quỹ vận động được"),
    money("funds.spent", V, "Các quỹ đã chi"),
    count("houses.count", V, "Nhà đại đoàn kết bàn giao", "ngôi nhà", None),
    money("houses.value", V, "Giá trị nhà đại đoàn kết"),
    money("new_rural.total", V, "Huy động xây dựng nông thôn mới, đô thị văn minh"),
    money("new_rural.state_budget", V, "— ngân sách Nhà nước"),
    money("new_rural.people", V, "— Nhân dân đóng góp"),
    money(
        "new_rural.other_programmes",
        V,
        "— lồng ghép các chương trình, dự án khác",
    ),
    FigureDef {
        id: "new_rural.land",
        section: V,
        label: "Đất Nhân dân hiến",
        unit: "m²",
        kind: FigureKind::AreaTenths,
        drill: None,
    },
    count(
        "new_rural.workdays",
        V,
        "Ngày công Nhân dân đóng góp",
        "ngày công",
        None,
    ),
    count(
        "ordered.count",
        V,
        "Nhiệm vụ đặt hàng MTTQ, đoàn thể",
        "nhiệm vụ",
        Some("/ordered-tasks?unit={unit}"),
    ),
    count("ordered.done", V, "Nhiệm vụ đặt hàng đã hoàn thành", "nhiệm vụ", None),
    rate(
        "ordered.done_rate",
        V,
        "Tỷ lệ nhiệm vụ đặt hàng hoàn thành",
        "nhiệm vụ",
        "ordered.done",
        "ordered.count",
    ),
];

/// Totals that must equal the sum of their parts, with the name of the split.
pub const PARTS: &[(&str, &[&str], &str)] = &[
    (
        "petitions.received",
        &[
            "petitions.complaint",
            "petitions.denunciation",
            "petitions.feedback",
            "petitions.other",
        ],
        "theo loại đơn",
    ),
    (
        "petitions.received",
        &[
            "petitions.received.province",
            "petitions.received.district",
            "petitions.received.commune",
        ],
        "theo cấp",
    ),
    (
        "meetings.dialogues",
        &[
            "meetings.dialogues.province",
            "meetings.dialogues.district",
            "meetings.dialogues.commune",
        ],
        "theo cấp",
    ),
    (
        "meetings.items",
        &[
            "meetings.items.answered_at_meeting",
            "meetings.items.answer_in_writing",
            "meetings.items.forwarded",
            "meetings.items.not_accepted",
        ],
        "theo kết quả xử lý",
    ),
    (
        "supervision.count",
        &[
            "supervision.count.province",
            "supervision.count.district",
            "supervision.count.commune",
        ],
        "theo cấp",
    ),
];

/// Parts that may not exceed their whole (a part of a part).
pub const AT_MOST: &[(&str, &str)] = &[
    ("petitions.resolved", "petitions.within_jurisdiction"),
    ("petitions.within_jurisdiction", "petitions.received"),
    ("petitions.resolved_on_time", "petitions.resolved"),
    ("meetings.items.answered", "meetings.items"),
    ("meetings.planned_held", "meetings.planned"),
    ("meetings.dialogues", "meetings.held"),
    ("ordered.done", "ordered.count"),
    ("democracy.disclosures_on_time", "democracy.disclosures_due"),
    ("democracy.decisions_passed", "democracy.decisions"),
    ("democracy.consultation_taken_up", "democracy.consultation_opinions"),
    ("gpmb.handed_over", "gpmb.households"),
    ("gpmb.obstructing", "gpmb.outstanding"),
    ("funds.spent", "funds.received"),
];

pub fn definition(id: &str) -> Option<&'static FigureDef> {
    CATALOGUE.iter().find(|f| f.id == id)
}

fn of(list: &[Count], key: &str) -> i64 {
    list.iter().filter(|c| c.key == key).map(|c| c.count).sum()
}

/// The petition figures of one statistics result.
pub fn petition_values(s: &PetitionStats, out: &mut FigureValues) {
    let mut put = |id: &str, v: i64| {
        out.insert(id.to_string(), v);
    };
    put("petitions.received", s.received);
    for level in ["province", "district", "commune"] {
        put(&format!("petitions.received.{level}"), of(&s.by_level, level));
    }
    for kind in ["complaint", "denunciation", "feedback", "other"] {
        put(&format!("petitions.{kind}"), of(&s.by_kind, kind));
    }
    put("petitions.duplicates", s.duplicates);
    put("petitions.within_jurisdiction", s.within_jurisdiction);
    put("petitions.resolved", s.resolved_within_jurisdiction);
    put("petitions.resolved_on_time", s.resolved_on_time);
    put("petitions.overdue", s.overdue);
    put("petitions.many_person", s.many_person);
    put("petitions.long_running", s.long_running);
}

/// The meeting, supervision and contribution figures of one statistics result.
pub fn meeting_values(s: &MeetingStats, out: &mut FigureValues) {
    let mut put = |id: &str, v: i64| {
        out.insert(id.to_string(), v);
    };
    put("meetings.held", s.meetings_held);
    put("meetings.dialogues", s.dialogues);
    for level in [
        crate::unit::Level::Province,
        crate::unit::Level::District,
        crate::unit::Level::Commune,
    ] {
        let n = s
            .by_level_kind
            .iter()
            .filter(|c| c.level == level && is_dialogue_key(&c.key))
            .map(|c| c.count)
            .sum();
        put(&format!("meetings.dialogues.{}", level.as_str()), n);
    }
    put("meetings.participants", s.participants);
    put("meetings.items", s.items);
    put("meetings.items.answered", s.answered);
    for outcome in ["answered_at_meeting", "answer_in_writing", "forwarded", "not_accepted"] {
        put(&format!("meetings.items.{outcome}"), of(&s.items_by_outcome, outcome));
    }
    put("meetings.planned", s.planned);
    put("meetings.planned_held", s.planned_held);
    put("supervision.count", s.supervisions);
    for level in ["province", "district", "commune"] {
        put(
            &format!("supervision.count.{level}"),
            of(&s.supervisions_by_level, level),
        );
    }
    put("supervision.recommendations", s.supervision_items);
    put("supervision.criticism_conferences", s.criticism_conferences);
    for line in &s.contributions {
        put(
            &format!("supervision.contributions.{}", line.target.as_str()),
            line.opinions,
        );
    }
}

fn is_dialogue_key(key: &str) -> bool {
    crate::meeting::MeetingKind::parse(key)
        .map(|k| k.is_dialogue())
        .unwrap_or(false)
}

/// The directive register's figures.
pub fn directive_values(s: &DirectiveStats, out: &mut FigureValues) {
    out.insert("directives.count".into(), s.total);
}

/// The "Dân vận khéo" figures.
pub fn dvk_values(s: &DvkStats, out: &mut FigureValues) {
    out.insert("dvk.registered".into(), s.registered);
    for holder in ["collective", "individual"] {
        out.insert(format!("dvk.registered.{holder}"), of(&s.registered_by_holder, holder));
    }
    out.insert("dvk.recognised".into(), s.recognised);
    for field in ["economy", "culture_society", "defence_security", "political_system"] {
        out.insert(format!("dvk.recognised.{field}"), of(&s.recognised_by_field, field));
    }
    out.insert("dvk.proposed".into(), of(&s.by_stage, "proposed"));
    out.insert("dvk.commended".into(), of(&s.by_stage, "commended"));
    out.insert("dvk.replications".into(), s.replications);
}

/// Movements, funds, houses, new-rural contributions and ordered tasks.
pub fn movement_values(
    m: &MovementStats,
    f: &FundStats,
    n: &NewRuralStats,
    o: &OrderedTaskStats,
    out: &mut FigureValues,
) {
    let mut put = |id: &str, v: i64| {
        out.insert(id.to_string(), v);
    };
    put("movements.count", m.movements);
    put("movements.groups", m.groups);
    put("movements.group_members", m.group_members);
    put("funds.received", f.received);
    put("funds.spent", f.spent);
    put("houses.count", f.houses);
    put("houses.value", f.houses_value);
    put("new_rural.total", n.total);
    for line in &n.by_source {
        put(&format!("new_rural.{}", line.key), line.dong);
    }
    put("new_rural.land", n.land_m2_tenths);
    put("new_rural.workdays", n.workdays);
    put("ordered.count", o.ordered);
    put("ordered.done", o.done);
}

/// Grassroots democracy: disclosures, resident decisions and consultations.
pub fn democracy_values(d: &DisclosureStats, r: &ResidentDecisionStats, out: &mut FigureValues) {
    let mut put = |id: &str, v: i64| {
        out.insert(id.to_string(), v);
    };
    put("democracy.disclosures", d.recorded);
    put("democracy.disclosures_due", d.due);
    put("democracy.disclosures_on_time", d.on_time);
    put("democracy.disclosures_late", d.late);
    put("democracy.disclosures_missing", d.missing);
    put("democracy.postings_too_short", d.too_short);
    put("democracy.decisions", r.decisions);
    put("democracy.decisions_passed", r.passed);
    put("democracy.consultations", r.consultations.consultations);
    put("democracy.consultation_opinions", r.consultations.opinions);
    put("democracy.consultation_taken_up", r.consultations.taken_up);
}

/// Land clearance: projects, households and their progress at the period's end, mobilizations.
pub fn gpmb_values(g: &GpmbStats, out: &mut FigureValues) {
    let mut put = |id: &str, v: i64| {
        out.insert(id.to_string(), v);
    };
    put("gpmb.projects", g.projects);
    put("gpmb.households", g.progress.households);
    put("gpmb.handed_over", g.progress.handed_over);
    put("gpmb.obstructing", g.progress.obstructing);
    put("gpmb.outstanding", g.progress.outstanding);
    put("gpmb.mobilizations", g.mobilizations);
}
