import { useEffect, useState, type FormEvent } from 'react';
import { Button, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { failureOf } from '../api/client';
import type { KioskBookingView } from '../api/protocol';
import { useConsole } from '../app/context';
import { Notice } from '../components/Notice';
import { ScreenHeading } from '../components/ScreenHeading';
import { serviceTitle } from '../lib/catalog';
import { dateTime } from '../lib/format';

const CODE_PATTERN = /^\d{1,10}-[A-Za-z0-9]{1,64}$/;

function timeOf(language: string, iso: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'de-DE', { timeStyle: 'short' }).format(new Date(iso));
}

/** Times booked at the kiosks: today's by office and time, and one by the code on the resident's receipt. */
export function BookingsScreen() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const [today, setToday] = useState<KioskBookingView[] | null>(null);
  const [error, setError] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [found, setFound] = useState<KioskBookingView | null>(null);

  useEffect(() => {
    let live = true;
    api
      .call('GET /bookings')
      .then((bookings) => {
        if (!live) return;
        setToday(bookings);
        setError(false);
      })
      .catch(() => live && setError(true));
    return () => {
      live = false;
    };
  }, [api, generation]);

  const find = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = code.trim();
    setFound(null);
    if (!CODE_PATTERN.test(wanted)) {
      setCodeError(t('bookings.error.format'));
      return;
    }
    try {
      setFound(await api.call('POST /bookings/find', { code: wanted }));
      setCodeError(null);
    } catch (failure) {
      const kind = failureOf(failure).kind;
      setCodeError(
        t(
          kind === 'not_found'
            ? 'bookings.error.notFound'
            : kind === 'rate_limited'
              ? 'bookings.error.tooMany'
              : 'error.generic',
        ),
      );
    }
  };

  const offices = [...new Set((today ?? []).map((booking) => booking.officeName))];
  return (
    <>
      <ScreenHeading>{t('bookings.title')}</ScreenHeading>
      <p>{t('bookings.intro')}</p>
      <form className="form" onSubmit={(event) => void find(event)} noValidate>
        <TextField className="field" value={code} onChange={setCode} isInvalid={codeError !== null} autoComplete="off">
          <Label className="field-label">{t('bookings.code')}</Label>
          <Input className="input input--code" spellCheck={false} />
          <Text className="hint" slot="description">
            {t('bookings.codeHint')}
          </Text>
        </TextField>
        <Button type="submit" className="button button--primary">
          {t('bookings.find')}
        </Button>
      </form>
      {codeError && <Notice tone="error">{codeError}</Notice>}
      {found && (
        <section className="panel" aria-labelledby="found-booking" data-testid="found-booking">
          <h2 id="found-booking">{t('bookings.foundTitle', { code: found.code })}</h2>
          <dl className="answers">
            <div className="answers-row">
              <dt>{t('bookings.col.name')}</dt>
              <dd>{found.familyName}</dd>
            </div>
            <div className="answers-row">
              <dt>{t('bookings.col.service')}</dt>
              <dd>{serviceTitle(found.serviceId)}</dd>
            </div>
            <div className="answers-row">
              <dt>{t('bookings.col.when')}</dt>
              <dd>{dateTime(i18n.language, found.startsAt)}</dd>
            </div>
            <div className="answers-row">
              <dt>{t('bookings.col.office')}</dt>
              <dd>{found.officeName}</dd>
            </div>
            {found.cancelled && (
              <div className="answers-row">
                <dt>{t('bookings.col.state')}</dt>
                <dd>{t('bookings.cancelled')}</dd>
              </div>
            )}
          </dl>
        </section>
      )}

      <h2>{t('bookings.todayTitle')}</h2>
      <div className="button-row">
        <Button className="button button--secondary" onPress={() => setGeneration((value) => value + 1)}>
          {t('bookings.refresh')}
        </Button>
      </div>
      {error && <Notice tone="error">{t('error.generic')}</Notice>}
      {today === null && !error && <p role="status">{t('app.loading')}</p>}
      {today?.length === 0 && <p className="empty">{t('bookings.empty')}</p>}
      {offices.map((office) => (
        <section key={office} aria-labelledby={`office-${office}`}>
          <h3 id={`office-${office}`}>{office}</h3>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('bookings.caption', { office })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bookings.col.time')}</th>
                  <th scope="col">{t('bookings.col.name')}</th>
                  <th scope="col">{t('bookings.col.service')}</th>
                  <th scope="col">{t('bookings.col.code')}</th>
                  <th scope="col">{t('bookings.col.terminal')}</th>
                </tr>
              </thead>
              <tbody>
                {(today ?? [])
                  .filter((booking) => booking.officeName === office)
                  .map((booking) => (
                    <tr key={booking.code}>
                      <td className="nowrap">{timeOf(i18n.language, booking.startsAt)}</td>
                      <td>
                        {booking.familyName}
                        {booking.cancelled && (
                          <>
                            {' '}
                            <span className="status status--revoked">{t('bookings.cancelled')}</span>
                          </>
                        )}
                      </td>
                      <td>{serviceTitle(booking.serviceId)}</td>
                      <td className="mono">{booking.code}</td>
                      <td>{booking.terminalName}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
