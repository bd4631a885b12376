import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBranding } from '../../core/branding';
import type { Logger } from '../../core/types';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function brandingWith(settings: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'branding-camera-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'branding.json'), JSON.stringify({ townName: 'Stade', ...settings }));
  return dir;
}

// Issue 16: a terminal can turn off reading the booking code's QR code with its camera.
describe('branding.json codeCamera', () => {
  it('leaves the camera on unless the terminal says otherwise', () => {
    expect(readBranding(brandingWith({}), quiet).codeCamera).toBeUndefined();
    expect(readBranding(brandingWith({ codeCamera: true }), quiet).codeCamera).toBeUndefined();
  });

  it('tells the renderer when it is turned off', () => {
    expect(readBranding(brandingWith({ codeCamera: false }), quiet)).toMatchObject({ codeCamera: false });
  });

  it('refuses a value that is not true or false', () => {
    expect(readBranding(brandingWith({ codeCamera: 'no' }), quiet)).toEqual({});
  });
});
