import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { woffToSfnt } from './woff';
import { ZERO_FONT_BASE64 } from './zero-font-data';

/**
 * The receipt's fonts. Atkinson Hyperlegible Next is the kiosk's own font,
 * drawn for readers with low vision (I, l and 1 differ; 0 and O differ).
 * Its npm package ships it as WOFF in two subsets (latin, latin-ext), which
 * are unpacked to TrueType here and embedded (subset) by pdfkit; together
 * they cover German, English, Turkish and Polish. Everything else (Cyrillic, Greek) falls back per character to
 * DejaVu Sans from Debian's fonts-dejavu-core, where installed.
 */
export interface FontFace {
  /** Name the face is registered under in a PDF document. */
  id: string;
  data: Buffer;
  /** File it came from (for error messages and the report). */
  source: string;
  covers(codePoint: number): boolean;
}

export type FontWeight = 'regular' | 'bold';

/** Faces in order of preference for each weight. */
export type ReceiptFonts = Record<FontWeight, readonly FontFace[]>;

export interface ReceiptFontOptions {
  /** TTF/OTF files for characters the kiosk font lacks; default: DejaVu Sans where found, null: none. */
  fallback?: Record<FontWeight, string> | null;
}

const ATKINSON_FILES: Record<FontWeight, string[]> = {
  regular: ['latin-400-normal', 'latin-ext-400-normal'],
  bold: ['latin-700-normal', 'latin-ext-700-normal'],
};

/** Where Debian/Ubuntu (fonts-dejavu-core) and Fedora put DejaVu Sans. */
const DEJAVU_DIRS = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/dejavu-sans-fonts',
  '/usr/share/fonts/dejavu',
];

/**
 * The digit zero without the kiosk font's slash (issue 14, item 17: in amounts and phone numbers the slashed
 * zero reads as Ø to some residents), from DejaVu Sans (resources/fonts, made by build/make-zero-font.mjs).
 * It comes first in each weight's list and covers only U+0030, so every other character keeps its face.
 */
function zeroFace(weight: FontWeight): FontFace {
  const data = Buffer.from(ZERO_FONT_BASE64[weight === 'bold' ? 700 : 400], 'base64');
  return {
    id: `zero-${weight}`,
    data,
    source: `resources/fonts/kiosk-zero-${weight === 'bold' ? 700 : 400}.ttf`,
    covers: (codePoint) => codePoint === 0x30,
  };
}

function face(id: string, source: string): FontFace {
  const data = woffToSfnt(readFileSync(source));
  const font = fontkit.create(data);
  return { id, data, source, covers: (codePoint) => font.hasGlyphForCodePoint(codePoint) };
}

export function defaultFallbackFiles(): Record<FontWeight, string> | null {
  for (const dir of DEJAVU_DIRS) {
    const regular = `${dir}/DejaVuSans.ttf`;
    const bold = `${dir}/DejaVuSans-Bold.ttf`;
    if (existsSync(regular) && existsSync(bold)) return { regular, bold };
  }
  return null;
}

export function loadReceiptFonts(options: ReceiptFontOptions = {}): ReceiptFonts {
  const require = createRequire(import.meta.url);
  const fallback = options.fallback === undefined ? defaultFallbackFiles() : options.fallback;
  const faces = (weight: FontWeight): FontFace[] => {
    const list = ATKINSON_FILES[weight].map((file) =>
      face(
        `atkinson-${file}`,
        require.resolve(`@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-${file}.woff`),
      ),
    );
    if (fallback) list.push(face(`fallback-${weight}`, fallback[weight]));
    return [zeroFace(weight), ...list];
  };
  return { regular: faces('regular'), bold: faces('bold') };
}

let defaultFonts: ReceiptFonts | undefined;

/** The default fonts, read once per process (about 0.9 MB with DejaVu). */
export function defaultReceiptFonts(): ReceiptFonts {
  defaultFonts ??= loadReceiptFonts();
  return defaultFonts;
}
