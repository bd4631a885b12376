import type { ServiceSummary } from '../../contract';
import type { SearchDocument } from './service-search';

/** A service's text in a language, or undefined when that language has none for the key. */
export type ServiceText = (serviceId: string, key: string, language: string) => string | undefined;

type Searchable = Pick<ServiceSummary, 'id' | 'titleKey' | 'keywordsKey'>;

/**
 * One search document per service in the resident's language. Outside German the German title and
 * synonyms come along: the official word is what residents see on letters and signs in every language.
 */
export function searchDocuments(
  services: readonly Searchable[],
  language: string,
  text: ServiceText,
): SearchDocument[] {
  return services.map((service) => {
    const own = (key: string | undefined) => (key ? (text(service.id, key, language) ?? '') : '');
    const document: SearchDocument = {
      id: service.id,
      title: own(service.titleKey),
      keywords: own(service.keywordsKey),
    };
    if (language !== 'de') {
      document.germanTitle = text(service.id, service.titleKey, 'de') ?? '';
      document.germanKeywords = service.keywordsKey ? (text(service.id, service.keywordsKey, 'de') ?? '') : '';
    }
    return document;
  });
}
