// The works council's compliance dashboard: declared against actual
// frequency per purpose, evaluations on time, destructions and refusals by
// rule, and the complaints — aggregates only, no person appears (KSF-3.10).
import { useState } from 'preact/hooks';
import { downloadWithProgress, saveBlob } from '../../api';
import { ChartFigure } from '../../components/chart';
import { ErrorNotice, Loading, Success } from '../../components/notice';
import { Page } from '../../components/page';
import { Progress } from '../../components/progress';
import { useAction, useApi } from '../../hooks';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import { dateInputValue } from '../../i18n/format';
import {
  breaches,
  byRuleChart,
  evaluationsChart,
  frequencyChart,
  lastDays,
  onTimeShare,
  periodQuery,
  total,
  type ChartData,
  type SeriesLabels,
} from './dashboard-data';
import type { ComplianceReport, Purpose } from './types';

const kPresets = [30, 90, 365];

// A chart by rule; a period without any says so instead of an empty chart.
function RuleChart({ caption, chart }: { caption: string; chart: ChartData }) {
  const { t } = useI18n();
  if (chart.labels.length === 0) {
    return (
      <figure class="chart">
        <figcaption>{caption}</figcaption>
        <p class="empty">{t('council.dashboard.noRules')}</p>
      </figure>
    );
  }
  return <ChartFigure caption={caption} kind="bar" labels={chart.labels} series={chart.series} />;
}

export function DashboardPage() {
  const i18n = useI18n();
  const { t, date, number, percent } = i18n;
  const today = dateInputValue(new Date());
  const initial = lastDays(today, 30);
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [period, setPeriod] = useState(initial);
  const [invalid, setInvalid] = useState(false);
  const query = periodQuery(period.from, period.to);
  const report = useApi<ComplianceReport>(query ? '/api/v1/reports/compliance' : null, query ?? undefined);
  const [progress, setProgress] = useState<{ value: number; total: number | null } | null>(null);
  const download = useAction(async () => {
    if (!query) return;
    setProgress({ value: 0, total: null });
    try {
      const { blob, filename } = await downloadWithProgress(
        '/api/v1/reports/compliance',
        (value, size) => setProgress({ value, total: size }),
        { ...query, format: 'text' },
      );
      saveBlob(blob, filename ?? `fairqm-compliance-${period.from}-${period.to}.txt`);
    } finally {
      setProgress(null);
    }
  });

  const apply = (next: { from: string; to: string }) => {
    setFrom(next.from);
    setTo(next.to);
    const ok = periodQuery(next.from, next.to) !== null;
    setInvalid(!ok);
    if (ok) setPeriod(next);
  };

  const purposeLabel = (p: Purpose) => t(`common.purpose.${p}` as MessageKey);
  const labels: SeriesLabels = {
    declared: t('council.dashboard.series.declared'),
    mean: t('council.dashboard.series.mean'),
    max: t('council.dashboard.series.max'),
    onTime: t('council.dashboard.series.onTime'),
    late: t('council.dashboard.series.late'),
    notEvaluated: t('council.dashboard.series.notEvaluated'),
    noPurpose: t('council.dashboard.series.noPurpose'),
  };
  const data = report.data;
  return (
    <Page
      title={t('council.dashboard.title')}
      intro={<p>{t('council.dashboard.intro')}</p>}
      actions={
        <button type="button" onClick={() => void download.run()} disabled={!data || download.busy}>
          {download.busy ? t('council.dashboard.downloading') : t('council.dashboard.download')}
        </button>
      }
    >
      {progress && (
        <Progress label={t('council.dashboard.downloading')} value={progress.value} total={progress.total} />
      )}
      <ErrorNotice error={download.error} />
      {download.done && <Success>{t('council.dashboard.downloaded')}</Success>}
      <form
        class="card council-period"
        aria-labelledby="council-period-title"
        onSubmit={(event) => {
          event.preventDefault();
          apply({ from, to });
        }}
      >
        <h2 id="council-period-title">{t('council.dashboard.period')}</h2>
        <div class="button-row" role="group" aria-label={t('council.dashboard.presets')}>
          {kPresets.map((days) => {
            const preset = lastDays(today, days);
            const current = preset.from === period.from && preset.to === period.to;
            return (
              <button
                key={days}
                type="button"
                aria-pressed={current}
                class={current ? 'primary' : undefined}
                onClick={() => apply(preset)}
              >
                {t('council.dashboard.lastDays', { count: days })}
              </button>
            );
          })}
        </div>
        <div class="council-fields">
          <div class="field">
            <label for="council-from">{t('common.from')}</label>
            <input
              id="council-from"
              type="date"
              value={from}
              max={today}
              aria-invalid={invalid}
              onInput={(event) => setFrom((event.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label for="council-to">{t('council.dashboard.toIncl')}</label>
            <input
              id="council-to"
              type="date"
              value={to}
              aria-invalid={invalid}
              onInput={(event) => setTo((event.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <button type="submit" class="primary">
              {t('council.dashboard.show')}
            </button>
          </div>
        </div>
        {invalid && (
          <p class="notice notice-error" role="alert">
            {t('council.dashboard.invalidPeriod')}
          </p>
        )}
      </form>
      <ErrorNotice error={report.error} />
      {report.loading && <Loading />}
      {data && !report.loading && (
        <>
          <p>
            {t('council.dashboard.shown', {
              from: date(data.from),
              to: date(new Date(new Date(data.to).getTime() - 1)),
              version: data.regulation.version,
            })}
          </p>
          <section aria-labelledby="council-figures">
            <h2 id="council-figures">{t('council.dashboard.figures')}</h2>
            <div class="cards">
              <div class="card">
                <p class="stat">
                  {onTimeShare(data) === null ? '—' : percent(onTimeShare(data) ?? 0)}
                </p>
                <p>{t('council.dashboard.onTimeShare')}</p>
              </div>
              <div class="card">
                <p class="stat">{number(breaches(data).reduce((s, b) => s + b.count, 0))}</p>
                <p>{t('council.dashboard.breaches')}</p>
              </div>
              <div class="card">
                <p class="stat">
                  {number(data.purposes.reduce((s, p) => s + total(p.destructions_by_rule), 0))}
                </p>
                <p>{t('council.dashboard.destroyed')}</p>
              </div>
              <div class="card">
                <p class="stat">
                  {number(
                    data.purposes.reduce((s, p) => s + total(p.capture_refusals_by_rule), 0) +
                      total(data.capture_refusals_without_purpose),
                  )}
                </p>
                <p>{t('council.dashboard.refusals')}</p>
              </div>
              <div class="card">
                <p class="stat">{number(data.purposes.reduce((s, p) => s + p.active_holds, 0))}</p>
                <p>{t('council.dashboard.holds')}</p>
              </div>
            </div>
            {breaches(data).length > 0 && (
              <div class="notice notice-warning">
                <p>{t('council.dashboard.breachesIntro')}</p>
                <ul>
                  {breaches(data).map((b) => (
                    <li key={b.purpose}>
                      {purposeLabel(b.purpose)}: {t('council.dashboard.breachCount', { count: b.count })}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </section>
          <section class="council-charts" aria-labelledby="council-charts">
            <h2 id="council-charts">{t('council.dashboard.charts')}</h2>
            <ChartFigure
              caption={t('council.dashboard.chart.frequency')}
              kind="bar"
              {...frequencyChart(data, purposeLabel, labels)}
            />
            <p class="hint">{t('council.dashboard.chart.frequencyHint')}</p>
            <ChartFigure
              caption={t('council.dashboard.chart.evaluations')}
              kind="bar"
              {...evaluationsChart(data, purposeLabel, labels)}
            />
            <RuleChart
              caption={t('council.dashboard.chart.destructions')}
              chart={byRuleChart(data, (p) => p.destructions_by_rule, purposeLabel)}
            />
            <RuleChart
              caption={t('council.dashboard.chart.refusals')}
              chart={byRuleChart(data, (p) => p.capture_refusals_by_rule, purposeLabel, {
                label: labels.noPurpose,
                counts: data.capture_refusals_without_purpose,
              })}
            />
          </section>
          <section aria-labelledby="council-complaints">
            <h2 id="council-complaints">{t('council.dashboard.complaints')}</h2>
            <table class="data council-narrow">
              <caption class="visually-hidden">{t('council.dashboard.complaints')}</caption>
              <tbody>
                {(['filed', 'taken_up_late', 'appealed', 'resolved', 'overdue'] as const).map((key) => (
                  <tr key={key}>
                    <th scope="row">{t(`council.dashboard.complaints.${key}` as MessageKey)}</th>
                    <td class="num">{number(data.complaints[key])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <p class="hint">
            {t('council.dashboard.generated', { at: i18n.dateTime(data.generated_at) })}
          </p>
        </>
      )}
    </Page>
  );
}
