import { describe, expect, it } from 'vitest';
import { FlagError, hubOptions, parseFlags } from '../../launcher/args';

describe('hub flags', () => {
  it('takes the hub from --hub-url or KIOSK_HUB_URL, the flag winning, with an optional enrolment code', () => {
    const fromEnv = parseFlags([], { KIOSK_HUB_URL: 'https://hub.stade.local:8443' });
    expect(hubOptions(fromEnv)).toEqual({ hub: { url: 'https://hub.stade.local:8443/' } });
    const flags = parseFlags(['--hub-url', 'http://127.0.0.1:9000', '--hub-enrolment-code=abcd-efgh-jkmn'], {
      KIOSK_HUB_URL: 'https://other.example',
    });
    expect(hubOptions(flags)).toEqual({ hub: { url: 'http://127.0.0.1:9000/', enrolmentCode: 'ABCD-EFGH-JKMN' } });
  });

  it('has no hub by default and refuses bad values', () => {
    expect(hubOptions(parseFlags([], {}))).toEqual({});
    expect(() => parseFlags(['--hub-url', 'ftp://hub'], {})).toThrow(FlagError);
    expect(() => parseFlags(['--hub-url', 'not a url'], {})).toThrow(FlagError);
    // 0, O, 1, I and L are not in the code alphabet.
    expect(() => parseFlags(['--hub-url', 'http://h', '--hub-enrolment-code', 'ABCD-EFGH-IJK0'], {})).toThrow(
      FlagError,
    );
  });
});
