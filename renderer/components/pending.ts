/**
 * A button's pending state without react-aria's `isPending`: that one announces the change through a
 * live region as a `div[role="img"]` labelled by the button's id, which stays for seconds after the
 * next page has replaced the button and is then an image without a name (axe role-img-alt; issue 14,
 * item 16). The kiosk speaks for itself, so the button only says it is busy and ignores presses.
 * Not `isDisabled` either: a disabled button would drop the keyboard focus. `data-busy`, since react-aria
 * sets its own `data-pending` last.
 */
export function pendingProps(isPending: boolean | undefined): { 'aria-disabled'?: true; 'data-busy'?: true } {
  return isPending ? { 'aria-disabled': true, 'data-busy': true } : {};
}
