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
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { getBridge } from './api/bridge';
import { App } from './app/App';
import { loadBasics } from './app/boot';
import { KioskProvider } from './app/KioskProvider';
import { createI18n } from './i18n/setup';

const bridge = getBridge();
// Ask the core before React renders for the first time: the answers arrive while React works.
const firstBoot = loadBasics(bridge);
firstBoot.catch(() => undefined); // handled (and retried) by KioskProvider
const i18n = createI18n();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <KioskProvider bridge={bridge} firstBoot={firstBoot}>
          <App />
        </KioskProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}
