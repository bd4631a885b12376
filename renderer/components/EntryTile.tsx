import type { ReactNode } from 'react';
import { Button } from 'react-aria-components';

/**
 * A start-screen tile set apart from the services (offices, moving a booking, a waiting number): one frame,
 * so the three look and behave alike. `icon` is the drawing's paths, on a 60 × 60 grid.
 */
export function EntryTile(props: {
  testId: string;
  title: string;
  hint: string;
  icon: ReactNode;
  onPress: () => void;
}) {
  return (
    <Button className="tile tile--offices" onPress={props.onPress} data-testid={props.testId}>
      <svg
        className="service-icon"
        viewBox="0 0 60 60"
        aria-hidden="true"
        focusable="false"
        fill="none"
        stroke="currentColor"
        strokeWidth="3"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {props.icon}
      </svg>
      <span className="tile__text">
        <span className="tile__title">{props.title}</span>
        <span className="tile__summary">{props.hint}</span>
      </span>
      <span className="tile__arrow" aria-hidden="true" />
    </Button>
  );
}
