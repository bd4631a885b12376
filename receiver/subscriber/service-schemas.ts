import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The services' JSON Schemas read from resources/services/<id>/schema.json, indexed by their `$id`
 * (the submissionSchema URI a sender names in its metadata). A broken file is skipped and reported,
 * as the kiosk's catalog does, so one bad service cannot take the receiver down.
 */
export interface ServiceSchemaEntry {
  serviceId: string;
  leikaKey?: string;
  schemaUri: string;
  schema: Record<string, unknown>;
}

export interface ServiceSchemaIndex {
  byUri: Map<string, ServiceSchemaEntry>;
  entries: ServiceSchemaEntry[];
  problems: Array<{ file: string; message: string }>;
}

export function loadServiceSchemas(servicesDirs: string | readonly string[]): ServiceSchemaIndex {
  const index: ServiceSchemaIndex = { byUri: new Map(), entries: [], problems: [] };
  const folders = (typeof servicesDirs === 'string' ? [servicesDirs] : servicesDirs).flatMap((servicesDir) => {
    try {
      return readdirSync(servicesDir)
        .sort()
        .map((serviceId) => ({ serviceId, dir: path.join(servicesDir, serviceId) }));
    } catch (error) {
      index.problems.push({ file: servicesDir, message: error instanceof Error ? error.message : String(error) });
      return [];
    }
  });
  const seen = new Set<string>();
  for (const { serviceId, dir } of folders) {
    // Service folders only: the folder also holds service.schema.json, the format's own schema.
    if (seen.has(serviceId) || !isFolder(dir)) continue;
    seen.add(serviceId);
    const schemaFile = path.join(dir, 'schema.json');
    try {
      const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
      const schemaUri = schema.$id;
      if (typeof schemaUri !== 'string' || schemaUri === '') throw new Error('schema.json has no $id');
      const service = JSON.parse(readFileSync(path.join(dir, 'service.json'), 'utf8')) as { leikaKey?: unknown };
      const entry: ServiceSchemaEntry = {
        serviceId,
        schemaUri,
        schema,
        ...(typeof service.leikaKey === 'string' ? { leikaKey: service.leikaKey } : {}),
      };
      index.byUri.set(schemaUri, entry);
      index.entries.push(entry);
    } catch (error) {
      index.problems.push({ file: schemaFile, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return index;
}

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
