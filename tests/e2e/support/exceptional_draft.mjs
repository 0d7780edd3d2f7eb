// A complete 破格 declaration with long texts and 30 achievement rows, planted where the first
// version of the app kept drafts (the app moves it into IndexedDB on start and opens it).
import { plantDraft } from './browser.mjs';

export const LONG = '本人长期从事城市轨道交通信号系统的研发与工程应用，主持完成多项关键技术攻关，'.repeat(6);
export const SCRIPT = '<script>window.__pwned = 1</script><b>粗体</b>';
export const ROWS = 30;

export function exceptionalDraft() {
  const projects = Array.from({ length: ROWS }, (_, i) => ({
    id: i + 1,
    values: {
      category: i % 2 ? '课题项目' : '专业技术工作项目', name: `轨道信号项目第${i + 1}号`, projectLevel: '市厅级',
      role: '主持(负责人)', start: '2021-01-01', end: '2022-06-30', status: '已完成', representative: i < 3 ? '是' : '否',
      summary: `负责系统总体设计与现场调试（第${i + 1}项）。`,
    },
  }));
  return {
    format: 'zhicheng.draft', format_version: 1, form_id: 'sz-title-review', schema_version: 1,
    answers: {
      pledgeAccepted: true, name: '林破格', idType: '居民身份证', idNumber: '440305199203040039', nationality: '中国',
      employer: '深圳市示例科技有限公司', phone: '13800138000', declarationType: '破格申报',
      exceptionalType: '符合职称评价标准破格申报', series: '工程系列', level: '副高级', titleName: '高级工程师',
      abilityEval: LONG, achievementEval: `${SCRIPT}${LONG}`, negatives: ['无上述情况'],
      education: [{ id: 1, values: { school: '深圳大学', major: '通信工程', eduLevel: '大学本科', degree: '学士', gradDate: '2014-06-30', studyMode: '全日制' } }],
      ce: [{ id: 1, values: { year: '2025', publicHours: '30', professionalHours: '42', electiveHours: '18' } }],
      projects,
    },
    touched: [], revealed_steps: [], visited_steps: [0], position: 'review', next_row_id: ROWS + 2, finished: false,
  };
}

/** Opens the app on the planted declaration (on 核对信息). */
export async function openOnExceptionalDraft(page, baseUrl) {
  await plantDraft(page, exceptionalDraft());
  await page.goto(baseUrl);
  await page.locator('#page-heading', { hasText: '核对信息' }).waitFor();
}
