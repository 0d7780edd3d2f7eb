// Files an applicant attaches on 附件材料: small real PDFs and photos made for the test, uploaded
// through each material's own file picker, the way a person picks them.
import { Buffer } from 'node:buffer';

/** A small, valid PDF of `pages` pages; `label` makes its content (and hash) its own. */
export function pdf(name, label, pages = 2) {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  const pageObjects = Array.from({ length: pages }, (_, i) => `${i + 3} 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj`);
  const text = ['%PDF-1.4', `% ${label}`, '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    `2 0 obj << /Type /Pages /Kids [${kids}] /Count ${pages} >> endobj`, ...pageObjects,
    'trailer << /Root 1 0 R >>', '%%EOF', ''].join('\n');
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(text) };
}

/** A PNG photo drawn by the browser, with `label` written on it. */
export async function photo(page, name, label) {
  const dataUrl = await page.evaluate((text) => {
    const canvas = document.createElement('canvas');
    canvas.width = 132; canvas.height = 192;
    const g = canvas.getContext('2d');
    g.fillStyle = '#3b6ea5'; g.fillRect(0, 0, 132, 192);
    g.fillStyle = '#f1d3b3'; g.beginPath(); g.arc(66, 70, 34, 0, Math.PI * 2); g.fill();
    g.fillRect(26, 120, 80, 72);
    g.fillStyle = '#fff'; g.font = '16px sans-serif'; g.fillText(text, 8, 22);
    return canvas.toDataURL('image/png');
  }, label);
  return { name, mimeType: 'image/png', buffer: Buffer.from(dataUrl.split(',')[1], 'base64') };
}

/** The card of the material named `name` on 附件材料. */
export const card = (page, name) => page.locator('.material-card').filter({ has: page.getByRole('heading', { name, exact: true }) });

/** Uploads `files` to the material `name` and waits until each is listed. */
export async function upload(page, name, files) {
  const target = card(page, name);
  await target.locator('input[type=file]').setInputFiles(files);
  for (const file of files) await target.locator('.file-row .file-name', { hasText: file.name }).waitFor();
}

/** Names of the files listed on a material's card, in order. */
export async function listed(page, name) {
  return card(page, name).locator('.file-list .file-name').allTextContents();
}

/** Uploads a fitting file to every required material still missing one. */
export async function uploadEveryRequired(page) {
  const cards = page.locator('.material-card').filter({ has: page.locator('.badge', { hasText: '必传' }) });
  const count = await cards.count();
  for (let i = 0; i < count; i++) {
    const c = cards.nth(i);
    if (await c.locator('.file-row').count() > 0) continue;
    const name = (await c.locator('h3').textContent()).trim();
    const hint = await c.locator('.hint').first().textContent();
    const file = hint.includes('接受JPEG 或 PNG 图片') ? await photo(page, `${name}.png`, name.slice(0, 6)) : pdf(`${name}.pdf`, name);
    await upload(page, name, [file]);
  }
}
