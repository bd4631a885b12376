import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ARTIFACTS_DIR } from './paths';

/**
 * An init script: stubs print() in every frame (headless Chromium has no print dialog) and keeps each PDF the top
 * page makes into a blob URL, so a test can read what the resident would have printed.
 */
export function stubPrint(): void {
  window.print = () => undefined;
  if (window === window.top) {
    const blobs: Blob[] = [];
    (window as unknown as { printedBlobs: Blob[] }).printedBlobs = blobs;
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (object: Blob | MediaSource) => {
      if (object instanceof Blob && object.type === 'application/pdf') blobs.push(object);
      return create(object);
    };
  }
}

/**
 * The last PDF the page printed (after `page.addInitScript(stubPrint)`), kept in tests/artifacts/<folder>/ with its
 * first page as PNG: its text (pdftotext) and, with `scanQr`, the QR codes on that page (zbarimg).
 */
export async function lastPrintedPdf(
  page: Page,
  folder: string,
  name: string,
  options: { scanQr?: boolean } = {},
): Promise<{ text: string; codes: string[] }> {
  const base64 = await page.evaluate(async () => {
    const blobs = (window as unknown as { printedBlobs: Blob[] }).printedBlobs;
    const bytes = new Uint8Array(await blobs.at(-1)!.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  });
  const dir = join(ARTIFACTS_DIR, folder);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  // 200 dpi: enough for zbarimg to read a 1 mm module.
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    options.scanQr ? '200' : '80',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    file,
    join(dir, name),
  ]);
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  if (!options.scanQr) return { text, codes: [] };
  const codes = execFileSync('zbarimg', ['--quiet', '--raw', join(dir, `${name}.png`)], { encoding: 'utf8' });
  return { text, codes: codes.split('\n').filter(Boolean) };
}
