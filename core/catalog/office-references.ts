import type { ServiceDefinition } from '../../contract';

/** A service's office ids that name no office in resources/offices/offices.json, with their JSON pointers. */
export function unknownOfficeReferences(
  service: ServiceDefinition,
  officeIds: ReadonlySet<string> | ReadonlyMap<string, unknown>,
): { path: string; message: string }[] {
  const references = [
    { id: service.officeId, path: '/officeId' },
    ...service.journey.steps.flatMap((step, s) =>
      step.officeId ? [{ id: step.officeId, path: `/journey/steps/${s}/officeId` }] : [],
    ),
  ];
  return references
    .filter((reference) => !officeIds.has(reference.id))
    .map((reference) => ({
      path: reference.path,
      message: `office "${reference.id}" is not in offices/offices.json`,
    }));
}
