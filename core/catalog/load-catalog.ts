import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGE_CODES, ServiceDefinitionSchema, serviceNamespace, type ServiceDefinition } from '../../contract';
import type { CatalogProblem, Logger } from '../types';
import { createServiceAjv, type Ajv2020, type ValidateFunction } from '../validation/ajv';
import { crossCheck } from './cross-check';
import { lookupTextKey, toJsonPointer } from './json-pointer';
import type { JsonSchemaObject, LoadedService } from './loaded-service';
import { textKeyReferences } from './text-keys';

export interface LoadedCatalog {
  /** Services that passed every check, ordered by `order`. */
  services: LoadedService[];
  byId: ReadonlyMap<string, LoadedService>;
  /** language → namespace `svc-<id>` → locale object. */
  translations: Record<string, Record<string, Record<string, unknown>>>;
  problems: CatalogProblem[];
}

class ServiceRefused extends Error {}

/**
 * Loads resources/services/<id>/ at start-up. A broken service is refused with
 * file + JSON pointer + message (and logged); the other services keep working.
 */
export function loadCatalog(resourcesDir: string, today: () => string, logger: Logger): LoadedCatalog {
  const servicesDir = join(resourcesDir, 'services');
  const services: LoadedService[] = [];
  const translations: LoadedCatalog['translations'] = Object.fromEntries(LANGUAGE_CODES.map((code) => [code, {}]));
  const problems: CatalogProblem[] = [];
  const ids = existsSync(servicesDir)
    ? readdirSync(servicesDir)
        .filter((name) => statSync(join(servicesDir, name)).isDirectory())
        .sort()
    : [];
  if (ids.length === 0) problems.push({ file: 'services', path: '', message: 'no service folders found' });

  // One Ajv for the whole catalog: creating an instance costs far more than compiling a schema,
  // and start-up time is what a resident waits for after a restart.
  const ajv = createServiceAjv(today);
  for (const folder of ids) {
    const found: CatalogProblem[] = [];
    try {
      const loaded = loadService(resourcesDir, folder, ajv, found);
      if (found.length === 0) {
        services.push(loaded.service);
        for (const code of LANGUAGE_CODES) translations[code]![serviceNamespace(folder)] = loaded.locales[code]!;
      }
    } catch (error) {
      if (!(error instanceof ServiceRefused)) throw error;
    }
    for (const problem of found) {
      logger.error('catalog.problem', { file: problem.file, path: problem.path, detail: problem.message });
    }
    if (found.length > 0) logger.warn('catalog.service_refused', { serviceId: folder, problems: found.length });
    problems.push(...found);
  }
  services.sort((a, b) => a.definition.order - b.definition.order || a.definition.id.localeCompare(b.definition.id));
  logger.info('catalog.loaded', { count: services.length, problems: problems.length });
  return { services, byId: new Map(services.map((s) => [s.definition.id, s])), translations, problems };
}

function loadService(resourcesDir: string, folder: string, ajv: Ajv2020, problems: CatalogProblem[]) {
  const rel = (name: string) => `services/${folder}/${name}`;
  const refuse = (file: string, path: string, message: string): never => {
    problems.push({ file, path, message });
    throw new ServiceRefused();
  };
  const readJson = (file: string): unknown => {
    const absolute = join(resourcesDir, file);
    if (!existsSync(absolute)) return refuse(file, '', 'file is missing');
    try {
      return JSON.parse(readFileSync(absolute, 'utf8'));
    } catch (error) {
      return refuse(file, '', `not valid JSON: ${(error as Error).message.slice(0, 200)}`);
    }
  };

  const serviceFile = rel('service.json');
  const parsed = ServiceDefinitionSchema.safeParse(readJson(serviceFile));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ file: serviceFile, path: toJsonPointer(issue.path), message: issue.message });
    }
    throw new ServiceRefused();
  }
  const definition: ServiceDefinition = parsed.data;
  if (definition.id !== folder) refuse(serviceFile, '/id', `id "${definition.id}" differs from folder "${folder}"`);

  const schemaFile = rel(definition.schema);
  const schema = readJson(schemaFile) as JsonSchemaObject;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) refuse(schemaFile, '', 'not an object');
  if (typeof schema.$id !== 'string' || schema.$id === '') refuse(schemaFile, '/$id', 'the schema needs an $id');
  if (schema.type !== 'object' || typeof schema.properties !== 'object') {
    refuse(schemaFile, '/type', 'the schema must describe an object with properties');
  }
  if (ajv.getSchema(schema.$id!)) refuse(schemaFile, '/$id', `$id "${schema.$id}" is already used by another service`);
  let validateAll: ValidateFunction;
  try {
    validateAll = ajv.compile(schema);
  } catch (error) {
    // A broken schema must leave nothing behind in the shared instance.
    ajv.removeSchema(schema.$id!);
    return refuse(schemaFile, '', `schema does not compile: ${(error as Error).message.slice(0, 300)}`);
  }

  for (const problem of crossCheck(definition, schema)) {
    problems.push({ file: problem.target === 'service' ? serviceFile : schemaFile, ...pick(problem) });
  }

  const locales: Record<string, Record<string, unknown>> = {};
  const references = textKeyReferences(definition);
  for (const code of LANGUAGE_CODES) {
    const localeFile = rel(`locales/${code}.json`);
    const locale = readJson(localeFile);
    if (typeof locale !== 'object' || locale === null || Array.isArray(locale)) refuse(localeFile, '', 'not an object');
    locales[code] = locale as Record<string, unknown>;
    for (const { key, pointer } of references) {
      const text = lookupTextKey(locale, key);
      if (typeof text !== 'string' || text.trim() === '') {
        problems.push({
          file: serviceFile,
          path: pointer,
          message: `text key "${key}" is missing in locales/${code}.json`,
        });
      }
    }
  }

  const schemaUri = schema.$id!;
  // Property validators are compiled on first use from the already compiled root (so $refs resolve):
  // the root compile above has checked the schema, and start-up time is what a resident waits for.
  const propertyValidators = new Map<string, ValidateFunction>();
  const service: LoadedService = {
    definition,
    schemaUri,
    schema,
    validateAll,
    validateProperty(name) {
      let validate = propertyValidators.get(name);
      if (!validate) {
        if (!Object.hasOwn(schema.properties!, name)) throw new Error('Unknown schema property');
        validate = ajv.getSchema(`${schemaUri}#${toJsonPointer(['properties', name])}`);
        if (!validate) throw new Error('Property schema does not compile');
        propertyValidators.set(name, validate);
      }
      return validate;
    },
  };
  return { service, locales };
}

function pick(problem: { path: string; message: string }) {
  return { path: problem.path, message: problem.message };
}
