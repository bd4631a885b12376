import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useAssist } from './context';
import { useCanHandOver } from './HelpDialogSpeech';
import { formatSince } from './format-since';

/**
 * The staff part of the "Hilfe" dialog: call someone, see that help is on
 * the way and who comes, cancel; continue at the desk; or, with no hub, the
 * way to the desk, with its step-free entrance.
 */
export function StaffHelp({ accessText, onDone }: { accessText?: string; onDone: () => void }) {
  const { t } = useTranslation();
  const assist = useAssist();
  const { help } = assist;
  const [handover, setHandover] = useState<'idle' | 'busy' | 'failed'>('idle');
  const canHandOver = useCanHandOver();

  const desk = (
    <>
      {/* No hub at all: as before, staff are at the desk. A hub out of reach: say so, and where to go. */}
      <p className="dialog-text dialog-text--staff">{t(help.hub === 'none' ? 'help.staff' : 'assist.unavailable')}</p>
      {accessText && <p className="dialog-text">{accessText}</p>}
    </>
  );

  if (help.status === 'unavailable') return desk;

  const open = help.status !== 'idle';

  return (
    <div className="staff-help">
      {!open && (
        <Button
          className="button button--primary button--wide"
          // The dialog closes first: the banner then says (and speaks) that help is coming, and the page stays
          // in view for staff's ring. Closed after the call, the dialog's end would cut the banner's speech.
          onPress={() => {
            onDone();
            void assist.request('button');
          }}
        >
          {t('assist.call')}
        </Button>
      )}
      {open && (
        <div className="staff-help__status" role="status">
          <p className="dialog-text dialog-text--large">
            {help.staffName && help.status !== 'waiting'
              ? t('assist.accepted', { name: help.staffName })
              : t('assist.waitingTitle')}
          </p>
          {help.since && (
            <p className="dialog-text">{t('assist.waitingSince', { time: formatSince(help.since, t) })}</p>
          )}
          {help.hub !== 'online' && <p className="dialog-text">{t('assist.offline')}</p>}
        </div>
      )}
      {open && (
        <Button className="button button--secondary" onPress={() => void assist.cancel()}>
          {t('helpBanner.endHelp')}
        </Button>
      )}
      {canHandOver && (
        <section className="staff-help__handover" aria-labelledby="handover-heading">
          <h3 className="section-heading" id="handover-heading">
            {t('assist.handover.heading')}
          </h3>
          <p className="dialog-text">{t('assist.handover.hint')}</p>
          {handover === 'failed' && (
            <p className="dialog-text" role="alert">
              {t('assist.handover.failed')}
            </p>
          )}
          <Button
            className="button button--secondary"
            // Not isPending: its announcement would point at this button after the dialog closed.
            isDisabled={handover === 'busy'}
            onPress={() => {
              setHandover('busy');
              void assist.handover().then((stored) => {
                if (stored) onDone();
                else setHandover('failed');
              });
            }}
          >
            {t('assist.handover.button')}
          </Button>
        </section>
      )}
    </div>
  );
}
