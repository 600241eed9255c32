// One recording by its address (/recordings/:id), for every role the server
// may let open it: the agent (their own), a monitor (within the
// authorisation), the privacy officer, and a client — who gets the refusal
// with its rule unless a written agreement allows individual data (KSF-6.2).
// The server decides and audits each opening; this page shows its answer.
import { ErrorNotice, Loading } from '../../components/notice';
import { Page } from '../../components/page';
import { Player } from '../../components/player';
import { useApi } from '../../hooks';
import { type MessageKey, useI18n } from '../../i18n';
import type { RecordingDetails } from '../../types/api';

export function RecordingPage({ id }: { id: string }) {
  const { t, dateTime, date, duration } = useI18n();
  const { data, error, loading } = useApi<RecordingDetails>(`/api/v1/recordings/${encodeURIComponent(id)}`);
  const rec = data?.recording;
  const audio = rec && rec.media_type.startsWith('audio/') && !rec.destroyed_at;
  return (
    <Page title={t('client.recording.title')} intro={<p>{t('client.recording.intro')}</p>}>
      {loading && <Loading />}
      <ErrorNotice error={error} />
      {rec && (
        <>
          <dl class="facts card">
            {data.agent_name && (
              <>
                <dt>{t('client.recording.agent')}</dt>
                <dd>{data.agent_name}</dd>
              </>
            )}
            <dt>{t('client.recording.purpose')}</dt>
            <dd>{t(`common.purpose.${rec.purpose}` as MessageKey)}</dd>
            <dt>{t('client.recording.channel')}</dt>
            <dd>{t(`common.channel.${rec.channel}` as MessageKey)}</dd>
            <dt>{t('client.recording.created')}</dt>
            <dd>{dateTime(rec.created_at)}</dd>
            <dt>{t('client.recording.duration')}</dt>
            <dd>{duration(rec.duration_ms / 1000)}</dd>
            <dt>{t('client.recording.destroyAt')}</dt>
            <dd>{date(rec.destroyed_at ?? rec.destroy_at)}</dd>
          </dl>
          {audio && (
            <Player
              src={`/api/v1/recordings/${encodeURIComponent(rec.id)}/content?purpose=${rec.purpose}&access=listen`}
              label={t('client.recording.listen')}
            />
          )}
        </>
      )}
    </Page>
  );
}
