import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_LANGUAGE,
  LANGUAGE_CODES,
  OFFICES_NS,
  ServiceDefinitionSchema,
  serviceNamespace,
  type LanguageCode,
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
import { missingTexts } from './service-texts';
import { textKeyReferences } from './text-keys';

export interface LoadedCatalog {
  /** Services that passed every check, ordered by `order`. */
  services: LoadedService[];
  byId: ReadonlyMap<string, LoadedService>;
  /** The town's offices (resources/offices/), which services name by id. */
  offices: LoadedOffices;
  /** language → namespace `svc-<id>` (German's where the service lacks that language), and `offices`. */
  translations: Record<string, Record<string, Record<string, unknown>>>;
  /** service id → the languages it is not (fully) translated into: there it shows in German, with a notice. */
  untranslated: Record<string, LanguageCode[]>;
  problems: CatalogProblem[];
}

class ServiceRefused extends Error {}

/** One service folder: where it is, and how its files are named in problems and logs. */
interface ServiceFolder {
  /** The folder holding the service folders. */
  base: string;
  /** How `base` is named in a problem: "services" for the shipped ones, else the town's folder as given. */
  label: string;
  folder: string;
}

/**
 * Loads the shipped services (<resourcesDir>/services/<id>/) and then the town's own
 * (`townServicesDir`/<id>/, `--services-dir`) at start-up. A broken service is refused with file +
 * JSON pointer + message (and logged once); the other services keep working, whatever is wrong with
 * it. A town folder never replaces a shipped service: one with a shipped service's id is refused.
 * `precompiled`: what the build already checked and compiled (see ./precompiled.ts).
 */
export function loadCatalog(
  resourcesDir: string,
  today: () => string,
  logger: Logger,
  precompiled: PrecompiledCatalog = NOTHING_PRECOMPILED,
  townServicesDir?: string,
): LoadedCatalog {
  const services: LoadedService[] = [];
  const translations: LoadedCatalog['translations'] = Object.fromEntries(LANGUAGE_CODES.map((code) => [code, {}]));
  const untranslated: LoadedCatalog['untranslated'] = {};
  const offices = loadOffices(resourcesDir);
  const problems: CatalogProblem[] = [...offices.problems];
  for (const problem of offices.problems) {
    logger.error('catalog.problem', { file: problem.file, path: problem.path, detail: problem.message });
  }
  for (const code of LANGUAGE_CODES) translations[code]![OFFICES_NS] = offices.translations[code] ?? {};
  const shipped = serviceFolders(join(resourcesDir, 'services'), 'services');
  const town = townServicesDir ? serviceFolders(townServicesDir, townServicesDir) : { folders: [] };
  if (town.problem) problems.push(town.problem);
  const folders = [...shipped.folders, ...town.folders];
  if (folders.length === 0) problems.push({ file: 'services', path: '', message: 'no service folders found' });

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
  const taken = new Set<string>();
  for (const entry of folders) {
    const { folder } = entry;
    const found: CatalogProblem[] = [];
    try {
      if (taken.has(folder)) {
        found.push({
          file: `${entry.label}/${folder}/service.json`,
          path: '/id',
          message: `a shipped service already has the id "${folder}"`,
        });
        throw new ServiceRefused();
      }
      taken.add(folder);
      const loaded = loadService(entry, checker, found, offices.byId);
      if (found.length === 0) {
        services.push(loaded.service);
        for (const code of LANGUAGE_CODES) translations[code]![serviceNamespace(folder)] = loaded.locales[code]!;
        if (loaded.untranslated.length > 0) {
          untranslated[folder] = loaded.untranslated.map((missing) => missing.language);
          logger.warn('catalog.service_untranslated', {
            serviceId: folder,
            detail: `shown in German in: ${untranslated[folder].join(', ')}`,
            count: loaded.untranslated.reduce((sum, missing) => sum + missing.keys.length, 0),
          });
        }
      }
    } catch (error) {
      // Anything a broken folder throws (unreadable file, a folder where a file should be) refuses it alone.
      if (!(error instanceof ServiceRefused)) {
        found.push({
          file: `${entry.label}/${folder}`,
          path: '',
          message: `cannot be read: ${(error as Error)?.message?.slice(0, 200) ?? String(error)}`,
        });
      }
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
  return {
    services,
    byId: new Map(services.map((s) => [s.definition.id, s])),
    offices,
    translations,
    untranslated,
    problems,
  };
}

/** The service folders in `base`, sorted; a folder that cannot be listed is one problem, not a crash. */
function serviceFolders(base: string, label: string): { folders: ServiceFolder[]; problem?: CatalogProblem } {
  if (!existsSync(base)) return { folders: [], ...(label === 'services' ? {} : { problem: unreadable(label) }) };
  try {
    const names = readdirSync(base)
      .filter((name) => {
        try {
          return statSync(join(base, name)).isDirectory();
        } catch {
          return false; // a dangling link is no service folder
        }
      })
      .sort();
    return { folders: names.map((folder) => ({ base, label, folder })) };
  } catch {
    return { folders: [], problem: unreadable(label) };
  }
}

function unreadable(label: string): CatalogProblem {
  return { file: label, path: '', message: 'the services folder does not exist or cannot be read' };
}

/** Checks a service file and compiles a schema, or takes what the build did with the same text. */
interface Checker {
  compiler: SchemaCompiler;
  /** The build's result for a service file with exactly this text. */
  checkedDefinition(text: string): ServiceDefinition | undefined;
}

function loadService(
  { base, label, folder }: ServiceFolder,
  checker: Checker,
  problems: CatalogProblem[],
  offices: LoadedOffices['byId'],
) {
  const rel = (name: string) => `${label}/${folder}/${name}`;
  const absolute = (name: string) => join(base, folder, name);
  const refuse = (file: string, path: string, message: string): never => {
    problems.push({ file, path, message });
    throw new ServiceRefused();
  };
  const readText = (name: string): string => {
    if (!existsSync(absolute(name))) return refuse(rel(name), '', 'file is missing');
    return readFileSync(absolute(name), 'utf8');
  };
  const parseJson = (file: string, text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch (error) {
      return refuse(file, '', `not valid JSON: ${(error as Error).message.slice(0, 200)}`);
    }
  };
  const readJson = (name: string): unknown => parseJson(rel(name), readText(name));

  const serviceFile = rel('service.json');
  const serviceText = readText('service.json');
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
  const schemaText = readText(definition.schema);
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

  // German is the reference and must be complete; another language may be missing or incomplete.
  const given: Partial<Record<LanguageCode, Record<string, unknown>>> = {};
  for (const code of LANGUAGE_CODES) {
    const name = `locales/${code}.json`;
    if (code !== DEFAULT_LANGUAGE && !existsSync(absolute(name))) continue;
    const locale = readJson(name);
    if (typeof locale !== 'object' || locale === null || Array.isArray(locale)) refuse(rel(name), '', 'not an object');
    given[code] = locale as Record<string, unknown>;
  }
  const german = given[DEFAULT_LANGUAGE]!;
  for (const { key, pointer } of textKeyReferences(definition)) {
    const text = lookupTextKey(german, key);
    if (typeof text !== 'string' || text.trim() === '') {
      problems.push({
        file: serviceFile,
        path: pointer,
        message: `text key "${key}" is missing in locales/${DEFAULT_LANGUAGE}.json`,
      });
    }
  }
  const untranslated = missingTexts(given);
  const incomplete = new Set(untranslated.map((missing) => missing.language));
  // An incomplete language shows the whole service in German rather than a mix of two languages.
  const locales = Object.fromEntries(
    LANGUAGE_CODES.map((code) => [code, incomplete.has(code) ? german : given[code]!]),
  ) as Record<LanguageCode, Record<string, unknown>>;

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
  return { service, locales, untranslated };
}

function pick(problem: { path: string; message: string }) {
  return { path: problem.path, message: problem.message };
}
