// AVG-15: everything of mine as one archive, downloaded with progress.
import { useRef, useState } from 'preact/hooks';
import { downloadWithProgress, saveBlob } from '../../api';
import { ErrorNotice, Success } from '../../components/notice';
import { Page } from '../../components/page';
import { Progress } from '../../components/progress';
import { useAction } from '../../hooks';
import { useI18n } from '../../i18n';

export function ExportPage() {
  const { t, bytes } = useI18n();
  const [progress, setProgress] = useState<{ value: number; total: number | null } | null>(null);
  const [saved, setSaved] = useState<{ name: string; size: number } | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const action = useAction(async () => {
    controller.current = new AbortController();
    setSaved(null);
    setCancelled(false);
    setProgress({ value: 0, total: null });
    try {
      const { blob, filename } = await downloadWithProgress(
        '/api/v1/me/export',
        (value, total) => setProgress({ value, total }),
        undefined,
        controller.current.signal,
      );
      const name = filename ?? 'fairqm-export.tar';
      saveBlob(blob, name);
      setSaved({ name, size: blob.size });
      return name;
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') {
        setCancelled(true);
        return undefined;
      }
      throw error;
    } finally {
      controller.current = null;
      setProgress(null);
    }
  });
  return (
    <Page title={t('agent.export.title')} intro={<p>{t('agent.export.intro')}</p>}>
      <div class="button-row">
        <button
          type="button"
          class="primary"
          disabled={action.busy}
          onClick={() => {
            void action.run();
          }}
        >
          {action.busy ? t('agent.export.busy') : t('agent.export.button')}
        </button>
        {action.busy && (
          <button type="button" onClick={() => controller.current?.abort()}>
            {t('agent.export.cancel')}
          </button>
        )}
      </div>
      {progress && (
        <Progress label={t('agent.export.progress')} value={progress.value} total={progress.total} />
      )}
      <ErrorNotice error={action.error} />
      {saved && (
        <Success>{t('agent.export.done', { name: saved.name, size: bytes(saved.size) })}</Success>
      )}
      {cancelled && <p role="status">{t('agent.export.cancelled')}</p>}
    </Page>
  );
}
