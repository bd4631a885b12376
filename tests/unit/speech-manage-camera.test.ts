import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../contract';
import { manageScript } from '../../renderer/appointments/manage/manage-scripts';
import { spokenText } from '../../renderer/speech/spoken-text';
import { translator } from '../fixtures/speech-screens';

/**
 * The code page with the camera open is spoken like the page (issue 16): how to hold the slip, that nothing is
 * kept, the way out; a QR code that is not a booking code is said first; a camera that would not open is said
 * before the typing page. Composed by the renderer's own script from every renderer locale.
 */
const context = { office: undefined, desk: undefined, service: undefined };

describe.each(LANGUAGES.map((language) => language.code))('the camera on the code page in %s', (language) => {
  const t = translator(language);
  const said = (camera: 'closed' | 'open' | 'failed', otherQr = false) =>
    manageScript(t, { kind: 'code' }, { ...context, camera, otherQr }).map((utterance) => utterance.text);

  it('says how to hold the slip, that the picture is not kept, and how to close it', () => {
    expect(said('open')).toEqual(
      ['title', 'guidance', 'privacy', 'close'].map((key) => spokenText(t, `manageCamera.${key}`)),
    );
  });

  it('says first that a QR code was not a booking code', () => {
    expect(said('open', true)[0]).toBe(spokenText(t, 'manageCamera.notBookingCode'));
  });

  it('says a camera that would not open before the typing page, which is unchanged otherwise', () => {
    const typing = said('closed');
    expect(typing).toContain(spokenText(t, 'manageBooking.codeLead'));
    expect(said('failed')).toEqual([spokenText(t, 'manageCamera.failed'), ...typing]);
  });
});
