//! Formatting decimal numbers for display (合计学时, limits in messages) with at most two
//! decimals. Done with integer arithmetic so the browser bundle needs no float formatter.

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
    use super::format_decimal;

    #[test]
    fn whole_numbers_lose_the_point_and_fractions_keep_two_places() {
        let cases = [
            (90.0, "90"), (42.5, "42.5"), (12.25, "12.25"), (1.0 / 3.0, "0.33"), (0.005, "0.01"),
            (-7.5, "-7.5"), (0.0, "0"), (1e12, "1000000000000"), (f64::NAN, ""), (f64::INFINITY, ""),
        ];
        for (n, text) in cases {
            assert_eq!(format_decimal(n), text, "{n}");
        }
    }
}
