import type { ReactElement } from 'react';

/** Simple line icons, decorative only (the tile's text names the service). */
const PATHS: Record<string, ReactElement> = {
  document: (
    <>
      <path d="M14 6h22l10 10v34a2 2 0 0 1-2 2H14a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2z" />
      <path d="M36 6v10h10M19 26h20M19 34h20M19 42h12" />
    </>
  ),
  sofa: (
    <>
      <path d="M12 30v-8a6 6 0 0 1 6-6h24a6 6 0 0 1 6 6v8" />
      <path d="M8 30a4 4 0 0 1 8 0v4h28v-4a4 4 0 0 1 8 0v12H8z" />
      <path d="M12 42v6M48 42v6" />
    </>
  ),
  warning: (
    <>
      <path d="M30 8 54 50H6z" />
      <path d="M30 24v12M30 42v2" />
    </>
  ),
  generic: (
    <>
      <rect x="10" y="10" width="40" height="40" rx="6" />
      <path d="M20 30h20M30 20v20" />
    </>
  ),
};

export function ServiceIcon({ name }: { name: string }) {
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
      {PATHS[name] ?? PATHS.generic}
    </svg>
  );
}
