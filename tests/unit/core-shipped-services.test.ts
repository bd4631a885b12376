import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES } from '../../contract';
import { loadCatalog } from '../../core/catalog/load-catalog';
import { createMemoryLogger } from '../../core/logging';
import { openTestCore, PROJECT_RESOURCES, removeDir } from '../fixtures/core-harness';

/** Every service folder shipped: each must load, none may be refused. */
const SHIPPED_IDS = readdirSync(join(PROJECT_RESOURCES, 'services'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('the shipped services', () => {
  it('load with zero catalog problems: every folder in resources/services', () => {
    const catalog = loadCatalog(PROJECT_RESOURCES, () => '2025-06-15', createMemoryLogger());
    expect(catalog.problems).toEqual([]);
    expect(catalog.services.map((service) => service.definition.id).sort()).toEqual(SHIPPED_IDS);
    for (const service of catalog.services) expect(service.schemaUri).toMatch(/\S/);
  });

  it('are served in German by catalog.get and in every language by catalog.translations', async () => {
    const kiosk = openTestCore({ resourcesDir: PROJECT_RESOURCES });
    try {
      expect(kiosk.core.catalogProblems).toEqual([]);
      const catalog = await kiosk.value('catalog.get', {});
      expect(Object.keys(catalog.translations)).toEqual(['de']);
      for (const language of LANGUAGE_CODES) {
        const { translations } = await kiosk.value('catalog.translations', { language });
        expect(Object.keys(translations).sort(), language).toEqual([
          'offices',
          ...SHIPPED_IDS.map((id) => `svc-${id}`),
        ]);
      }
      for (const service of catalog.services) {
        const view = await kiosk.value('session.start', { serviceId: service.id, language: 'de' });
        expect(view.position).toMatchObject({ kind: 'step', stepNumber: 1 });
      }
    } finally {
      kiosk.close();
      removeDir(kiosk.dataDir);
    }
  });
});
