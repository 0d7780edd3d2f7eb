// The declaration the benchmarks run on: 200 rows in the 业绩成果 projects group, planted where
// the first version of the app kept drafts (the app moves it into IndexedDB on start).
import { plantDraft } from '../../e2e/support/browser.mjs';

export const ROWS = 200;
const ACHIEVEMENTS_STEP = 7;

export function draftWithRows() {
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    id: i + 1,
    values: {
      category: i % 2 ? '课题项目' : '专业技术工作项目', name: `项目 ${i + 1}`, projectLevel: '市厅级',
      role: '参与', start: '2021-01-01', end: '2022-06-30', status: '已完成', representative: '否',
      summary: '负责方案设计与测试。',
    },
  }));
  const target = { row: ['projects', 1], field: 'summary' };
  return {
    format: 'zhicheng.draft', format_version: 1, form_id: 'sz-title-review', schema_version: 1,
    answers: { pledgeAccepted: true, name: '李明', idType: '居民身份证', idNumber: '440305199203040039', projects: rows },
    touched: [target], revealed_steps: [], visited_steps: [0, ACHIEVEMENTS_STEP],
    position: { step: ACHIEVEMENTS_STEP }, next_row_id: ROWS + 1, finished: false,
  };
}


/** Opens the app on the 200-row declaration, in the editor of its first project row. The draft is
 * planted before the app starts; the app moves it into IndexedDB and, as the only draft, opens it. */
export async function openOnPlantedDraft(page, baseUrl) {
  await plantDraft(page, draftWithRows());
  await page.goto(baseUrl);
  await page.getByRole('button', { name: '编辑第 1 条项目' }).click();
}
