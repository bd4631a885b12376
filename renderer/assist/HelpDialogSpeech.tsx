import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/context';
import { useSpeech } from '../speech/context';
import { useDialogSpeech } from '../speech/useDialogSpeech';
import { helpDialogScript, helpStatusScript, staffHelpPart, type HelpDialogSpeechInput } from './assist-scripts';
import { useAssist } from './context';
import { formatSince } from './format-since';

/** Whether "Am Schalter weitermachen" is offered: a hub to take the draft, and a draft not yet sent. */
export function useCanHandOver(): boolean {
  const { state } = useKiosk();
  const { help } = useAssist();
  return help.hub === 'online' && state.view !== null && state.view.position.kind !== 'confirmation';
}

/**
 * The "Hilfe" dialog's speech, mounted only while it is open: the whole dialog on opening (and on
 * "Vorlesen"); later only what changed in the call for staff (waiting, or the hub lost). "… kommt zu
 * Ihnen" is not said here: AssistBanner says it wherever the resident is.
 */
export function HelpDialogSpeech({ helpText, accessText }: { helpText: string; accessText?: string | undefined }) {
  const { t } = useTranslation();
  const speech = useSpeech();
  const { help } = useAssist();
  const canHandOver = useCanHandOver();
  const input: HelpDialogSpeechInput = {
    helpText,
    help,
    canHandOver,
    ...(accessText ? { accessText } : {}),
    ...(help.since ? { since: formatSince(help.since, t) } : {}),
  };
  useDialogSpeech('help', helpDialogScript(t, input));

  const part = staffHelpPart(help);
  const previous = useRef(part);
  useEffect(() => {
    const before = previous.current;
    previous.current = part;
    if (part !== before && part !== 'call') speech.speak(helpStatusScript(t, input));
    // Only a change of the part speaks; the texts themselves are read when it does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [part, speech]);
  return null;
}
