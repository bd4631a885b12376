import type { ReactElement } from 'react';
import type { ServiceCategory } from '../../contract';

/** A line icon per life situation, decorative only (the tile's text names it); drawn like ServiceIcon's. */
const PATHS: Record<ServiceCategory, ReactElement> = {
  // A house with an arrow going in.
  umzug: (
    <>
      <path d="M10 28 30 10l20 18" />
      <path d="M16 24v26h28V24" />
      <path d="M4 40h18M16 34l6 6-6 6" />
    </>
  ),
  // An identity card: photo and lines.
  ausweis: (
    <>
      <rect x="6" y="14" width="48" height="32" rx="4" />
      <circle cx="20" cy="27" r="5" />
      <path d="M12 40c2-4 5-6 8-6s6 2 8 6M34 24h14M34 32h14M34 40h8" />
    </>
  ),
  // A ballot going into a box.
  wahlen: (
    <>
      <path d="M8 30h44v22H8z" />
      <path d="M20 30V8h20v22M24 18l4 4 8-8M22 40h16" />
    </>
  ),
  // A paw.
  tiere: (
    <>
      <path d="M30 32c-8 0-14 8-14 14 0 4 4 6 8 5s8-1 12 0 8-1 8-5c0-6-6-14-14-14z" />
      <circle cx="14" cy="26" r="4" />
      <circle cx="22" cy="15" r="4" />
      <circle cx="38" cy="15" r="4" />
      <circle cx="46" cy="26" r="4" />
    </>
  ),
  // A car from the side.
  auto: (
    <>
      <path d="M6 40V30l6-12h30l8 12h4v10z" />
      <path d="M14 30h34" />
      <circle cx="17" cy="42" r="5" />
      <circle cx="43" cy="42" r="5" />
    </>
  ),
  // A waste bin.
  abfall: (
    <>
      <path d="M10 16h40M24 16v-6h12v6" />
      <path d="M14 16l3 36h26l3-36" />
      <path d="M25 24v20M35 24v20" />
    </>
  ),
  // An open book.
  bibliothek: (
    <>
      <path d="M30 16c-6-4-14-5-22-4v34c8-1 16 0 22 4 6-4 14-5 22-4V12c-8-1-16 0-22 4z" />
      <path d="M30 16v34" />
    </>
  ),
  // A speech bubble.
  sonstiges: (
    <>
      <path d="M8 12h44v28H26l-12 10V40H8z" />
      <path d="M20 26h2M29 26h2M38 26h2" />
    </>
  ),
};

export function CategoryIcon({ category }: { category: ServiceCategory }) {
  return (
    <svg
      className="service-icon"
      viewBox="0 0 60 60"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="3.5"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {PATHS[category]}
    </svg>
  );
}
