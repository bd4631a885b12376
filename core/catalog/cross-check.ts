import { fieldType, type Condition, type Field, type ServiceDefinition, type Step } from '../../contract';
import { toJsonPointer } from './json-pointer';
import type { JsonSchemaObject } from './loaded-service';

export interface CrossCheckProblem {
  target: 'service' | 'schema';
  path: string;
  message: string;
}

/** Checks that the journey and the JSON Schema describe the same fields. */
export function crossCheck(service: ServiceDefinition, schema: JsonSchemaObject): CrossCheckProblem[] {
  const problems: CrossCheckProblem[] = [];
  const properties = schema.properties ?? {};
  const askedIn = new Map<string, Field>();
  const groups = new Set<string>();

  service.journey.steps.forEach((step, s) => {
    if (step.when) {
      checkCondition(step.when, `/journey/steps/${s}/when`, askedIn, problems, groups);
      // The step list is the same on every day; an age only decides fees, documents and next steps.
      const agePath = ageConditionPath(step.when, `/journey/steps/${s}/when`);
      if (agePath) problems.push({ target: 'service', path: agePath, message: 'an age decides no step' });
    }
    if (step.repeat) {
      if (askedIn.has(step.repeat.name) || groups.has(step.repeat.name)) {
        const message = `field "${step.repeat.name}" is asked twice`;
        problems.push({ target: 'service', path: `/journey/steps/${s}/repeat/name`, message });
      }
      groups.add(step.repeat.name);
      checkGroup(step, s, properties[step.repeat.name], problems);
      return;
    }
    step.fields.forEach((field, f) => {
      const path = `/journey/steps/${s}/fields/${f}`;
      if (askedIn.has(field.name)) {
        problems.push({ target: 'service', path: `${path}/name`, message: `field "${field.name}" is asked twice` });
      }
      askedIn.set(field.name, field);
      const property = properties[field.name];
      if (!property) {
        problems.push({
          target: 'service',
          path: `${path}/name`,
          message: `field "${field.name}" is not a property of the schema`,
        });
        return;
      }
      checkFieldAgainstProperty(field, property, path, problems);
    });
  });

  // Fees, next steps and documents are decided on the answers of the whole journey.
  service.fees.forEach((fee, i) => {
    if (fee.when) checkCondition(fee.when, `/fees/${i}/when`, askedIn, problems, groups);
    if (fee.perCount !== undefined) {
      const counted = askedIn.get(fee.perCount);
      if (!counted || fieldType(counted.type).compare !== 'number') {
        problems.push({
          target: 'service',
          path: `/fees/${i}/perCount`,
          message: counted
            ? `fee counted by "${fee.perCount}", which is not a number field`
            : `fee counted by "${fee.perCount}", which no step asks`,
        });
      }
    }
  });
  service.nextStepsKeys.forEach((entry, i) => {
    if (typeof entry !== 'string') checkCondition(entry.when, `/nextStepsKeys/${i}/when`, askedIn, problems, groups);
  });
  service.documentsToBring.forEach((document, i) => {
    if (document.when) checkCondition(document.when, `/documentsToBring/${i}/when`, askedIn, problems, groups);
  });
  service.journey.steps.forEach((step, s) => {
    step.check?.lines?.forEach((line, l) =>
      line.forEach((name, n) => {
        if (!step.fields.some((field) => field.name === name)) {
          const path = `/journey/steps/${s}/check/lines/${l}/${n}`;
          problems.push({ target: 'service', path, message: `"${name}" is not a field of this step` });
        }
      }),
    );
  });

  for (const name of Object.keys(properties)) {
    if (!askedIn.has(name) && !groups.has(name)) {
      problems.push({
        target: 'schema',
        path: toJsonPointer(['properties', name]),
        message: `property "${name}" is not asked by any step`,
      });
    }
  }
  walkRequired(schema, [], (names, path) => {
    for (const name of names) {
      if (!(name in properties)) {
        problems.push({ target: 'schema', path: toJsonPointer(path), message: `required "${name}" is not a property` });
      }
    }
  });
  return problems;
}

function checkFieldAgainstProperty(
  field: Field,
  property: JsonSchemaObject,
  path: string,
  problems: CrossCheckProblem[],
): void {
  // The JSON Schema type each field type must have, so the answer pipeline and the schema agree.
  const definition = fieldType(field.type);
  const types = Array.isArray(property.type) ? property.type : [property.type];
  if (!types.some((type) => type !== undefined && definition.schemaTypes.includes(type))) {
    problems.push({
      target: 'service',
      path: `${path}/type`,
      message: `field type "${field.type}" needs schema type ${definition.schemaTypes.join(' or ')}`,
    });
  }
  if (field.maxLength !== undefined && field.maxLength !== property.maxLength) {
    problems.push({
      target: 'service',
      path: `${path}/maxLength`,
      message: `maxLength ${field.maxLength} differs from the schema's ${String(property.maxLength)}`,
    });
  }
  if (definition.options && !field.options) {
    problems.push({ target: 'service', path: `${path}/options`, message: `a ${field.type} field needs options` });
  }
  const allowed = definition.options === 'items' ? property.items?.enum : property.enum;
  if (field.options && Array.isArray(allowed)) {
    const values = field.options.map((option) => option.value);
    field.options.forEach((option, o) => {
      if (!allowed.includes(option.value)) {
        problems.push({
          target: 'service',
          path: `${path}/options/${o}/value`,
          message: `option "${option.value}" is not in the schema enum`,
        });
      }
    });
    for (const value of allowed) {
      if (typeof value !== 'string' || !values.includes(value)) {
        problems.push({
          target: 'service',
          path: `${path}/options`,
          message: `enum value "${String(value)}" has no option`,
        });
      }
    }
  }
}

/**
 * A repeatable group: its answer is an array of objects whose size limits are the group's own (a list
 * without `maxItems` would let the list grow without end), and each item field is a property of the item.
 */
function checkGroup(
  step: Step,
  s: number,
  property: JsonSchemaObject | undefined,
  problems: CrossCheckProblem[],
): void {
  const repeat = step.repeat!;
  const stepPath = `/journey/steps/${s}`;
  const schemaPath = toJsonPointer(['properties', repeat.name]);
  if (!property) {
    const message = `group "${repeat.name}" is not a property of the schema`;
    problems.push({ target: 'service', path: `${stepPath}/repeat/name`, message });
    return;
  }
  const items = property.items;
  if (property.type !== 'array' || items?.type !== 'object' || !items.properties) {
    const message = `group "${repeat.name}" needs schema type array with items of type object and properties`;
    problems.push({ target: 'schema', path: schemaPath, message });
    return;
  }
  if (property.maxItems !== repeat.max) {
    const message = `maxItems ${String(property.maxItems)} differs from the group's max ${repeat.max}`;
    problems.push({ target: 'schema', path: toJsonPointer(['properties', repeat.name, 'maxItems']), message });
  }
  if ((property.minItems ?? 0) !== repeat.min) {
    const message = `minItems ${String(property.minItems ?? 0)} differs from the group's min ${repeat.min}`;
    problems.push({ target: 'schema', path: toJsonPointer(['properties', repeat.name, 'minItems']), message });
  }
  const itemProperties = items.properties;
  const asked = new Set<string>();
  step.fields.forEach((field, f) => {
    const path = `${stepPath}/fields/${f}`;
    if (asked.has(field.name)) {
      problems.push({ target: 'service', path: `${path}/name`, message: `field "${field.name}" is asked twice` });
    }
    asked.add(field.name);
    const itemProperty = itemProperties[field.name];
    if (!itemProperty) {
      const message = `field "${field.name}" is not a property of the group's items`;
      problems.push({ target: 'service', path: `${path}/name`, message });
      return;
    }
    checkFieldAgainstProperty(field, itemProperty, path, problems);
  });
  repeat.summaryFields.forEach((name, n) => {
    if (!asked.has(name)) {
      const message = `"${name}" is not a field of this step`;
      problems.push({ target: 'service', path: `${stepPath}/repeat/summaryFields/${n}`, message });
    }
  });
  for (const name of Object.keys(itemProperties)) {
    if (!asked.has(name)) {
      const path = toJsonPointer(['properties', repeat.name, 'items', 'properties', name]);
      problems.push({ target: 'schema', path, message: `property "${name}" is not asked by the group's step` });
    }
  }
}

function checkCondition(
  condition: Condition,
  path: string,
  askedBefore: Map<string, Field>,
  problems: CrossCheckProblem[],
  groups: ReadonlySet<string>,
): void {
  if ('all' in condition) {
    condition.all.forEach((inner, i) => checkCondition(inner, `${path}/all/${i}`, askedBefore, problems, groups));
  } else if ('any' in condition) {
    condition.any.forEach((inner, i) => checkCondition(inner, `${path}/any/${i}`, askedBefore, problems, groups));
  } else if ('not' in condition) {
    checkCondition(condition.not, `${path}/not`, askedBefore, problems, groups);
  } else if (groups.has(condition.field)) {
    // Conditions look at one answer; a list of items has none to compare (not supported yet).
    const message = `condition field "${condition.field}" is a repeatable group; conditions on groups are not supported`;
    problems.push({ target: 'service', path: `${path}/field`, message });
  } else {
    const field = askedBefore.get(condition.field);
    if (!field) {
      problems.push({
        target: 'service',
        path: `${path}/field`,
        message: `condition field "${condition.field}" is not asked in an earlier step`,
      });
      return;
    }
    const compare = fieldType(field.type).compare;
    if ('ageUnder' in condition && compare !== 'age') {
      problems.push({
        target: 'service',
        path: `${path}/ageUnder`,
        message: `"${field.name}" is not a date field and gives no age`,
      });
      return;
    }
    if (('greaterThan' in condition || 'lessThan' in condition) && compare !== 'number') {
      const key = 'greaterThan' in condition ? 'greaterThan' : 'lessThan';
      problems.push({
        target: 'service',
        path: `${path}/${key}`,
        message: `"${field.name}" is not a number field and cannot be compared`,
      });
      return;
    }
    // A misspelt option value would hide the step for ever, so compare against the field's options.
    const options = field.options?.map((option) => option.value);
    const compared = 'equals' in condition ? [condition.equals] : 'in' in condition ? condition.in : [];
    compared.forEach((value, i) => {
      const valuePath = 'equals' in condition ? `${path}/equals` : `${path}/in/${i}`;
      // A tick compares with true or false; every other answer with a string (an option's value).
      const flag = fieldType(field.type).input === 'flag';
      const fits = flag ? typeof value === 'boolean' : !options || options.includes(String(value));
      if (!fits || (!flag && typeof value !== 'string')) {
        problems.push({
          target: 'service',
          path: valuePath,
          message: `"${String(value)}" is not a value of "${field.name}"`,
        });
      }
    });
  }
}

/** The JSON path of the first age condition inside `condition`, if any. */
function ageConditionPath(condition: Condition, path: string): string | undefined {
  if ('all' in condition) return firstPath(condition.all, `${path}/all`);
  if ('any' in condition) return firstPath(condition.any, `${path}/any`);
  if ('not' in condition) return ageConditionPath(condition.not, `${path}/not`);
  return 'ageUnder' in condition ? `${path}/ageUnder` : undefined;
}

function firstPath(conditions: Condition[], path: string): string | undefined {
  for (const [i, inner] of conditions.entries()) {
    const found = ageConditionPath(inner, `${path}/${i}`);
    if (found) return found;
  }
  return undefined;
}

/** Calls `visit` for every `required` array anywhere in the schema (root, if/then/else, allOf, …). */
function walkRequired(node: unknown, path: PropertyKey[], visit: (names: string[], path: PropertyKey[]) => void): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walkRequired(item, [...path, i], visit));
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    // Nested object properties have their own `required`; only the answers object's level matters here.
    if (key === 'properties' || key === '$defs' || key === 'items' || key === 'enum' || key === 'const') continue;
    if (key === 'required' && Array.isArray(value)) {
      visit(
        value.filter((name): name is string => typeof name === 'string'),
        [...path, key],
      );
    } else {
      walkRequired(value, [...path, key], visit);
    }
  }
}
