//! Reading and formatting the decimal numbers applicants type (学时, 合计) with integer
//! arithmetic: plain notation only, and no float parser or formatter in the browser bundle.

/// The most significant digits accepted; every such number converts to the nearest `f64`.
const MAX_DIGITS: u32 = 15;

/// Reads `12`, `-3`, `+7`, `12.5` or `0.25`; refuses exponents, `inf`/`NaN`, a bare or trailing
/// point, grouping commas and more than 15 digits. Surrounding spaces are allowed.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let text = text.trim();
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) if !f.is_empty() => (w, f),
        Some(_) => return None,
        None => (unsigned, ""),
    };
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits_only(whole) || !digits_only(fraction) {
        return None;
    }
    let significant = whole.trim_start_matches('0').len() + fraction.len();
    if significant > MAX_DIGITS as usize || fraction.len() > MAX_DIGITS as usize {
        return None;
    }
    let mantissa = whole.bytes().chain(fraction.bytes()).fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
    // Both operands are exact in f64, so the one rounding of the division gives the nearest value.
    let magnitude = mantissa as f64 / 10f64.powi(fraction.len() as i32);
    Some(if negative { -magnitude } else { magnitude })
}

/// `42` for 42.0, `42.5` for 42.5, `0.33` for 1/3; an empty string for NaN or infinity.
pub fn format_decimal(n: f64) -> String {
    if !n.is_finite() {
        return String::new();
    }
    let hundredths = (n * 100.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let abs = hundredths.unsigned_abs();
    let (whole, fraction) = (abs / 100, abs % 100);
    match fraction {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{format_decimal, parse_decimal};

    #[test]
    fn plain_decimal_notation_is_read_and_everything_else_refused() {
        let accepted = [
            ("12", 12.0),
            ("-3", -3.0),
            ("+7", 7.0),
            ("12.5", 12.5),
            ("0.25", 0.25),
            (" 42 ", 42.0),
            ("007", 7.0),
            ("0.1", 0.1),
            ("123456789012345", 123456789012345.0),
            ("-0", 0.0),
        ];
        for (text, n) in accepted {
            assert_eq!(parse_decimal(text), Some(n), "{text}");
        }
        let refused = [
            "",
            " ",
            "-",
            "+",
            ".5",
            "5.",
            "1e3",
            "inf",
            "NaN",
            "1,000",
            "1.2.3",
            "１２",
            "12h",
            "--1",
            "1234567890123456",
            "0.1234567890123456",
        ];
        for text in refused {
            assert_eq!(parse_decimal(text), None, "{text}");
        }
    }

    #[test]
    fn every_accepted_number_equals_the_standard_parser() {
        for text in ["0.1", "0.2", "0.3", "2.675", "1.005", "99999.99999", "3.14159265358979", "72", "0.000001"] {
            assert_eq!(parse_decimal(text), text.parse::<f64>().ok(), "{text}");
        }
    }

    #[test]
    fn whole_numbers_lose_the_point_and_fractions_keep_two_places() {
        let cases = [
            (90.0, "90"),
            (42.5, "42.5"),
            (12.25, "12.25"),
            (1.0 / 3.0, "0.33"),
            (0.005, "0.01"),
            (-7.5, "-7.5"),
            (0.0, "0"),
            (1e12, "1000000000000"),
            (f64::NAN, ""),
            (f64::INFINITY, ""),
        ];
        for (n, text) in cases {
            assert_eq!(format_decimal(n), text, "{n}");
        }
    }
}
