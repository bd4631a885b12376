import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  OFFICES_NS,
  OfficesFileSchema,
  officeTextKey,
  weeklyHours,
  type Office,
  type OfficeText,
} from '../../../contract';
import { ROOT } from './paths';
import { ui, type Lang } from './service-data';

/** The offices the kiosk shows (resources/offices/), read as the core reads them: a changed office needs no test change. */
const OFFICES_DIR = join(ROOT, 'resources', OFFICES_NS);
export const OFFICES = OfficesFileSchema.parse(JSON.parse(readFileSync(join(OFFICES_DIR, 'offices.json'), 'utf8')));

export function office(id: string): Office {
  const found = OFFICES.offices.find((entry) => entry.id === id);
  if (!found) throw new Error(`no office ${id}`);
  return found;
}

const locales = new Map<Lang, Record<string, Record<string, string> | string>>();
function locale(lang: Lang) {
  if (!locales.has(lang))
    locales.set(lang, JSON.parse(readFileSync(join(OFFICES_DIR, 'locales', `${lang}.json`), 'utf8')));
  return locales.get(lang)!;
}

/** An office's name, address or step-free way in, in one language. */
export function officeText(lang: Lang, id: string, text: OfficeText): string {
  const [officeId, name] = officeTextKey(id, text).split('.') as [string, string];
  return (locale(lang)[officeId] as Record<string, string>)[name]!;
}

export function sampleNote(lang: Lang): string {
  return locale(lang).sampleNote as string;
}

/** The week's hours as the page shows them: made from the data with Intl in the page's locale. */
export function shownHoursLines(lang: Lang, id: string): string[] {
  return weeklyHours(office(id), ui(lang, 'format.locale')).map((row) => `${row.days}: ${row.times}`);
}
