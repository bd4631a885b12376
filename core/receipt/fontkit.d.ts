// The few fontkit calls the receipt makes (fontkit is pdfkit's own font engine and ships no types).
declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    familyName: string;
    characterSet: number[];
    glyphForCodePoint(codePoint: number): Glyph;
  }
  export interface Glyph {
    path: { commands: { command: string }[] };
  }
  export function create(buffer: Buffer, postscriptName?: string): Font;
}
