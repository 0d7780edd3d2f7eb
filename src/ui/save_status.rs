//! The words of the save-status line: where saving stands, or the last thing said about the draft.

use zhicheng_browser::clock;
use zhicheng_session::{SaveStatus, StatusLine};

/// 「已保存 hh:mm:ss」, or where the save really went and what the applicant should know.
pub fn status_text(line: &StatusLine, persistent: bool) -> String {
    match line {
        StatusLine::Save(SaveStatus::Idle) => String::new(),
        StatusLine::Save(SaveStatus::Dirty | SaveStatus::Saving) => "保存中…".to_string(),
        StatusLine::Save(SaveStatus::Saved { deleted, .. }) => {
            let time = clock::clock_time();
            match (persistent, deleted) {
                (false, _) => format!("仅暂存在本页（未写入本机） {time}"),
                (true, true) => format!("已保存 {time}（此草稿已在草稿箱中删除，可在「最近删除」中恢复）"),
                (true, false) => format!("已保存 {time}"),
            }
        }
        StatusLine::Save(SaveStatus::Failed(e)) => {
            format!("保存失败：{}。已填写的内容仍在本页，请勿关闭页面，可点击「导出备份」保存到文件。", e.message())
        }
        StatusLine::Save(SaveStatus::Conflict(_)) => "未保存：此草稿已在另一个标签页或窗口中修改".to_string(),
        StatusLine::LoadedTheirs { saved_at } => format!("已载入另一窗口保存的版本（{}）", clock::date_time(*saved_at)),
        StatusLine::Note(text) => text.clone(),
    }
}
