// First: sends the boot calls before the rest of the code is evaluated (see app/first-boot.ts).
import { firstBoot } from './app/first-boot';
import '@fontsource/atkinson-hyperlegible-next/latin-400.css';
import '@fontsource/atkinson-hyperlegible-next/latin-ext-400.css';
import '@fontsource/atkinson-hyperlegible-next/latin-700.css';
import '@fontsource/atkinson-hyperlegible-next/latin-ext-700.css';
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/components.css';
import './styles/fields.css';
import './styles/booking.css';
import './styles/service-pages.css';
import './styles/display.css';
import './styles/keyboard.css';
import './styles/speech.css';
import './styles/assist.css';
import './styles/reach.css';
import './styles/finder.css';
import './styles/offices.css';
import './styles/feedback.css';
import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { getBridge } from './api/bridge';
import { App } from './app/App';
import { addBootTexts, stateAfterBoot, type Basics } from './app/boot';
import { KioskProvider } from './app/KioskProvider';
import { createI18n } from './i18n/setup';

/**
 * How long the first render waits for the boot calls. They normally answer within a few
 * milliseconds, and the start screen then comes up at once, without the waiting screen before
 * it; a core that is slow or away gets the waiting screen (and KioskProvider's retries).
 */
const FIRST_RENDER_WAIT_MS = 400;

const bridge = getBridge();
const i18n = createI18n();

function render(basics: Basics | null): void {
  const root = document.getElementById('root');
  if (!root) return;
  if (basics) addBootTexts(i18n, basics);
  const reactRoot = createRoot(root);
  // In this task, not a later one: the start screen is all the resident waits for.
  flushSync(() =>
    reactRoot.render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <KioskProvider
            bridge={bridge}
            firstBoot={firstBoot}
            {...(basics ? { bootedState: stateAfterBoot(basics, Date.now()) } : {})}
          >
            <App />
          </KioskProvider>
        </I18nextProvider>
      </StrictMode>,
    ),
  );
}

const waited = new Promise<null>((resolve) => setTimeout(() => resolve(null), FIRST_RENDER_WAIT_MS));
void Promise.race([firstBoot.catch(() => null), waited]).then(render);
