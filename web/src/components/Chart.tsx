import {
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  Tooltip,
  type ChartOptions,
} from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

ChartJS.register(BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Colour-blind-safe palette (Okabe–Ito), dark enough for 3:1 against white. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#8a6d00', '#56B4E9', '#000000', '#E69F00'];

export interface Series {
  label: string;
  values: number[];
}

/**
 * A bar chart with its numbers as a table beside it, so the figures are there for screen
 * readers, keyboard users and anyone who wants the exact amounts.
 */
export function BarChart({
  title,
  categories,
  series,
  stacked = false,
  horizontal = false,
  format = (n: number) => String(n),
}: {
  title: string;
  categories: string[];
  series: Series[];
  stacked?: boolean;
  horizontal?: boolean;
  format?: (n: number) => string;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const options: ChartOptions<'bar'> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    indexAxis: horizontal ? 'y' : 'x',
    plugins: {
      legend: { position: 'bottom' },
      tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${format(Number(ctx.raw))}` } },
    },
    scales: {
      x: { stacked, ticks: horizontal ? { callback: (v) => format(Number(v)) } : {} },
      y: { stacked, ticks: horizontal ? {} : { callback: (v) => format(Number(v)) } },
    },
  };
  return (
    <figure className="card chart" aria-labelledby={headingId}>
      <figcaption id={headingId}>
        <h3>{title}</h3>
      </figcaption>
      <div className="chart-box" aria-hidden="true">
        <Bar
          options={options}
          data={{
            labels: categories,
            datasets: series.map((s, i) => ({
              label: s.label,
              data: s.values,
              backgroundColor: PALETTE[i % PALETTE.length],
            })),
          }}
        />
      </div>
      <details>
        <summary>{t('common.showTable')}</summary>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.category')}</th>
                {series.map((s) => (
                  <th key={s.label} scope="col" className="num">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {categories.map((c, row) => (
                <tr key={c}>
                  <th scope="row">{c}</th>
                  {series.map((s) => (
                    <td key={s.label} className="num">
                      {format(s.values[row] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
