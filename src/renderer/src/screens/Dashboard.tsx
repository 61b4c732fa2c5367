/**
 * Bảng điều khiển (Ctrl+K → “Bảng điều khiển”, manager): the last 30 days per day, drawn with
 * Chart.js: intakes, results received and handed over; the on-time rate of handovers to the agency;
 * money taken by cash and transfer. No animation and a high pixel ratio so the charts print sharp
 * (Ctrl+P prints the page); the same figures are in the table below for the keyboard and screen
 * readers. ← and → move the 30-day window by a week.
 */
import { useEffect, useRef, useState } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Title, Tooltip } from 'chart.js';
import type { ChartConfiguration } from 'chart.js';
import type { DashboardDay } from '../../../shared/ipc/channels/manager';
import { formatVnd } from '../../../shared/money';
import { api } from '../api';
import { useScreenActions, useShell } from '../shell';
import { viDate } from '../ui';
import { onWindowKey } from '../keyboard';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Title, Tooltip);

const short = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}`;
const rate = (d: DashboardDay) => (d.filed === 0 ? null : Math.round((1000 * d.filedOnTime) / d.filed) / 10);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function useChart(config: ChartConfiguration | null) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!ref.current || !config) return;
    const chart = new Chart(ref.current, config);
    return () => chart.destroy();
  }, [config]);
  return ref;
}

const base = { animation: false as const, responsive: true, maintainAspectRatio: false, devicePixelRatio: 2 };

export function DashboardScreen() {
  const shell = useShell();
  const [to, setTo] = useState<string | null>(null);
  const [days, setDays] = useState<DashboardDay[] | null>(null);
  useEffect(() => {
    void api()['dashboard.get'](to ? { to } : {}).then((r) => {
      if (r.ok) {
        setDays(r.value.days);
        if (!to) setTo(r.value.to);
      } else shell.flash({ kind: 'error', text: r.error.message });
    });
  }, [to, shell]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!to || e.ctrlKey || e.altKey || (e.target instanceof HTMLInputElement)) return;
      if (e.key === 'ArrowLeft') setTo(addDays(to, -7));
      if (e.key === 'ArrowRight') setTo(addDays(to, 7));
    };
    return onWindowKey(onKey);
  }, [to]);
  useScreenActions({ print: () => window.print() });

  const labels = (days ?? []).map((d) => short(d.date));
  const volume = useChart(
    days
      ? {
          type: 'bar',
          data: {
            labels,
            datasets: [
              { label: 'Tiếp nhận', data: days.map((d) => d.intakes), backgroundColor: '#1f5fa8' },
              { label: 'Nhận kết quả', data: days.map((d) => d.results), backgroundColor: '#8fb3e0' },
              { label: 'Trả kết quả', data: days.map((d) => d.handovers), backgroundColor: '#2e8b57' },
            ],
          },
          options: { ...base, plugins: { title: { display: true, text: 'Hồ sơ mỗi ngày' } } },
        }
      : null,
  );
  const onTime = useChart(
    days
      ? {
          type: 'line',
          data: { labels, datasets: [{ label: 'Giao cơ quan đúng hạn (%)', data: days.map(rate), borderColor: '#b35900', backgroundColor: '#b35900', spanGaps: true }] },
          options: { ...base, scales: { y: { min: 0, max: 100 } }, plugins: { title: { display: true, text: 'Tỷ lệ giao hồ sơ cho cơ quan đúng hạn' } } },
        }
      : null,
  );
  const money = useChart(
    days
      ? {
          type: 'bar',
          data: {
            labels,
            datasets: [
              { label: 'Tiền mặt', data: days.map((d) => d.cash), backgroundColor: '#444' },
              { label: 'Chuyển khoản', data: days.map((d) => d.transfer), backgroundColor: '#999' },
            ],
          },
          options: { ...base, scales: { x: { stacked: true }, y: { stacked: true, ticks: { callback: (v) => `${Number(v) / 1000}k` } } }, plugins: { title: { display: true, text: 'Tiền thu (phí, lệ phí và cước), đồng' } } },
        }
      : null,
  );

  if (!days) return <p>Đang tải…</p>;
  return (
    <div className="dashboard">
      <p className="hint">
        30 ngày từ {viDate(days[0]!.date)} đến {viDate(days.at(-1)!.date)} · ← → lùi, tiến một tuần · Ctrl+P in
      </p>
      <div className="charts">
        <div className="chart">
          <canvas ref={volume} aria-label="Biểu đồ hồ sơ mỗi ngày" role="img" />
        </div>
        <div className="chart">
          <canvas ref={onTime} aria-label="Biểu đồ tỷ lệ đúng hạn" role="img" />
        </div>
        <div className="chart">
          <canvas ref={money} aria-label="Biểu đồ tiền thu" role="img" />
        </div>
      </div>
      <table data-testid="dashboard-table">
        <caption>Số liệu từng ngày</caption>
        <thead>
          <tr>
            <th scope="col">Ngày</th>
            <th scope="col">Tiếp nhận</th>
            <th scope="col">Nhận KQ</th>
            <th scope="col">Trả KQ</th>
            <th scope="col">Đúng hạn</th>
            <th scope="col">Tiền mặt</th>
            <th scope="col">Chuyển khoản</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.date}>
              <td>{viDate(d.date)}</td>
              <td className="num">{d.intakes}</td>
              <td className="num">{d.results}</td>
              <td className="num">{d.handovers}</td>
              <td className="num">{rate(d) === null ? '—' : `${rate(d)}%`}</td>
              <td className="num">{formatVnd(d.cash)}</td>
              <td className="num">{formatVnd(d.transfer)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
