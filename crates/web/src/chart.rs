//! Bar charts drawn on the server as inline SVG: no script, no CDN, and the CSP stays strict
//! (only presentation attributes, no `style`). Every chart on a page is shown beside a table
//! of the same numbers, which is what screen readers and printing use.

use danvan_domain::figures::format_count;
use std::fmt::Write;

const WIDTH: f64 = 640.0;
const BAR_AREA: f64 = 180.0;
const LABEL_H: f64 = 40.0;
const TOP: f64 = 20.0;

/// One bar: its label under the axis and its value (negative values draw as 0).
pub struct Bar<'a> {
    pub label: &'a str,
    pub value: i64,
}

/// Escapes text for an SVG text node or attribute.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// A vertical bar chart with the value above each bar. `title` names the chart for assistive
/// technology (`role="img"` with a `<title>`).
pub fn bar_chart(title: &str, bars: &[Bar<'_>]) -> String {
    let max = bars.iter().map(|b| b.value.max(0)).max().unwrap_or(0).max(1) as f64;
    let slot = WIDTH / bars.len().max(1) as f64;
    let bar_w = (slot * 0.7).max(1.0);
    let height = TOP + BAR_AREA + LABEL_H;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" xmlns="http://www.w3.org/2000/svg"><title>{}</title>"#,
        esc(title)
    );
    let _ = write!(
        svg,
        r##"<line x1="0" y1="{y}" x2="{WIDTH}" y2="{y}" stroke="#555" stroke-width="1"/>"##,
        y = TOP + BAR_AREA
    );
    for (i, b) in bars.iter().enumerate() {
        let h = (b.value.max(0) as f64 / max * BAR_AREA).round();
        let x = i as f64 * slot + (slot - bar_w) / 2.0;
        let y = TOP + BAR_AREA - h;
        let cx = i as f64 * slot + slot / 2.0;
        let _ = write!(
            svg,
            r##"<rect x="{x:.1}" y="{y:.1}" width="{bar_w:.1}" height="{h:.1}" fill="#1f5fa8"><title>{}: {}</title></rect>"##,
            esc(b.label),
            format_count(b.value)
        );
        let _ = write!(
            svg,
            r##"<text x="{cx:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#222">{}</text>"##,
            (y - 4.0).max(10.0),
            format_count(b.value)
        );
        let _ = write!(
            svg,
            r##"<text x="{cx:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#222">{}</text>"##,
            TOP + BAR_AREA + 16.0,
            esc(b.label)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars, one row each, label on the left: for long names such as units.
pub fn hbar_chart(title: &str, bars: &[Bar<'_>]) -> String {
    const ROW: f64 = 22.0;
    const LABEL_W: f64 = 220.0;
    const VALUE_W: f64 = 60.0;
    let max = bars.iter().map(|b| b.value.max(0)).max().unwrap_or(0).max(1) as f64;
    let height = (bars.len().max(1) as f64) * ROW + 4.0;
    let span = WIDTH - LABEL_W - VALUE_W;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" xmlns="http://www.w3.org/2000/svg"><title>{}</title>"#,
        esc(title)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = i as f64 * ROW + 2.0;
        let w = (b.value.max(0) as f64 / max * span).round();
        let label: String = b.label.chars().take(34).collect();
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" fill="#222">{}</text>"##,
            LABEL_W - 6.0,
            y + 15.0,
            esc(&label)
        );
        let _ = write!(
            svg,
            r##"<rect x="{LABEL_W}" y="{y:.1}" width="{w:.1}" height="{:.1}" fill="#1f5fa8"><title>{}: {}</title></rect>"##,
            ROW - 6.0,
            esc(b.label),
            format_count(b.value)
        );
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" fill="#222">{}</text>"##,
            LABEL_W + w + 4.0,
            y + 15.0,
            format_count(b.value)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_scaled_to_the_largest_value() {
        let svg = bar_chart(
            "Đơn nhận",
            &[
                Bar {
                    label: "01/2026",
                    value: 50,
                },
                Bar {
                    label: "02/2026",
                    value: 100,
                },
            ],
        );
        assert!(svg.contains(r#"height="90.0""#), "{svg}");
        assert!(svg.contains(r#"height="180.0""#), "{svg}");
        assert!(svg.contains("<title>Đơn nhận</title>"));
    }

    #[test]
    fn labels_are_escaped_and_counts_formatted() {
        let svg = bar_chart(
            "<script>",
            &[Bar {
                label: "<b>x</b>",
                value: 1234,
            }],
        );
        assert!(!svg.contains("<script>") && !svg.contains("<b>"), "{svg}");
        assert!(svg.contains("1.234"));
    }

    #[test]
    fn horizontal_bars_scale_and_escape() {
        let svg = hbar_chart(
            "Quá hạn",
            &[
                Bar {
                    label: "Phường <A>",
                    value: 4,
                },
                Bar {
                    label: "Xã B",
                    value: 2,
                },
            ],
        );
        assert!(
            svg.contains(r#"width="360.0""#) && svg.contains(r#"width="180.0""#),
            "{svg}"
        );
        assert!(svg.contains("Phường &lt;A&gt;"));
    }

    #[test]
    fn an_empty_chart_still_draws() {
        assert!(bar_chart("t", &[]).ends_with("</svg>"));
        assert!(bar_chart("t", &[Bar { label: "a", value: 0 }]).contains(r#"height="0.0""#));
    }
}
