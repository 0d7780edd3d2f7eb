//! V-WORK-1: the periods of a work history (工作经历) join up, without long gaps or overlaps.
//! Warnings only: studies and unemployment leave gaps, part-time posts overlap.

use super::{GroupContext, GroupRule};
use crate::date::Date;
use crate::path::FieldPath;
use crate::report::Finding;
use crate::schema::ContiguousPeriodsRule;
use crate::value::Row;

impl GroupRule for ContiguousPeriodsRule {
    fn check(&self, rows: &[Row], ctx: &GroupContext<'_>) -> Vec<(FieldPath, Finding)> {
        let mut periods: Vec<(Date, Date, &Row)> = rows
            .iter()
            .filter_map(|row| {
                let start = Date::parse_loose(row.text(&self.start))?;
                let end = Date::parse_loose(row.text(&self.end)).unwrap_or(ctx.today());
                Some((start, end, row))
            })
            .collect();
        // By start, then end, then row: the same order every time, whatever the rows' order.
        periods.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.id.cmp(&b.2.id)));
        let mut found = Vec::new();
        for pair in periods.windows(2) {
            let ((previous_start, previous_end, _), (next_start, _, next_row)) = (pair[0], pair[1]);
            let path = FieldPath::in_row(&ctx.group().id, next_row.id, &self.start);
            let gap = next_start.to_days() - previous_end.to_days();
            if gap > self.max_gap_days {
                let message = format!(
                    "与上一段经历（截至 {previous_end}）之间间隔 {gap} 天，各段时间应前后衔接；如确有空档（如求学、待业），可忽略本提示。"
                );
                found.push((path, Finding::warning("V-WORK-1", message)));
            } else if next_start < previous_end {
                let message = format!(
                    "与上一段经历（{previous_start} 至 {previous_end}）时间重叠；如属兼职可忽略本提示，否则请核对日期。"
                );
                found.push((path, Finding::warning("V-WORK-1", message)));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::check_table;
    use crate::rules::test_form::{rows, TestForm};

    #[test]
    fn gaps_and_overlaps_warn_on_the_later_period() {
        let form = TestForm::new(
            r#"[{"id": "work", "label": "工作经历", "kind": "group", "fields": [
                {"id": "start", "label": "开始时间", "kind": "date"},
                {"id": "end", "label": "结束时间", "kind": "date"}]}]"#,
        );
        let rule = ContiguousPeriodsRule { start: "start".into(), end: "end".into(), max_gap_days: 31 };
        check_table(
            [
                (vec![("2014-07-01", "2018-06-30"), ("2018-07-01", "")], vec![]),
                (vec![("2018-09-01", ""), ("2014-07-01", "2018-06-30")], vec![
                    "work[#1].start V-WORK-1 Warning 与上一段经历（截至 2018-06-30）之间间隔 63 天，各段时间应前后衔接；如确有空档（如求学、待业），可忽略本提示。",
                ]),
                (vec![("2014-07-01", "2018-06-30"), ("2018-01-01", "")], vec![
                    "work[#2].start V-WORK-1 Warning 与上一段经历（2014-07-01 至 2018-06-30）时间重叠；如属兼职可忽略本提示，否则请核对日期。",
                ]),
                (vec![("2014-07-01", ""), ("2026-11-23", "")], vec![]),
            ],
            |periods| {
                let rows = rows(periods.iter().map(|(start, end)| vec![("start", *start), ("end", *end)]));
                form.check_group_described("work", &rows, &rule)
            },
        );
    }
}
