import type { TFunction } from 'i18next';
import type { Office, PreparedVisit, ServiceDefinition } from '../../contract';
import type { selectParts } from '../../contract/journey';
import { serviceNamespace } from '../../contract/namespaces';
import { officeUtterances } from '../offices/office-script';
import { feeUtterances, say, type Utterance } from '../speech/scripts';
import { spokenReference, spokenText } from '../speech/spoken-text';

/**
 * The prepared-visit page: in person only, the desk's code letter by letter (twice, as on the handover
 * screen) or that nothing was kept, what to bring, the fee, the office, what happens next.
 */
export function visitScript(
  t: TFunction,
  service: ServiceDefinition,
  visit: PreparedVisit,
  applies: ReturnType<typeof selectParts>,
  times: string[],
  /** The service's office (resources/offices/). */
  office?: Office,
): Utterance[] {
  const ns = serviceNamespace(service.id);
  const svc = (key: string) => spokenText(t, key, { ns });
  const out: Utterance[] = [say(spokenText(t, 'visit.title')), say(spokenText(t, 'visit.lead'))];
  if (visit.ticket.stored) {
    const code = spokenText(t, 'assist.handover.spokenCode', { code: spokenReference(visit.ticket.code) });
    out.push(say(spokenText(t, 'visit.codeHeading')), say(spokenText(t, 'visit.codeText')));
    out.push(say(code), say(code), ...times.map((line) => say(line)));
  } else {
    out.push(say(spokenText(t, 'visit.noCode')));
  }
  out.push(say(spokenText(t, 'visit.bringHeading')));
  if (applies.documentKeys.length > 0) out.push(...applies.documentKeys.map((key) => say(svc(key))));
  else out.push(say(spokenText(t, 'visit.nothingToBring')));
  out.push(say(spokenText(t, 'visit.feesHeading')), ...feeUtterances(t, ns, applies.fees, true));
  if (office) out.push(...officeUtterances(t, office));
  if (applies.nextStepKeys.length > 0) {
    out.push(say(spokenText(t, 'visit.nextHeading')), ...applies.nextStepKeys.map((key) => say(svc(key))));
  }
  out.push(say(spokenText(t, 'visit.deleted')));
  return out;
}
