/** Quiet zone the QR standard asks for, in modules. */
const QUIET = 4;

/** A QR code from the core's module rows ("0101…"), as crisp SVG squares. */
export function QrCode({ rows, label }: { rows: string[]; label: string }) {
  const size = rows.length + QUIET * 2;
  const path = rows
    .flatMap((row, y) => [...row].map((bit, x) => (bit === '1' ? `M${x + QUIET} ${y + QUIET}h1v1h-1z` : '')))
    .join('');
  return (
    <svg
      className="handover-qr"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
