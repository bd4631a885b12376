import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';

/**
 * Help every resident needs, next to the question (GOV.UK details): a short summary that opens
 * the explanation in place. Not behind "Hilfe", which people take to mean calling a person.
 */
export function QuestionDetails({ summary, text }: { summary: string; text: string }) {
  return (
    <Disclosure className="details">
      <Heading level={2} className="details__heading">
        <Button slot="trigger" className="details__summary">
          <span className="details__chevron" aria-hidden="true" />
          {summary}
        </Button>
      </Heading>
      <DisclosurePanel className="details__text">
        <p>{text}</p>
      </DisclosurePanel>
    </Disclosure>
  );
}
