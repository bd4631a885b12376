import { nextStepKey, type ServiceDefinition } from '../../contract';

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
  service.nextStepsKeys.forEach((entry, i) =>
    add(nextStepKey(entry), typeof entry === 'string' ? `/nextStepsKeys/${i}` : `/nextStepsKeys/${i}/key`),
  );
  const start = service.startPage;
  if (start) {
    add(start.purposeKey, '/startPage/purposeKey');
    add(start.eligibilityKey, '/startPage/eligibilityKey');
    start.needKeys.forEach((key, i) => add(key, `/startPage/needKeys/${i}`));
    add(start.durationKey, '/startPage/durationKey');
    add(start.costNoteKey, '/startPage/costNoteKey');
    add(start.warningKey, '/startPage/warningKey');
  }
  service.journey.steps.forEach((step, s) => {
    const stepPath = `/journey/steps/${s}`;
    add(step.titleKey, `${stepPath}/titleKey`);
    add(step.hintKey, `${stepPath}/hintKey`);
    add(step.helpKey, `${stepPath}/helpKey`);
    add(step.details?.summaryKey, `${stepPath}/details/summaryKey`);
    add(step.details?.textKey, `${stepPath}/details/textKey`);
    add(step.warningKey, `${stepPath}/warningKey`);
    step.bodyKeys?.forEach((key, i) => add(key, `${stepPath}/bodyKeys/${i}`));
    add(step.check?.labelKey, `${stepPath}/check/labelKey`);
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
