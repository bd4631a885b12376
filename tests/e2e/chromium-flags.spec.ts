import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { KIOSK_DISABLED_FEATURES } from '../../launcher/chromium-features';

/** The command lines of the Chromium browser processes this test worker started (Linux /proc). */
function chromiumCommandLines(): string[][] {
  const lines: string[][] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const parent = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      if (parent !== process.pid) continue;
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (args.some((arg) => arg.startsWith('--remote-debugging'))) lines.push(args);
    } catch {
      // A process that ended while the list was read.
    }
  }
  return lines;
}

const featuresOf = (arg: string) => arg.slice('--disable-features='.length).split(',');

test("the tests' Chromium keeps Playwright's turned-off features and adds the kiosk's", async ({ browser }) => {
  expect(browser.isConnected()).toBe(true);
  const lines = chromiumCommandLines();
  expect(lines.length).toBeGreaterThan(0);
  for (const args of lines) {
    const switches = args.filter((arg) => arg.startsWith('--disable-features='));
    expect(switches.length).toBeGreaterThan(0);
    // Chromium reads only the last switch: it must hold everything the earlier ones (Playwright's) name.
    const effective = new Set(featuresOf(switches.at(-1)!));
    for (const earlier of switches.slice(0, -1)) {
      for (const feature of featuresOf(earlier))
        expect(effective, `${feature} is no longer turned off`).toContain(feature);
    }
    for (const feature of KIOSK_DISABLED_FEATURES) expect(effective).toContain(feature);
  }
});

test('a new window builds no hidden omnibox popup pages beside the kiosk page', async ({ browser }) => {
  const context = await browser.newContext();
  try {
    await context.newPage();
    const cdp = await browser.newBrowserCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    await cdp.detach();
    const urls = targetInfos.map((target) => target.url);
    expect(urls).toContain('about:blank');
    expect(urls.filter((url) => url.startsWith('chrome://omnibox-popup'))).toEqual([]);
  } finally {
    await context.close();
  }
});
