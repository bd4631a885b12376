// `npm run schema:services`: writes resources/services/service.schema.json, the JSON Schema of
// service.json, from the contract's zod schema (contract/service-json-schema.ts), formatted by Prettier.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import prettier from 'prettier';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'service-schema-'));
try {
  const generator = path.join(scratch, 'service-json-schema.mjs');
  await build({
    entryPoints: [path.join(root, 'contract/service-json-schema.ts')],
    outfile: generator,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  const { serviceJsonSchema } = await import(pathToFileURL(generator).href);
  const target = path.join(root, 'resources/services/service.schema.json');
  const options = (await prettier.resolveConfig(target)) ?? {};
  const text = await prettier.format(JSON.stringify(serviceJsonSchema()), { ...options, filepath: target });
  writeFileSync(target, text);
  console.log(`wrote ${path.relative(root, target)}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
