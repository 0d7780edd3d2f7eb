//! What a submission client does with each reply (protocol/README.md §2.6): which failures are
//! worth trying again, how long to wait (exponential backoff with jitter, or the receiver's
//! `Retry-After`), and which replies stop sending until the applicant acts. Pure: the browser
//! supplies the clock and the randomness.

use crate::date::Date;

/// The first wait before trying again, doubled on every further attempt.
pub const FIRST_WAIT_MS: u64 = 1_000;
/// No wait is longer than this, whatever the attempt or the receiver asks.
pub const LONGEST_WAIT_MS: u64 = 5 * 60 * 1000;

/// How a reply is to be taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplyKind {
    /// A `2xx` from a receiver that speaks the protocol.
    Success,
    /// Nothing arrived, or a `408`, `429` or `5xx`: try again later.
    TryAgain,
    /// `409 missing_files`: upload what is missing, then finalise again.
    UploadMissing,
    /// Anything else: stop until the applicant (or the receiver's operator) acts.
    Stop,
}

/// Classifies an HTTP reply: its status, whether the body carries our protocol marker, and its
/// error code when it has one. A `2xx` without the marker is never success.
pub fn classify(status: u16, speaks_protocol: bool, error_code: Option<&str>) -> ReplyKind {
    match status {
        200..=299 if speaks_protocol => ReplyKind::Success,
        200..=299 => ReplyKind::Stop,
        408 | 429 | 500..=599 => ReplyKind::TryAgain,
        409 if speaks_protocol && error_code == Some("missing_files") => ReplyKind::UploadMissing,
        _ => ReplyKind::Stop,
    }
}

/// The wait before attempt `attempt + 1` (`attempt` counts failures so far, from 0): doubling
/// from [`FIRST_WAIT_MS`], capped at [`LONGEST_WAIT_MS`], spread by `jitter` in `[0, 1)` over the
/// upper half (so that many clients failing together do not return together). A receiver's
/// `Retry-After` wins when longer.
pub fn wait_ms(attempt: u32, jitter: f64, retry_after_ms: Option<u64>) -> u64 {
    let doubled = FIRST_WAIT_MS.saturating_mul(1u64 << attempt.min(20)).min(LONGEST_WAIT_MS);
    let jitter = jitter.clamp(0.0, 1.0);
    let spread = (doubled as f64 * (0.5 + jitter / 2.0)) as u64;
    spread.max(retry_after_ms.unwrap_or(0)).min(LONGEST_WAIT_MS)
}

/// A `Retry-After` header as milliseconds from `now_ms`: delay-seconds (`120`) or an HTTP date
/// (`Wed, 21 Oct 2026 07:28:00 GMT`; a date already past means now). `None` when malformed.
pub fn retry_after_ms(header: &str, now_ms: u64) -> Option<u64> {
    let header = header.trim();
    if !header.is_empty() && header.bytes().all(|c| c.is_ascii_digit()) {
        return header.parse::<u64>().ok().map(|s| s.saturating_mul(1000));
    }
    http_date_ms(header).map(|at| at.saturating_sub(now_ms))
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) as milliseconds since the epoch.
fn http_date_ms(text: &str) -> Option<u64> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [_weekday, day, month, year, time, "GMT"] = parts.as_slice() else { return None };
    let month = MONTHS.iter().position(|m| m == month)? as u32 + 1;
    let date = Date::new(year.parse().ok()?, month, day.parse().ok()?)?;
    let hms: Vec<u64> = time.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let [h, m, s] = hms.as_slice() else { return None };
    date.epoch_ms(*h, *m, *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_classified_as_the_protocol_says() {
        let cases = [
            (201, true, None, ReplyKind::Success),
            (200, true, None, ReplyKind::Success),
            (200, false, None, ReplyKind::Stop),
            (408, false, None, ReplyKind::TryAgain),
            (429, true, None, ReplyKind::TryAgain),
            (500, false, None, ReplyKind::TryAgain),
            (503, true, None, ReplyKind::TryAgain),
            (409, true, Some("missing_files"), ReplyKind::UploadMissing),
            (409, true, Some("package_id_reused"), ReplyKind::Stop),
            (409, false, Some("missing_files"), ReplyKind::Stop),
            (413, true, Some("file_too_large"), ReplyKind::Stop),
            (422, true, Some("invalid_manifest"), ReplyKind::Stop),
            (404, false, None, ReplyKind::Stop),
        ];
        for (status, protocol, code, kind) in cases {
            assert_eq!(classify(status, protocol, code), kind, "{status} {protocol} {code:?}");
        }
    }

    #[test]
    fn waits_double_with_jitter_and_honour_retry_after() {
        assert_eq!(wait_ms(0, 0.0, None), 500);
        assert_eq!(wait_ms(0, 0.999_999, None), 999);
        assert_eq!(wait_ms(3, 0.0, None), 4_000);
        assert_eq!(wait_ms(40, 1.0, None), LONGEST_WAIT_MS);
        assert_eq!(wait_ms(0, 0.0, Some(7_000)), 7_000);
        assert_eq!(wait_ms(5, 1.0, Some(1_000)), 32_000);
        assert_eq!(wait_ms(0, 0.0, Some(3_600_000)), LONGEST_WAIT_MS);
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = 1_792_913_280_000; // 2026-10-25T07:28:00Z
        assert_eq!(retry_after_ms("120", now), Some(120_000));
        assert_eq!(retry_after_ms(" 0 ", now), Some(0));
        assert_eq!(retry_after_ms("Sun, 25 Oct 2026 07:28:30 GMT", now), Some(30_000));
        assert_eq!(retry_after_ms("Sun, 25 Oct 2026 07:00:00 GMT", now), Some(0));
        for bad in ["", "-5", "1.5", "soon", "Sun, 32 Oct 2026 07:28:30 GMT", "Sun, 25 Oct 2026 07:28:30 UTC"] {
            assert_eq!(retry_after_ms(bad, now), None, "{bad}");
        }
    }
}
