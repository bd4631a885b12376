import { describe, expect, it } from 'vitest';
import { buildCatalog, LICENCE, STADE_GEOCODING } from '../../hub/open-data/dcat';
import { tempDir } from '../fixtures/core-harness';
import { dcatViolations, requireShapes, SHAPES_DIR } from '../fixtures/dcat-shacl';

/**
 * The open data's metadata against GovData's own DCAT-AP.de 2.0 SHACL shapes and vocabularies
 * (../shared/dcat-ap-de/shapes, run with rdf-validate-shacl; tests/fixtures/dcat-shacl.ts): no violation; and a
 * broken document does give violations, so the check is real. The hub's served document is checked the same way
 * in hub-open-data.test.ts.
 */

const input = {
  origin: 'https://hub.stade.example',
  settings: {},
  months: ['2025-05', '2025-06'],
  coverage: { from: '2025-05-02', to: '2025-06-15' },
  issued: '2025-05-02T08:00:00.000Z',
  modified: '2025-06-15T10:00:00.000Z',
};

describe('DCAT-AP.de metadata', () => {
  it('finds the shapes beside the project, and says where it looked when they are missing', () => {
    expect(requireShapes()).toBe(SHAPES_DIR);
    expect(SHAPES_DIR.endsWith('/shared/dcat-ap-de/shapes')).toBe(true);
    const empty = tempDir('no-shapes-');
    expect(() => requireShapes(empty)).toThrow(`The DCAT-AP.de shapes are missing: expected ${empty}/dcat-ap-de-2.0`);
  });

  it('has no violation under the DCAT-AP.de 2.0 shapes', async () => {
    const document = buildCatalog(input);
    expect(await dcatViolations(document)).toEqual([]);
    const text = JSON.stringify(document);
    expect(text).toContain(LICENCE);
    expect(text).toContain(STADE_GEOCODING);
  }, 120_000);

  it('names the configured contributor', async () => {
    const document = buildCatalog({
      ...input,
      settings: { contributorId: 'http://dcat-ap.de/def/contributors/openDataBund' },
    });
    expect(JSON.stringify(document)).toContain('contributors/openDataBund');
  });

  it('finds violations in a broken document: a licence outside the list, a format outside the EU vocabulary, no publisher', async () => {
    const document = JSON.parse(
      JSON.stringify(buildCatalog(input))
        .replaceAll(LICENCE, 'http://example.org/licence/made-up')
        .replaceAll('file-type/CSV', 'file-type/NOT_A_FORMAT'),
    ) as { 'dcat:dataset': Record<string, unknown> };
    delete document['dcat:dataset']['dct:publisher'];
    const violations = await dcatViolations(document);
    const paths = new Set(violations.map((violation) => violation.path));
    expect(paths).toContain('http://purl.org/dc/terms/license');
    // The format's shape looks at the format itself (its skos:inScheme): the violation names it.
    expect(violations.map((violation) => violation.focusNode)).toContain(
      'http://publications.europa.eu/resource/authority/file-type/NOT_A_FORMAT',
    );
    expect(paths).toContain('http://purl.org/dc/terms/publisher');
  }, 120_000);
});
