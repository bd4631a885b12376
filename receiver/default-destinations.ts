import type { DestinationConfigInput } from './config';
import type { ServiceSchemaIndex } from './subscriber/service-schemas';

/**
 * The destination a receiver serves when none are configured: the town of Stade, offering every service
 * in resources/services. A service with a LeiKa key is identified as `urn:de:fim:leika:leistung:<key>`;
 * one without (a district or local service) by the kiosk's own URN, as FIT-Connect allows for services
 * outside the LeiKa. Senders should find the service by its schema URI in `services[].submissionSchemas`.
 */
export const DEFAULT_DESTINATION_ID = '5f0e8c1a-2b7d-4c3e-9a61-0d4b8e7f2c35';

export function serviceIdentifier(serviceId: string, leikaKey: string | undefined): string {
  return leikaKey ? `urn:de:fim:leika:leistung:${leikaKey}` : `urn:de:stade:buergerkiosk:leistung:${serviceId}`;
}

export function defaultDestinations(schemas: ServiceSchemaIndex): DestinationConfigInput[] {
  return [
    {
      destinationId: DEFAULT_DESTINATION_ID,
      status: 'active',
      services: schemas.entries.map((entry) => ({
        identifier: serviceIdentifier(entry.serviceId, entry.leikaKey),
        name: entry.serviceId,
        submissionSchemas: [{ schemaUri: entry.schemaUri, mimeType: 'application/json' as const }],
      })),
    },
  ];
}
