import { VisuallyHidden } from './VisuallyHidden';

/**
 * The reference, large and spaced for reading, and read out character by
 * character ("K 7 M R, 4 Q X P, 9") so a screen reader does not try to say it as a word.
 */
export function ReferenceNumber({ reference }: { reference: string }) {
  const spoken = reference
    .split('-')
    .map((group) => group.split('').join(' '))
    .join(', ');
  return (
    <span className="reference">
      <span className="reference__visible" aria-hidden="true">
        {reference}
      </span>
      <VisuallyHidden>{spoken}</VisuallyHidden>
    </span>
  );
}
