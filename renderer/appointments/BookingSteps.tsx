import { useState } from 'react';
import { Button, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { BOOKING_NAME_MAX, BOOKING_PHONE_MAX } from '../../contract/booking';
import type { BookedTime, BookingFreeTime, FieldError, Office } from '../../contract';
import { FieldMessages } from '../fields/FieldMessages';
import { Notice } from '../components/Notice';
import { PrimaryButton } from '../components/PrimaryButton';
import { OfficeFacts } from '../components/OfficeDetails';
import { officeText } from '../offices/office-text';
import { spokenReference } from '../speech/spoken-text';
import { bookingDate, bookingDay, bookingLocalDate, bookingTime, dayPart } from './booking-format';

/** The steps of BookingFlow: each the middle of the page under its heading. */

export function DaysScreen({
  days,
  busy,
  onChoose,
  office,
}: {
  days: { date: string; freeTimes: number }[];
  busy: boolean;
  onChoose: (date: string) => void;
  office: Office | undefined;
}) {
  const { t } = useTranslation();
  if (days.length === 0) {
    return (
      <>
        <Notice text={t('booking.noDays')} />
        {office && <OfficeFacts office={office} />}
      </>
    );
  }
  return (
    <>
      <p className="lead">{t('booking.daysLead')}</p>
      <ul className="booking-days">
        {days.map((day) => (
          <li key={day.date}>
            <Button
              className="button button--secondary booking-day"
              isDisabled={busy}
              onPress={() => onChoose(day.date)}
              data-booking-day={day.date}
            >
              <span>{bookingDay(t, day.date)}</span>
              <span className="booking-day__free">{t('booking.dayFree', { count: day.freeTimes })}</span>
            </Button>
          </li>
        ))}
      </ul>
    </>
  );
}

export function TimesScreen({
  date,
  times,
  notice,
  busy,
  onChoose,
}: {
  date: string;
  times: BookingFreeTime[];
  notice: 'taken' | 'expired' | undefined;
  busy: boolean;
  onChoose: (time: BookingFreeTime) => void;
}) {
  const { t } = useTranslation();
  // After "taken" the next free times may run into the next days: each group then names its day.
  const groups: { key: string; heading: string; times: BookingFreeTime[] }[] = [];
  for (const time of times) {
    const day = bookingLocalDate(time.timestamp);
    const part = dayPart(time.timestamp);
    const key = `${day}-${part}`;
    let group = groups.find((candidate) => candidate.key === key);
    if (!group) {
      const partName = t(`booking.${part}`);
      group = { key, heading: notice === 'taken' ? `${bookingDay(t, day)}, ${partName}` : partName, times: [] };
      groups.push(group);
    }
    group.times.push(time);
  }
  return (
    <>
      {notice && <Notice tone="problem" text={t(notice === 'taken' ? 'booking.taken' : 'booking.expired')} />}
      <p className="lead">{notice === 'taken' ? t('booking.nextTimes') : bookingDay(t, date)}</p>
      {times.length === 0 && <p>{t('booking.noTimes')}</p>}
      {groups.map((group) => (
        <section key={group.key} aria-labelledby={`booking-${group.key}`}>
          <h2 className="section-heading" id={`booking-${group.key}`}>
            {group.heading}
          </h2>
          <ul className="booking-times">
            {group.times.map((time) => (
              <li key={`${time.officeId}-${time.timestamp}`}>
                <Button
                  className="button button--secondary booking-time"
                  isDisabled={busy}
                  onPress={() => onChoose(time)}
                  data-booking-time={time.timestamp}
                  aria-label={t('booking.timeAt', { time: bookingTime(t, time.timestamp) })}
                >
                  {bookingTime(t, time.timestamp)}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function errorText(t: ReturnType<typeof useTranslation>['t'], errors: FieldError[], field: string) {
  const error = errors.find((candidate) => candidate.field === field);
  return error ? t(`errors.field.${error.code}`, error.params ?? {}) : undefined;
}

export function NameScreen({
  held,
  errors,
  busy,
  onActivity,
  onConfirm,
}: {
  held: BookingFreeTime;
  errors: FieldError[];
  busy: boolean;
  onActivity: () => void;
  onConfirm: (familyName: string, telephone: string) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const nameError = errorText(t, errors, 'familyName');
  const phoneError = errorText(t, errors, 'telephone');
  return (
    <form
      id="booking-name"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onConfirm(name, phone);
      }}
    >
      <p className="lead">
        {t('booking.nameLead', { date: bookingDate(t, held.timestamp), time: bookingTime(t, held.timestamp) })}
      </p>
      <TextField
        className={`form-group${nameError ? ' form-group--error' : ''}`}
        value={name}
        onChange={(value) => {
          setName(value);
          onActivity();
        }}
        isInvalid={Boolean(nameError)}
        validationBehavior="aria"
        autoComplete="off"
        maxLength={BOOKING_NAME_MAX}
        name="familyName"
      >
        <Label className="label">{t('booking.nameLabel')}</Label>
        <FieldMessages hint={t('booking.nameHint')} error={nameError} />
        <Input id="booking-family-name" className="input" spellCheck={false} autoCorrect="off" />
      </TextField>
      <TextField
        className={`form-group${phoneError ? ' form-group--error' : ''}`}
        value={phone}
        onChange={(value) => {
          setPhone(value);
          onActivity();
        }}
        isInvalid={Boolean(phoneError)}
        validationBehavior="aria"
        type="tel"
        inputMode="tel"
        autoComplete="off"
        maxLength={BOOKING_PHONE_MAX}
        name="telephone"
      >
        <Label className="label">
          {t('booking.phoneLabel')} <span className="label__optional">{t('field.optional')}</span>
        </Label>
        <FieldMessages hint={t('booking.phoneHint')} error={phoneError} />
        <Input id="booking-telephone" className="input input--width-20" dir="ltr" spellCheck={false} />
      </TextField>
      <PrimaryButton type="submit" isPending={busy}>
        {t('booking.book')}
      </PrimaryButton>
    </form>
  );
}

export function BookedScreen({
  booking,
  office,
  onDone,
}: {
  booking: BookedTime;
  office: Office | undefined;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <BookedFacts booking={booking} office={office} />
      <p>{t('booking.doneText')}</p>
      <PrimaryButton onPress={onDone}>{t('booking.backToVisit')}</PrimaryButton>
    </>
  );
}

/** The booked time: date, time, office, entrance and the code (also on the visit page). */
export function BookedFacts({ booking, office }: { booking: BookedTime; office: Office | undefined }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [t('booking.dateLabel'), bookingDate(t, booking.timestamp)],
    [t('booking.timeLabel'), t('booking.timeAt', { time: bookingTime(t, booking.timestamp) })],
  ];
  if (office) {
    rows.push([t('booking.officeLabel'), officeText(t, office, 'name')]);
    rows.push([t('booking.entranceLabel'), officeText(t, office, 'access')]);
  }
  return (
    <div className="booking-booked">
      <dl className="summary-list summary-list--plain">
        {rows.map(([key, value]) => (
          <div className="summary-list__row" key={key}>
            <dt className="summary-list__key">{key}</dt>
            <dd className="summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="label">{t('booking.codeLabel')}</p>
      <p className="booking-code" aria-label={`${t('booking.codeLabel')}: ${spokenReference(booking.code)}`}>
        <bdi dir="ltr">{booking.code}</bdi>
      </p>
    </div>
  );
}

export function UnavailableScreen({ office, onDone }: { office: Office | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Notice tone="problem" text={t('booking.unavailable')} />
      {office && <OfficeFacts office={office} />}
      <PrimaryButton onPress={onDone}>{t('booking.backToVisit')}</PrimaryButton>
    </>
  );
}
