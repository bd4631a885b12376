/** The square box of a checkbox with its tick (shown by CSS when selected). */
export function CheckMark() {
  return (
    <span className="choice__control" aria-hidden="true">
      <svg viewBox="0 0 24 24" className="choice__tick" focusable="false">
        <path d="M4 12.5l5 5 11-11" />
      </svg>
    </span>
  );
}
