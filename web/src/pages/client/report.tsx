// The client's quality figures (KSF-6.1): aggregate per team for a chosen
// period, with every hidden cell saying why; charts with their tables; a
// week-by-week trend fetched period by period with progress.
import { useState } from 'preact/hooks';
import { api, ApiError, toApiTime } from '../../api';
import { ChartFigure } from '../../components/chart';
import { ErrorNotice, Loading } from '../../components/notice';
import { Page } from '../../components/page';
import { Progress } from '../../components/progress';
import { useAction, useApi } from '../../hooks';
import { type MessageKey, useI18n } from '../../i18n';
import { dateInputValue, parseDateInput } from '../../i18n/format';
import {
  type ClientReport,
  overallOf,
  type Row,
  rowsOf,
  weekPeriods,
} from './model';

const kTrendWeeks = 8;

function Cell({ row, value }: { row: Row; value: string }) {
  const { t } = useI18n();
  if (!row.shown) {
    return (
      <td class="suppressed">
        {t('client.report.suppressed')}
      </td>
    );
  }
  return <td class="num">{value}</td>;
}

function ReportTable({ report }: { report: ClientReport }) {
  const { t, lang, number } = useI18n();
  const rows = rowsOf(report, lang);
  return (
    <div class="table-scroll">
      <table class="data client-report">
        <caption class="visually-hidden">{t('client.report.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('client.report.team')}</th>
            <th scope="col" class="num">{t('client.report.agents')}</th>
            <th scope="col" class="num">{t('client.report.recordings')}</th>
            <th scope="col" class="num">{t('client.report.evaluated')}</th>
            <th scope="col" class="num">{t('client.report.meanScore')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.team} class={row.overall ? 'total' : undefined} data-shown={row.shown}>
              <th scope="row">
                {row.overall ? t('client.report.overall') : row.team}
                {row.hiddenWhy && (
                  <div class="hint">
                    {t('client.report.suppressedWhy', {
                      reason: row.hiddenWhy.reason,
                      rule: row.hiddenWhy.rule,
                    })}
                  </div>
                )}
              </th>
              <Cell row={row} value={number(row.agents ?? 0)} />
              <Cell row={row} value={number(row.recordings ?? 0)} />
              <Cell row={row} value={number(row.evaluated ?? 0)} />
              {row.score !== null ? (
                <td class="num">{number(row.score, 1)}</td>
              ) : (
                <td class="suppressed" title={row.scoreHiddenWhy?.reason}>
                  {row.scoreHiddenWhy
                    ? t('client.report.suppressedWhy', {
                        reason: row.scoreHiddenWhy.reason,
                        rule: row.scoreHiddenWhy.rule,
                      })
                    : t('client.report.noScore')}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Trend({ end }: { end: Date }) {
  const { t, date } = useI18n();
  const [done, setDone] = useState(0);
  const [reports, setReports] = useState<ClientReport[] | null>(null);
  const periods = weekPeriods(end, kTrendWeeks);
  const load = useAction(async () => {
    setDone(0);
    setReports(null);
    const fetched: ClientReport[] = [];
    // One period at a time: each is a separate, audited request, and the
    // user sees how far it is.
    for (const period of periods) {
      fetched.push(
        await api.get<ClientReport>('/api/v1/reports/client', {
          from: toApiTime(period.from),
          to: toApiTime(period.to),
        }),
      );
      setDone(fetched.length);
    }
    setReports(fetched);
  });
  const labels = periods.map((p) => t('client.report.week', { date: date(p.from) }));
  return (
    <section class="card" aria-labelledby="client-trend">
      <h2 id="client-trend">{t('client.report.trend')}</h2>
      <p>{t('client.report.trendIntro', { weeks: kTrendWeeks })}</p>
      <div class="button-row">
        <button type="button" onClick={() => void load.run()} disabled={load.busy}>
          {t('client.report.trendLoad')}
        </button>
      </div>
      {load.busy && (
        <Progress
          label={t('client.report.trendProgress', { done, total: kTrendWeeks })}
          value={done}
          total={kTrendWeeks}
        />
      )}
      <ErrorNotice error={load.error} />
      {reports && (
        <ChartFigure
          caption={t('client.report.trendChart')}
          kind="line"
          labels={labels}
          series={[
            {
              label: t('client.report.meanScore'),
              values: reports.map((r) => overallOf(r)?.mean_score ?? null),
            },
            {
              label: t('client.report.recordings'),
              values: reports.map((r) => overallOf(r)?.recordings ?? null),
            },
          ]}
        />
      )}
    </section>
  );
}

export function ClientReportPage() {
  const { t, lang, date, dateTime } = useI18n();
  const [today] = useState(() => new Date());
  const [fromText, setFromText] = useState(() =>
    dateInputValue(new Date(today.getTime() - 30 * 24 * 60 * 60 * 1000)),
  );
  const [toText, setToText] = useState(() => dateInputValue(today));
  const [query, setQuery] = useState<{ from: string; to: string }>(() => ({
    from: toApiTime(parseDateInput(fromText) as Date),
    to: toApiTime(parseDateInput(toText, true) as Date),
  }));
  const [periodError, setPeriodError] = useState<string | null>(null);
  const { data, error, loading } = useApi<ClientReport>('/api/v1/reports/client', query);
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const from = parseDateInput(fromText);
    const to = parseDateInput(toText, true);
    if (!from || !to || to <= from) {
      setPeriodError(t('client.report.badPeriod'));
      return;
    }
    setPeriodError(null);
    setQuery({ from: toApiTime(from), to: toApiTime(to) });
  };
  const rows = data ? rowsOf(data, lang).filter((r) => !r.overall) : [];
  return (
    <Page
      title={t('client.report.title')}
      intro={<p>{t('client.report.intro', { count: data?.min_group_size ?? 5 })}</p>}
      actions={
        <button type="button" onClick={() => window.print()}>
          {t('common.print')}
        </button>
      }
    >
      <form class="card period-form" onSubmit={onSubmit} aria-labelledby="client-period">
        <h2 id="client-period">{t('client.report.period')}</h2>
        <div class="button-row">
          <div class="field">
            <label for="client-from">{t('common.from')}</label>
            <input
              id="client-from"
              type="date"
              value={fromText}
              aria-invalid={periodError ? 'true' : undefined}
              onInput={(e) => setFromText((e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label for="client-to">{t('common.to')}</label>
            <input
              id="client-to"
              type="date"
              value={toText}
              aria-invalid={periodError ? 'true' : undefined}
              onInput={(e) => setToText((e.target as HTMLInputElement).value)}
            />
          </div>
        </div>
        {periodError && (
          <p class="notice notice-error" role="alert">
            {periodError}
          </p>
        )}
        <button type="submit" class="primary">
          {t('client.report.show')}
        </button>
      </form>
      {loading && <Loading />}
      <ErrorNotice error={error as ApiError | null} />
      {data && !loading && (
        <>
          <p>
            <strong>{data.client_name}</strong> ·{' '}
            {t('client.report.contract', {
              id: data.contract_id,
              purpose: t(`common.purpose.${data.purpose}` as MessageKey),
            })}
            <br />
            {t('client.report.range', {
              from: date(data.from),
              // The period's end is exclusive: show its last day.
              to: date(new Date(new Date(data.to).getTime() - 1)),
              generated: dateTime(data.generated_at),
            })}
          </p>
          <ReportTable report={data} />
          <div class="grid-2">
            <ChartFigure
              caption={t('client.report.chartTeams')}
              kind="bar"
              labels={rows.map((r) => r.team)}
              series={[{ label: t('client.report.meanScore'), values: rows.map((r) => r.score) }]}
              max={100}
            />
            <ChartFigure
              caption={t('client.report.chartRecordings')}
              kind="bar"
              labels={rows.map((r) => r.team)}
              series={[
                { label: t('client.report.recordings'), values: rows.map((r) => r.recordings) },
                { label: t('client.report.evaluated'), values: rows.map((r) => r.evaluated) },
              ]}
            />
          </div>
          <Trend end={new Date(query.to)} />
        </>
      )}
    </Page>
  );
}
