import { getBridge } from '../api/bridge';
import { loadBasics } from './boot';

/**
 * The boot calls. main.tsx imports this module first, so that the requests go out before React,
 * react-aria, i18n and the screens are evaluated (about 100 ms here), and the answers are usually
 * there by the time React renders for the first time.
 */
export const firstBoot = loadBasics(getBridge());
firstBoot.catch(() => undefined); // handled (and retried) by KioskProvider
