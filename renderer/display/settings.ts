/**
 * The resident's display settings: text size and contrast. They live in the app state (not in the
 * core, not in storage), so the reset after every resident (session end, idle wipe) takes them too.
 */
export const TEXT_SIZES = ['normal', 'large', 'xlarge'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

export const CONTRASTS = ['normal', 'high'] as const;
export type Contrast = (typeof CONTRASTS)[number];

export interface DisplaySettings {
  textSize: TextSize;
  contrast: Contrast;
}

export const DEFAULT_DISPLAY: DisplaySettings = { textSize: 'normal', contrast: 'normal' };

export function isDefaultDisplay(settings: DisplaySettings): boolean {
  return settings.textSize === DEFAULT_DISPLAY.textSize && settings.contrast === DEFAULT_DISPLAY.contrast;
}

/**
 * Puts the settings on <html> as data attributes; styles/display.css turns them into the root font
 * size (every size in the app is in rem, so everything reflows) and the high-contrast colours.
 */
export function applyDisplaySettings(settings: DisplaySettings, root: HTMLElement = document.documentElement): void {
  root.dataset.textSize = settings.textSize;
  root.dataset.contrast = settings.contrast;
}

/** The i18n key of each choice, for the dialog and for what it says. */
export const TEXT_SIZE_KEYS: Record<TextSize, string> = {
  normal: 'display.textSizeNormal',
  large: 'display.textSizeLarge',
  xlarge: 'display.textSizeXLarge',
};

export const CONTRAST_KEYS: Record<Contrast, string> = {
  normal: 'display.contrastNormal',
  high: 'display.contrastHigh',
};
