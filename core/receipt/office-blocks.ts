import { OFFICES_NS, officeTextKey, weeklyHoursLines, type Office } from '../../contract';
import type { ReceiptBlock } from './receipt-model';
import { RECEIPT_NS, type ReceiptTranslate } from './receipt-texts';

/**
 * An office on paper, from resources/offices/ (the same data as the screens): name, address, then hours made
 * from the weekly data in the receipt's locale, the step-free way in, phone and e-mail.
 */
export function officeBlocks(office: Office, t: ReceiptTranslate): ReceiptBlock[] {
  const label = (key: string) => t(`${RECEIPT_NS}:${key}`);
  const text = (name: 'name' | 'address' | 'access') => t(`${OFFICES_NS}:${officeTextKey(office.id, name)}`);
  const rows: { label: string; value: string }[] = [
    { label: label('office.openingHours'), value: weeklyHoursLines(office, label('format.locale')).join('\n') },
    { label: label('office.access'), value: text('access') },
    // Phone numbers and e-mail addresses are data, not translated texts.
    { label: label('office.phone'), value: office.phone },
  ];
  if (office.email) rows.push({ label: label('office.email'), value: office.email });
  return [
    { kind: 'paragraph', text: text('name'), strong: true },
    { kind: 'paragraph', text: text('address') },
    { kind: 'fields', rows },
  ];
}
