import { describe, expect, it } from 'vitest';
import { REMOVED, stripPersonalData } from '../../core/usage/strip-personal-data';

/**
 * [comment, what must be gone, what must stay]. The comments are what residents might write in the kiosk's
 * languages; the stripper errs on removing too much, so "stay" lists only words that carry the feedback.
 */
const CASES: readonly { text: string; gone: string[]; stays: string[] }[] = [
  // Names after a phrase or title
  { text: 'Ich heiße Anna Schmidt und es war gut.', gone: ['Anna', 'Schmidt'], stays: ['war gut'] },
  { text: 'Mein Name ist Jürgen Müller-Lüdenscheidt, danke!', gone: ['Jürgen', 'Müller'], stays: ['danke'] },
  { text: 'Frau Petersen am Schalter war sehr freundlich.', gone: ['Petersen'], stays: ['sehr freundlich'] },
  { text: 'Danke an Herrn Dr. Okafor für die Hilfe', gone: ['Okafor'], stays: ['Hilfe'] },
  { text: 'My name is John Smith and the screen was too small.', gone: ['John', 'Smith'], stays: ['too small'] },
  { text: 'Thanks to Mrs. Johnson, very helpful.', gone: ['Johnson'], stays: ['very helpful'] },
  { text: 'Benim adım Ayşe Yılmaz, çok kolaydı.', gone: ['Ayşe', 'Yılmaz'], stays: ['çok kolaydı'] },
  { text: 'Mehmet Bey çok yardımcı oldu.', gone: ['Mehmet'], stays: ['yardımcı oldu'] },
  { text: 'Меня зовут Иван Петров, всё понятно.', gone: ['Иван', 'Петров'], stays: ['всё понятно'] },
  { text: 'Мене звати Олена Коваленко, дякую.', gone: ['Олена', 'Коваленко'], stays: ['дякую'] },
  { text: 'Nazywam się Piotr Nowak, było łatwo.', gone: ['Piotr', 'Nowak'], stays: ['było łatwo'] },
  { text: 'اسمي أحمد علي والخدمة ممتازة', gone: ['أحمد', 'علي'], stays: ['ممتازة'] },
  // Two capitalised words in the middle of a sentence
  { text: 'Es hat mir Klaus Peter geholfen.', gone: ['Klaus', 'Peter'], stays: ['geholfen'] },
  { text: 'спасибо, Мария Иванова помогла', gone: ['Мария', 'Иванова'], stays: ['помогла'] },
  { text: 'Die Wartezeit im Rathaus Stade war kurz.', gone: [], stays: ['Rathaus Stade', 'Wartezeit', 'kurz'] },
  // Addresses
  { text: 'Ich wohne in der Hauptstraße 12a, 21682 Stade.', gone: ['Hauptstraße', '12a', '21682'], stays: ['wohne'] },
  { text: 'Wohne Am Sande 3 und fand es gut', gone: ['Sande 3'], stays: ['gut'] },
  { text: 'Post an Bremervörder Str. 7 bitte', gone: ['Bremervörder', 'Str. 7'], stays: ['bitte'] },
  { text: 'I live at 221b Baker Street, fine.', gone: ['221b', 'Baker'], stays: ['fine'] },
  { text: 'Atatürk Caddesi No: 5 adresindeyim', gone: ['Atatürk', 'No: 5'], stays: ['adresindeyim'] },
  { text: 'живу ул. Ленина, д. 5, всё хорошо', gone: ['Ленина', 'д. 5'], stays: ['всё хорошо'] },
  // Phone, e-mail, IBAN, IDs, tax ID, dates of birth, long digit runs
  { text: 'Rufen Sie mich an: 0176 1234567', gone: ['0176', '1234567'], stays: ['Rufen'] },
  { text: 'Tel. +49 (4141) 40-1234 tagsüber', gone: ['4141', '1234'], stays: ['tagsüber'] },
  { text: 'Call 04141/12345 please', gone: ['12345'], stays: ['please'] },
  { text: 'Mail: anna.schmidt@example.org wenn Fragen', gone: ['anna.schmidt', 'example.org'], stays: ['Fragen'] },
  { text: 'e-posta: ayse (at) beispiel.de', gone: ['ayse', 'beispiel.de'], stays: ['e-posta'] },
  { text: 'IBAN DE89 3704 0044 0532 0130 00 für Rückzahlung', gone: ['DE89', '3704', '0130'], stays: ['Rückzahlung'] },
  { text: 'iban de89370400440532013000 ok', gone: ['de89370400440532013000'], stays: ['ok'] },
  { text: 'Ausweisnummer L01X00T47 stimmt nicht', gone: ['L01X00T47'], stays: ['stimmt nicht'] },
  { text: 'Pass C01X00T4 war abgelaufen', gone: ['C01X00T4'], stays: ['abgelaufen'] },
  { text: 'Steuer-ID 12 345 678 901 eingegeben', gone: ['345', '678', '901'], stays: ['eingegeben'] },
  { text: 'TC kimlik 12345678901 sordu', gone: ['12345678901'], stays: ['sordu'] },
  { text: 'geboren am 12.03.1980, alles ok', gone: ['12.03.1980'], stays: ['alles ok'] },
  { text: 'born 3 March 1980 - okay', gone: ['March', '1980'], stays: ['okay'] },
  { text: 'родился 12 марта 1980, нормально', gone: ['марта', '1980'], stays: ['нормально'] },
  { text: 'تاريخ الميلاد ١٢/٠٣/١٩٨٠ شكرا', gone: ['١٩٨٠'], stays: ['شكرا'] },
  { text: 'رقم الهاتف ٠١٧٦١٢٣٤٥٦٧ شكرا', gone: ['٠١٧٦١٢٣٤٥٦٧'], stays: ['شكرا'] },
  { text: 'Aktenzeichen 2026-55123 bitte prüfen', gone: ['55123'], stays: ['bitte prüfen'] },
  // What must stay untouched
  { text: 'Die Schrift war zu klein, sonst gut.', gone: [], stays: ['Die Schrift war zu klein, sonst gut.'] },
  { text: 'Von 10 bis 12 Uhr gewartet, 3 Seiten.', gone: [], stays: ['Von 10 bis 12 Uhr gewartet, 3 Seiten.'] },
  { text: 'Çok iyiydi, teşekkürler!', gone: [], stays: ['Çok iyiydi, teşekkürler!'] },
  { text: 'Всё было понятно.', gone: [], stays: ['Всё было понятно.'] },
  { text: 'كانت الخدمة سهلة', gone: [], stays: ['كانت الخدمة سهلة'] },
  { text: 'Every step was easy in 2026.', gone: [], stays: ['Every step was easy in 2026.'] },
];

describe('stripPersonalData', () => {
  for (const { text, gone, stays } of CASES) {
    it(`strips: ${text}`, () => {
      const stripped = stripPersonalData(text);
      for (const part of gone) expect(stripped, stripped).not.toContain(part);
      for (const part of stays) expect(stripped, stripped).toContain(part);
      if (gone.length > 0) expect(stripped).toContain(REMOVED);
      else expect(stripped).toBe(text);
    });
  }

  it("removes the session's answers and each of their words, in any case, but not choice codes", () => {
    const answers = ['Zeynep Kaya-Öztürk', 'Schiffertorsstraße 9', 'married', 'Ahmad'];
    const stripped = stripPersonalData(
      'zeynep fand es gut, Kaya-Öztürk auch; AHMAD nicht. Schiffertorsstraße 9 ist weit. married?',
      answers,
    );
    for (const part of ['zeynep', 'Kaya', 'Öztürk', 'AHMAD', 'Schiffertor']) expect(stripped).not.toContain(part);
    expect(stripped).toContain('fand es gut');
    expect(stripped).toContain('married?');
  });

  it('removes an answer word only as a whole word', () => {
    expect(stripPersonalData('Annahme war schnell', ['Anna'])).toBe('Annahme war schnell');
    expect(stripPersonalData('Anna war schnell', ['Anna'])).toBe(`${REMOVED} war schnell`);
  });

  it('folds neighbouring markers into one and keeps the text otherwise as typed', () => {
    expect(stripPersonalData('Kontakt: anna@example.org, 0176 1234567')).toBe(`Kontakt: ${REMOVED}`);
  });
});
