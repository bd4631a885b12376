import type { PageFormat, TextStyle } from './page-formats';
import type { QrMatrix } from './qr';

/**
 * A node of the PDF's logical structure (tagged PDF): what a screen reader or
 * a reflowing viewer sees. Items point at the node whose content they are.
 */
export interface StructNode {
  tag: 'Document' | 'Sect' | 'H1' | 'H2' | 'P' | 'L' | 'LI' | 'Lbl' | 'LBody' | 'Figure';
  alt?: string;
  parent: StructNode | null;
}

/** Everything drawn, positioned in points from the page's top-left corner. */
export type LaidItem =
  | { kind: 'text'; page: number; x: number; baseline: number; text: string; style: TextStyle; struct: StructNode }
  | { kind: 'qr'; page: number; x: number; y: number; size: number; matrix: QrMatrix; struct: StructNode }
  /** Decoration only (tagged as an artifact). */
  | { kind: 'frame'; page: number; x: number; y: number; width: number; height: number; lineWidth: number }
  | { kind: 'rule'; page: number; x: number; y: number; width: number; lineWidth: number }
  /** "Continued on the next page" and the like, in the margins (tagged as a pagination artifact). */
  | { kind: 'pagination'; page: number; x: number; baseline: number; text: string; style: TextStyle };

export interface LaidOutReceipt {
  format: PageFormat;
  /** The format's height, or for the receipt roll the content's height plus margins. */
  pageHeight: number;
  pageCount: number;
  items: LaidItem[];
  structRoot: StructNode;
}

/** Width of a line of text in a style, in points. */
export type Measure = (text: string, style: TextStyle) => number;
