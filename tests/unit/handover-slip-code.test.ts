import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReceiptMaker } from '../../core/receipt';
import {
  pdfToText,
  pdfWords,
  PROJECT_RESOURCES,
  removeDir,
  shippedCatalog,
  tempDir,
} from '../fixtures/receipt-harness';

/**
 * The handover code must print on one line in every layout: split at its
 * hyphen it reads as two codes. The widest letters of the code alphabet
 * (W, M) once broke "HSPG-4HAB" on the 80 mm strip; letter spacing once made "8YGE-4WZ4" two words.
 */

let dir: string;
beforeAll(() => {
  dir = tempDir('slip-code-');
});
afterAll(() => removeDir(dir));

const maker = createReceiptMaker({ resourcesDir: PROJECT_RESOURCES, catalog: shippedCatalog() });

describe('handover slip code', () => {
  for (const code of ['WWWW-MMMM', 'MWMW-WMWM', '2345-6789', '8YGE-4WZ4', '2434-J4J5']) {
    for (const layout of ['a4', 'receipt80'] as const) {
      it(`prints ${code} on one line and inside the margins (${layout})`, async () => {
        const pdf = await maker.slip({ code, serviceId: 'maengel-melden', language: 'en', issuedAt: 0 }, layout);
        const file = join(dir, `${code}-${layout}.pdf`);
        writeFileSync(file, pdf);
        const line = pdfToText(file)
          .split('\n')
          .find((text) => text.includes(code.slice(0, 4)));
        expect(line?.trim()).toBe(code);
        const { pages, words } = pdfWords(file);
        const word = words.find((w) => w.text === code);
        expect(word).toBeDefined();
        expect(word!.xMin).toBeGreaterThan(0);
        expect(word!.xMax).toBeLessThan(pages[0]!.width);
      });
    }
  }
});
