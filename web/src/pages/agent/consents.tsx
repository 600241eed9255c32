// My consents: keeping a recording longer (KSF-4.9) and named use for
// training (KSF-5.1); both given by me only, and withdrawn by me at any time.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Link } from '../../components/link';
import { Empty, ErrorNotice, Loading, Success } from '../../components/notice';
import { Page } from '../../components/page';
import { useAction, useApi } from '../../hooks';
import { useI18n } from '../../i18n';
import { newestFirst } from './logic';
import { channelLabel, label, purposeLabel } from './parts';
import type { Consent, Items, Recording } from './types';

type Kind = 'hold' | 'training';

interface ConsentBody {
  kind: Kind;
  recording_id: string;
  reason?: string;
  hold_until?: string;
  requested_by?: string;
  training_use?: string;
}

// The body the server expects for each kind (routes_agent.cc GiveConsent).
export function consentBody(
  kind: Kind,
  recordingId: string,
  fields: { reason: string; holdUntil: string; requestedBy: string; trainingUse: string },
): ConsentBody {
  if (kind === 'training') {
    return { kind, recording_id: recordingId, training_use: fields.trainingUse.trim() };
  }
  const body: ConsentBody = {
    kind,
    recording_id: recordingId,
    reason: fields.reason.trim(),
    hold_until: fields.holdUntil,
  };
  if (fields.requestedBy.trim()) body.requested_by = fields.requestedBy.trim();
  return body;
}

function GiveConsent({ recordings, onDone }: { recordings: Recording[]; onDone: () => void }) {
  const { t, dateTime } = useI18n();
  const [kind, setKind] = useState<Kind>('hold');
  const [recordingId, setRecordingId] = useState('');
  const [reason, setReason] = useState('');
  const [holdUntil, setHoldUntil] = useState('');
  const [requestedBy, setRequestedBy] = useState('');
  const [trainingUse, setTrainingUse] = useState('');
  const action = useAction((body: ConsentBody) => api.post<Consent>('/api/v1/me/consents', body));
  const chosen = recordingId || recordings[0]?.id || '';
  if (recordings.length === 0) return <Empty>{t('agent.consents.noRecordings')}</Empty>;
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const made = await action.run(
          consentBody(kind, chosen, { reason, holdUntil, requestedBy, trainingUse }),
        );
        if (made) {
          setReason('');
          setTrainingUse('');
          onDone();
        }
      }}
    >
      <fieldset>
        <legend>{t('agent.consents.giveKind')}</legend>
        <div>
          <input
            type="radio"
            id="agent-consent-hold"
            name="agent-consent-kind"
            value="hold"
            checked={kind === 'hold'}
            onChange={() => {
              setKind('hold');
              action.reset();
            }}
          />{' '}
          <label for="agent-consent-hold">{t('agent.consents.giveHold')}</label>
        </div>
        <div>
          <input
            type="radio"
            id="agent-consent-training"
            name="agent-consent-kind"
            value="training"
            checked={kind === 'training'}
            onChange={() => {
              setKind('training');
              action.reset();
            }}
          />{' '}
          <label for="agent-consent-training">{t('agent.consents.giveTraining')}</label>
        </div>
      </fieldset>
      <div class="field">
        <label for="agent-consent-recording">{t('agent.consents.chooseRecording')}</label>
        <select
          id="agent-consent-recording"
          value={chosen}
          onChange={(e) => setRecordingId((e.target as HTMLSelectElement).value)}
        >
          {recordings.map((r) => (
            <option key={r.id} value={r.id}>
              {t('agent.consents.recordingOption', {
                date: dateTime(r.created_at),
                purpose: purposeLabel(t, r.purpose),
                channel: channelLabel(t, r.channel),
              })}
            </option>
          ))}
        </select>
      </div>
      {kind === 'hold' ? (
        <>
          <div class="field">
            <label for="agent-consent-reason">{t('agent.consents.holdReason')}</label>
            <textarea
              id="agent-consent-reason"
              required
              maxLength={4000}
              value={reason}
              onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
            />
          </div>
          <div class="field">
            <label for="agent-consent-until">{t('agent.consents.holdUntil')}</label>
            <input
              id="agent-consent-until"
              type="date"
              required
              value={holdUntil}
              onInput={(e) => setHoldUntil((e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label for="agent-consent-by">{t('agent.consents.requestedByLabel')}</label>
            <input
              id="agent-consent-by"
              maxLength={256}
              value={requestedBy}
              onInput={(e) => setRequestedBy((e.target as HTMLInputElement).value)}
            />
          </div>
        </>
      ) : (
        <div class="field">
          <label for="agent-consent-use">{t('agent.consents.trainingUse')}</label>
          <textarea
            id="agent-consent-use"
            required
            maxLength={4000}
            value={trainingUse}
            onInput={(e) => setTrainingUse((e.target as HTMLTextAreaElement).value)}
          />
        </div>
      )}
      <div class="button-row">
        <button type="submit" class="primary" disabled={action.busy}>
          {action.busy ? t('agent.busy') : t('agent.consents.give')}
        </button>
      </div>
      <ErrorNotice error={action.error} />
      {action.done && <Success>{t('agent.consents.given')}</Success>}
    </form>
  );
}

function WithdrawButton({ consent, onDone }: { consent: Consent; onDone: () => void }) {
  const { t } = useI18n();
  const action = useAction(() =>
    api.del<Consent>(`/api/v1/me/consents/${encodeURIComponent(consent.id)}`),
  );
  return (
    <>
      <button
        type="button"
        class="danger"
        disabled={action.busy}
        aria-label={t('agent.consents.withdrawLabel', { id: consent.recording_id })}
        onClick={async () => {
          if (await action.run()) onDone();
        }}
      >
        {action.busy ? t('agent.busy') : t('agent.consents.withdraw')}
      </button>
      <ErrorNotice error={action.error} />
    </>
  );
}

export function ConsentsPage() {
  const { t, date } = useI18n();
  const consents = useApi<Items<Consent>>('/api/v1/me/consents');
  const recordings = useApi<Items<Recording>>('/api/v1/me/recordings');
  const [withdrawn, setWithdrawn] = useState(false);
  const items = newestFirst(consents.data?.items ?? [], (c) => c.given_at);
  const open = newestFirst(
    (recordings.data?.items ?? []).filter((r) => !r.destroyed_at),
    (r) => r.created_at,
  );
  return (
    <Page title={t('agent.consents.title')} intro={<p>{t('agent.consents.intro')}</p>}>
      <ErrorNotice error={consents.error} />
      {consents.loading && !consents.data && <Loading />}
      {withdrawn && <Success>{t('agent.consents.withdrawn')}</Success>}
      {consents.data &&
        (items.length === 0 ? (
          <Empty>{t('agent.consents.empty')}</Empty>
        ) : (
          <div class="table-scroll">
            <table class="data">
              <caption class="visually-hidden">{t('agent.consents.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('agent.consents.kind')}</th>
                  <th scope="col">{t('agent.consents.recording')}</th>
                  <th scope="col">{t('agent.consents.what')}</th>
                  <th scope="col">{t('agent.consents.until')}</th>
                  <th scope="col">{t('agent.consents.givenAt')}</th>
                  <th scope="col">{t('common.status')}</th>
                  <th scope="col">{t('agent.consents.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id} data-consent={c.id}>
                    <th scope="row">{label(t, 'agent.consents.kind', c.kind)}</th>
                    <td>
                      <Link href={`/me/recordings/${encodeURIComponent(c.recording_id)}`}>
                        {c.recording_id}
                      </Link>
                    </td>
                    <td>
                      {c.kind === 'named_training' ? c.training_use : c.reason}
                      {c.requested_by && (
                        <span class="hint">
                          {' '}
                          ({t('agent.consents.requestedBy', { who: c.requested_by })})
                        </span>
                      )}
                    </td>
                    <td>{date(c.hold_until)}</td>
                    <td>{date(c.given_at)}</td>
                    <td>
                      {c.withdrawn_at ? (
                        <span class="badge">
                          {t('agent.consents.withdrawnAt', { date: date(c.withdrawn_at) })}
                        </span>
                      ) : (
                        <span class="badge badge-ok">{t('agent.consents.active')}</span>
                      )}
                    </td>
                    <td>
                      {!c.withdrawn_at && (
                        <WithdrawButton
                          consent={c}
                          onDone={() => {
                            setWithdrawn(true);
                            consents.reload();
                          }}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <section class="card" aria-labelledby="agent-consent-give">
        <h2 id="agent-consent-give">{t('agent.consents.giveTitle')}</h2>
        <ErrorNotice error={recordings.error} />
        {recordings.loading && !recordings.data && <Loading />}
        {recordings.data && (
          <GiveConsent
            recordings={open}
            onDone={() => {
              setWithdrawn(false);
              consents.reload();
            }}
          />
        )}
      </section>
    </Page>
  );
}
