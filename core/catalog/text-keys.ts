import type { ServiceDefinition } from '../../contract';

export interface TextKeyReference {
  key: string;
  /** JSON pointer of the reference inside service.json. */
  pointer: string;
}

/** Every i18next key a service file refers to, with where it is referenced. */
export function textKeyReferences(service: ServiceDefinition): TextKeyReference[] {
  const refs: TextKeyReference[] = [];
  const add = (key: string | undefined, pointer: string) => {
    if (key !== undefined) refs.push({ key, pointer });
  };
  add(service.titleKey, '/titleKey');
  add(service.summaryKey, '/summaryKey');
  add(service.keywordsKey, '/keywordsKey');
  service.fees.forEach((fee, i) => add(fee.labelKey, `/fees/${i}/labelKey`));
  service.documentsToBring.forEach((doc, i) => add(doc.labelKey, `/documentsToBring/${i}/labelKey`));
  for (const name of ['nameKey', 'addressKey', 'openingHoursKey', 'accessKey'] as const) {
    add(service.office[name], `/office/${name}`);
  }
  service.nextStepsKeys.forEach((key, i) => add(key, `/nextStepsKeys/${i}`));
  service.journey.steps.forEach((step, s) => {
    const stepPath = `/journey/steps/${s}`;
    add(step.titleKey, `${stepPath}/titleKey`);
    add(step.hintKey, `${stepPath}/hintKey`);
    add(step.helpKey, `${stepPath}/helpKey`);
    step.fields.forEach((field, f) => {
      const fieldPath = `${stepPath}/fields/${f}`;
      add(field.labelKey, `${fieldPath}/labelKey`);
      add(field.hintKey, `${fieldPath}/hintKey`);
      field.options?.forEach((option, o) => {
        add(option.labelKey, `${fieldPath}/options/${o}/labelKey`);
        add(option.hintKey, `${fieldPath}/options/${o}/hintKey`);
      });
    });
  });
  return refs;
}
