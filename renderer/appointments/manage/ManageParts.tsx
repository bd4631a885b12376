import { useState, type ReactNode } from 'react';
import { Button, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { ManagedBooking, Office } from '../../../contract';
import { BOOKING_CODE_INPUT_MAX } from '../../../contract/manage-booking';
import { Notice } from '../../components/Notice';
import { PrimaryButton } from '../../components/PrimaryButton';
import { FieldMessages } from '../../fields/FieldMessages';
import { BookedFacts } from '../BookingSteps';
import type { CodeProblem } from './manage-steps';

/** The parts of "Termin verschieben oder absagen" under each page's heading. */

export function CodeForm({
  problem,
  busy,
  onActivity,
  onFind,
  scanned,
  camera,
}: {
  problem: CodeProblem | undefined;
  busy: boolean;
  onActivity: () => void;
  onFind: (code: string) => void;
  /** A code read from a QR code: put in the field as if typed. */
  scanned?: string | undefined;
  /** The camera's button or preview, under the form (absent without a camera). */
  camera?: ReactNode;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  // A newly read code replaces what is in the field, as if typed (React's "adjust state on a prop change").
  const [lastScanned, setLastScanned] = useState(scanned);
  if (scanned !== lastScanned) {
    setLastScanned(scanned);
    if (scanned) setCode(scanned);
  }
  // A code that cannot be one is the field's error; the others are about the booking, said above the form.
  const fieldError = problem === 'malformed' ? t('manageBooking.malformed') : undefined;
  return (
    <form
      id="manage-code"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onFind(code);
      }}
    >
      {problem && problem !== 'malformed' && <Notice tone="problem" text={t(`manageBooking.${problem}`)} />}
      <p className="lead">{t('manageBooking.codeLead')}</p>
      <TextField
        className={`form-group${fieldError ? ' form-group--error' : ''}`}
        value={code}
        onChange={(value) => {
          setCode(value);
          onActivity();
        }}
        isInvalid={Boolean(fieldError)}
        validationBehavior="aria"
        autoComplete="off"
        maxLength={BOOKING_CODE_INPUT_MAX}
        name="bookingCode"
      >
        <Label className="label">{t('manageBooking.codeLabel')}</Label>
        <FieldMessages hint={t('manageBooking.codeHint')} error={fieldError} />
        <Input
          id="manage-booking-code"
          className="input input--width-20 booking-code-input"
          dir="ltr"
          data-pad="booking-code"
          autoCapitalize="none"
          spellCheck={false}
          autoCorrect="off"
        />
      </TextField>
      <PrimaryButton type="submit" isPending={busy}>
        {t('manageBooking.find')}
      </PrimaryButton>
      {camera}
    </form>
  );
}

export function FoundBooking({
  booking,
  office,
  service,
  busy,
  onMove,
  onCancel,
}: {
  booking: ManagedBooking;
  office: Office | undefined;
  service: string | undefined;
  busy: boolean;
  onMove: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {service && (
        <p className="lead">
          {t('manageBooking.serviceLabel')}: {service}
        </p>
      )}
      <BookedFacts booking={booking} office={office} />
      <p>{t(booking.serviceId ? 'manageBooking.foundLead' : 'manageBooking.onlyCancel')}</p>
      <div className="button-group">
        {booking.serviceId && (
          <Button className="button button--primary" isDisabled={busy} onPress={onMove} data-testid="manage-move">
            {t('manageBooking.move')}
          </Button>
        )}
        <Button className="button button--warning" isDisabled={busy} onPress={onCancel} data-testid="manage-cancel">
          {t('manageBooking.cancel')}
        </Button>
      </div>
    </>
  );
}

export function ConfirmCancel({ busy, onYes, onNo }: { busy: boolean; onYes: () => void; onNo: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="lead">{t('manageBooking.confirmText')}</p>
      <div className="button-group">
        <Button className="button button--warning" isDisabled={busy} onPress={onYes} data-testid="manage-cancel-yes">
          {t('manageBooking.confirmYes')}
        </Button>
        <Button className="button button--secondary" isDisabled={busy} onPress={onNo}>
          {t('manageBooking.confirmNo')}
        </Button>
      </div>
    </>
  );
}

export function DoneButton({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  return <PrimaryButton onPress={onDone}>{t('manageBooking.done')}</PrimaryButton>;
}
