// A chart (Chart.js on a canvas) with the same figures as a table beside it:
// a canvas says nothing to a screen reader or keyboard user, the table does
// (WCAG 1.1.1). The table can be shown for everyone with one button.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { localeOf } from '../i18n/format';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

export interface Series {
  label: string;
  // null: no figure (e.g. suppressed), drawn as a gap.
  values: (number | null)[];
}

// Dark enough against white for 3:1 non-text contrast (WCAG 1.4.11).
const kColours = ['#1f5fa8', '#b3541e', '#2e7d32', '#6a3d9a', '#8c2d4b', '#00695c'];

export function ChartFigure({
  caption,
  kind,
  labels,
  series,
  unit,
  max,
}: {
  caption: string;
  kind: 'bar' | 'line';
  labels: string[];
  series: Series[];
  // Appended to values in the table, e.g. '%'.
  unit?: string;
  max?: number;
}) {
  const { t, lang, number } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [showTable, setShowTable] = useState(false);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, {
      type: kind,
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.values,
          backgroundColor: kColours[i % kColours.length],
          borderColor: kColours[i % kColours.length],
          borderWidth: 2,
          spanGaps: false,
        })),
      },
      options: {
        locale: localeOf(lang),
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, ...(max !== undefined ? { max } : {}) } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    return () => chart.destroy();
  }, [kind, JSON.stringify(labels), JSON.stringify(series), lang, max]);
  const id = `chart-${caption.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <figure class="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <div class="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={caption} />
      </div>
      <button
        type="button"
        class="link-button"
        aria-expanded={showTable}
        aria-controls={`${id}-table`}
        onClick={() => setShowTable(!showTable)}
      >
        {showTable ? t('common.chart.hideTable') : t('common.chart.showTable')}
      </button>
      {/* A table ignores width, so the wrapper is what hides it visually. */}
      <div id={`${id}-table`} class={showTable ? 'table-scroll' : 'visually-hidden'}>
      <table class="data">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('common.chart.category')}</th>
            {series.map((s) => (
              <th scope="col" key={s.label}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((label, row) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {series.map((s) => {
                const value = s.values[row];
                return (
                  <td key={s.label} class="num">
                    {value === null || value === undefined
                      ? '—'
                      : `${number(value, Number.isInteger(value) ? 0 : 1)}${unit ?? ''}`}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}
