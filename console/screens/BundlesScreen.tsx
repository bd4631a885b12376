import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { bundleVersionOf } from '../../contract/hub/bundle-version';
import { failureOf } from '../api/client';
import type { BundleProblem, BundleSummary } from '../api/protocol';
import { useConsole } from '../app/context';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Notice } from '../components/Notice';
import { ScreenHeading } from '../components/ScreenHeading';
import { dateTime } from '../lib/format';
import { readPickedFolder } from '../lib/read-folder';

type Outcome =
  | { kind: 'published'; version: number }
  | { kind: 'rolledBack'; version: number; from: number }
  | { kind: 'refused'; problems: BundleProblem[] }
  | { kind: 'error' };

/**
 * Admins (issue 20): publish the terminals' services as a bundle (a folder of service folders, picked in the
 * browser), see the active bundle and the previous ones, roll back, and which bundle each terminal runs.
 */
export function BundlesScreen() {
  const { t, i18n } = useTranslation();
  const { api, terminals } = useConsole();
  const inputId = useId();
  const hintId = useId();
  const folderInput = useRef<HTMLInputElement>(null);
  const [bundles, setBundles] = useState<BundleSummary[] | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [picked, setPicked] = useState<FileList | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [confirming, setConfirming] = useState(false);

  const load = useCallback(() => {
    api
      .call('GET /bundles')
      .then((list) => {
        setBundles(list);
        setLoadFailed(false);
      })
      .catch(() => setLoadFailed(true));
  }, [api]);
  useEffect(load, [load]);

  const upload = async () => {
    if (!picked || picked.length === 0) return;
    setBusy(true);
    setOutcome(null);
    try {
      const files = await readPickedFolder(picked);
      const published = await api.call('POST /bundles', { files });
      setOutcome({ kind: 'published', version: published.version });
      load();
    } catch (error) {
      const failure = failureOf(error);
      setOutcome(
        failure.kind === 'invalid' && failure.problems?.length
          ? { kind: 'refused', problems: failure.problems }
          : { kind: 'error' },
      );
    } finally {
      setBusy(false);
    }
  };

  const rollback = async () => {
    setOutcome(null);
    try {
      const published = await api.call('POST /bundles/rollback', {});
      setOutcome({ kind: 'rolledBack', version: published.version, from: published.rolledBackFrom ?? 0 });
      load();
    } catch {
      setOutcome({ kind: 'error' });
    }
  };

  const active = bundles?.find((bundle) => bundle.active);
  const previous = bundles?.find((bundle) => !bundle.active);
  const pickedCount = picked ? Array.from(picked).filter((file) => !file.name.startsWith('.')).length : 0;

  return (
    <>
      <ScreenHeading>{t('bundles.title')}</ScreenHeading>
      <p>{t('bundles.intro')}</p>
      {loadFailed && <Notice tone="error">{t('error.generic')}</Notice>}
      {outcome?.kind === 'published' && (
        <Notice tone="success">{t('bundles.published', { version: outcome.version })}</Notice>
      )}
      {outcome?.kind === 'rolledBack' && (
        <Notice tone="success">{t('bundles.rolledBack', { version: outcome.version, from: outcome.from })}</Notice>
      )}
      {outcome?.kind === 'error' && <Notice tone="error">{t('error.generic')}</Notice>}
      {outcome?.kind === 'refused' && (
        <Notice tone="error">
          <p>{t('bundles.refused')}</p>
          <ul className="problem-list">
            {outcome.problems.map((problem, index) => (
              <li key={index}>
                <span className="mono">
                  {problem.file || t('bundles.wholeBundle')}
                  {problem.path ? ` ${problem.path}` : ''}
                </span>
                : {problem.message}
              </li>
            ))}
          </ul>
        </Notice>
      )}

      <section aria-labelledby={`${inputId}-heading`}>
        <h2 id={`${inputId}-heading`}>{t('bundles.upload.heading')}</h2>
        <p id={hintId}>{t('bundles.upload.hint')}</p>
        {/* The browser's own file button says "Choose Files" in the browser's language, beside a German page:
            the input stays hidden and a button of the console's opens its folder picker. */}
        <input
          ref={folderInput}
          id={inputId}
          type="file"
          multiple
          hidden
          // The folder picker: every file of the picked folder, with its path inside it.
          {...{ webkitdirectory: '' }}
          onChange={(event) => {
            setPicked(event.currentTarget.files);
            setOutcome(null);
          }}
        />
        <div className="button-row">
          <Button
            className="button button--secondary"
            aria-describedby={hintId}
            isDisabled={busy}
            onPress={() => folderInput.current?.click()}
          >
            {t('bundles.upload.choose')}
          </Button>
        </div>
        {pickedCount > 0 && <p role="status">{t('bundles.upload.picked', { count: pickedCount })}</p>}
        <div className="button-row">
          <Button className="button" isDisabled={pickedCount === 0 || busy} onPress={() => void upload()}>
            {busy ? t('bundles.upload.busy') : t('bundles.upload.submit')}
          </Button>
        </div>
      </section>

      <section aria-labelledby={`${inputId}-list`}>
        <h2 id={`${inputId}-list`}>{t('bundles.list.heading')}</h2>
        {bundles === null && !loadFailed && <p role="status">{t('app.loading')}</p>}
        {bundles?.length === 0 && <p className="empty">{t('bundles.list.empty')}</p>}
        {bundles && bundles.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('bundles.list.heading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bundles.col.version')}</th>
                  <th scope="col">{t('bundles.col.createdAt')}</th>
                  <th scope="col">{t('bundles.col.services')}</th>
                  <th scope="col">{t('bundles.col.state')}</th>
                </tr>
              </thead>
              <tbody>
                {bundles.map((bundle) => (
                  <tr key={bundle.version}>
                    <td>{bundle.version}</td>
                    <td className="nowrap">{dateTime(i18n.language, bundle.createdAt)}</td>
                    <td>{bundle.services.join(', ')}</td>
                    <td>
                      {bundle.active ? (
                        <span className="status status--online">{t('bundles.state.active')}</span>
                      ) : (
                        t('bundles.state.previous')
                      )}
                      {bundle.rolledBackFrom !== null && (
                        <> {t('bundles.state.rollbackOf', { version: bundle.rolledBackFrom })}</>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {active && previous && (
          <div className="button-row">
            <Button className="button button--secondary" onPress={() => setConfirming(true)}>
              {t('bundles.rollback.button', { version: previous.version })}
            </Button>
          </div>
        )}
      </section>

      <section aria-labelledby={`${inputId}-terminals`}>
        <h2 id={`${inputId}-terminals`}>{t('bundles.terminals.heading')}</h2>
        {terminals.length === 0 ? (
          <p className="empty">{t('bundles.terminals.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('bundles.terminals.heading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bundles.terminals.col.name')}</th>
                  <th scope="col">{t('bundles.terminals.col.bundle')}</th>
                </tr>
              </thead>
              <tbody>
                {terminals.map((terminal) => {
                  const catalogue = terminal.health?.catalogue;
                  const version = catalogue ? bundleVersionOf(catalogue.version) : null;
                  return (
                    <tr key={terminal.terminalId}>
                      <td>{terminal.name}</td>
                      <td>
                        {!catalogue
                          ? t('bundles.terminals.unknown')
                          : version === null
                            ? t('bundles.terminals.shipped')
                            : t('bundles.terminals.version', { version })}
                        {catalogue?.activation === 'failed' && (
                          <>
                            {' '}
                            <span className="status status--revoked">{t('bundles.terminals.failed')}</span>
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <ConfirmDialog
        isOpen={confirming}
        onOpenChange={setConfirming}
        title={t('bundles.rollback.title')}
        text={t('bundles.rollback.text', { version: previous?.version ?? 0 })}
        confirmLabel={t('bundles.rollback.confirm')}
        cancelLabel={t('bundles.rollback.cancel')}
        onConfirm={() => {
          setConfirming(false);
          void rollback();
        }}
      />
    </>
  );
}
