import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  LANGUAGE_CODES,
  OFFICES_NS,
  ServiceDefinitionSchema,
  serviceNamespace,
  type ServiceDefinition,
} from '../../contract';
import { loadOffices, type LoadedOffices } from '../offices/load-offices';
import type { CatalogProblem, Logger } from '../types';
import type { SchemaValidator } from '../validation/ajv';
import { crossCheck } from './cross-check';
import { unknownOfficeReferences } from './office-references';
import { lookupTextKey, toJsonPointer } from './json-pointer';
import type { JsonSchemaObject, LoadedService } from './loaded-service';
import { fileDigest, NOTHING_PRECOMPILED, type PrecompiledCatalog } from './precompiled';
import { SchemaCompiler, type ServiceValidators } from './schema-compiler';
import { textKeyReferences } from './text-keys';

export interface LoadedCatalog {
  /** Services that passed every check, ordered by `order`. */
  services: LoadedService[];
  byId: ReadonlyMap<string, LoadedService>;
  /** The town's offices (resources/offices/), which services name by id. */
  offices: LoadedOffices;
  /** language → namespace `svc-<id>` (and `offices`) → locale object. */
  translations: Record<string, Record<string, Record<string, unknown>>>;
  problems: CatalogProblem[];
}

class ServiceRefused extends Error {}

/**
 * Loads resources/services/<id>/ at start-up. A broken service is refused with
 * file + JSON pointer + message (and logged); the other services keep working.
 * `precompiled`: what the build already checked and compiled (see ./precompiled.ts).
 */
export function loadCatalog(
  resourcesDir: string,
  today: () => string,
  logger: Logger,
  precompiled: PrecompiledCatalog = NOTHING_PRECOMPILED,
): LoadedCatalog {
  const servicesDir = join(resourcesDir, 'services');
  const services: LoadedService[] = [];
  const translations: LoadedCatalog['translations'] = Object.fromEntries(LANGUAGE_CODES.map((code) => [code, {}]));
  const offices = loadOffices(resourcesDir);
  const problems: CatalogProblem[] = [...offices.problems];
  for (const problem of offices.problems) {
    logger.error('catalog.problem', { file: problem.file, path: problem.path, detail: problem.message });
  }
  for (const code of LANGUAGE_CODES) translations[code]![OFFICES_NS] = offices.translations[code] ?? {};
  const ids = existsSync(servicesDir)
    ? readdirSync(servicesDir)
        .filter((name) => statSync(join(servicesDir, name)).isDirectory())
        .sort()
    : [];
  if (ids.length === 0) problems.push({ file: 'services', path: '', message: 'no service folders found' });

  const checkedDefinitions = new Map(precompiled.definitions.map((entry) => [entry.sha256, entry.json]));
  let definitionsTaken = 0;
  const checker: Checker = {
    compiler: new SchemaCompiler(today, precompiled.schemas),
    checkedDefinition(text) {
      const json = checkedDefinitions.get(fileDigest(text));
      if (json === undefined) return undefined;
      definitionsTaken += 1;
      return JSON.parse(json) as ServiceDefinition;
    },
  };
  for (const folder of ids) {
    const found: CatalogProblem[] = [];
    try {
      const loaded = loadService(resourcesDir, folder, checker, found, offices.byId);
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
  // How many files the build had already checked shows whether it matches the files on disk.
  logger.info('catalog.loaded', {
    count: services.length,
    problems: problems.length,
    precompiled: definitionsTaken + checker.compiler.precompiledCount,
  });
  return { services, byId: new Map(services.map((s) => [s.definition.id, s])), offices, translations, problems };
}

/** Checks a service file and compiles a schema, or takes what the build did with the same text. */
interface Checker {
  compiler: SchemaCompiler;
  /** The build's result for a service file with exactly this text. */
  checkedDefinition(text: string): ServiceDefinition | undefined;
}

function loadService(
  resourcesDir: string,
  folder: string,
  checker: Checker,
  problems: CatalogProblem[],
  offices: LoadedOffices['byId'],
) {
  const rel = (name: string) => `services/${folder}/${name}`;
  const refuse = (file: string, path: string, message: string): never => {
    problems.push({ file, path, message });
    throw new ServiceRefused();
  };
  const readText = (file: string): string => {
    const absolute = join(resourcesDir, file);
    if (!existsSync(absolute)) return refuse(file, '', 'file is missing');
    return readFileSync(absolute, 'utf8');
  };
  const parseJson = (file: string, text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch (error) {
      return refuse(file, '', `not valid JSON: ${(error as Error).message.slice(0, 200)}`);
    }
  };
  const readJson = (file: string): unknown => parseJson(file, readText(file));

  const serviceFile = rel('service.json');
  const serviceText = readText(serviceFile);
  let definition = checker.checkedDefinition(serviceText);
  if (!definition) {
    const parsed = ServiceDefinitionSchema.safeParse(parseJson(serviceFile, serviceText));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ file: serviceFile, path: toJsonPointer(issue.path), message: issue.message });
      }
      throw new ServiceRefused();
    }
    definition = parsed.data;
  }
  if (definition.id !== folder) refuse(serviceFile, '/id', `id "${definition.id}" differs from folder "${folder}"`);

  const schemaFile = rel(definition.schema);
  const schemaText = readText(schemaFile);
  const schema = parseJson(schemaFile, schemaText) as JsonSchemaObject;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) refuse(schemaFile, '', 'not an object');
  if (typeof schema.$id !== 'string' || schema.$id === '') refuse(schemaFile, '/$id', 'the schema needs an $id');
  if (schema.type !== 'object' || typeof schema.properties !== 'object') {
    refuse(schemaFile, '/type', 'the schema must describe an object with properties');
  }
  const { compiler } = checker;
  if (compiler.has(schema.$id!)) refuse(schemaFile, '/$id', `$id "${schema.$id}" is already used by another service`);
  let validators: ServiceValidators;
  try {
    validators = compiler.compile(schema, schemaText);
  } catch (error) {
    return refuse(schemaFile, '', `schema does not compile: ${(error as Error).message.slice(0, 300)}`);
  }

  for (const problem of crossCheck(definition, schema)) {
    problems.push({ file: problem.target === 'service' ? serviceFile : schemaFile, ...pick(problem) });
  }
  for (const problem of unknownOfficeReferences(definition, offices)) problems.push({ file: serviceFile, ...problem });

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

  const propertyValidators = new Map<string, SchemaValidator>();
  const service: LoadedService = {
    definition,
    schemaUri: schema.$id!,
    schema,
    validateAll: validators.validateAll,
    validateProperty(name) {
      let validate = propertyValidators.get(name);
      if (!validate) {
        if (!Object.hasOwn(schema.properties!, name)) throw new Error('Unknown schema property');
        validate = validators.property(name);
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
