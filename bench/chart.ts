// A small grouped bar chart as SVG, with no dependencies: one group per category, one bar per series,
// bars drawn from a baseline (1.0 for ratios) up or down to their value, optional whiskers, and
// dashed reference lines. The output depends only on the input: same numbers, same bytes.

export interface BarSeries {
  name: string;
  color: string;
  /** One value per group; undefined draws nothing. */
  values: (number | undefined)[];
  /** Optional whiskers (e.g. the interquartile range), one per group. */
  low?: (number | undefined)[];
  high?: (number | undefined)[];
}

export interface RefLine {
  value: number;
  label: string;
  /** Put the label under the line (for two lines close together). */
  labelBelow?: boolean;
}

export interface BarChartSpec {
  title: string;
  subtitle?: string;
  groups: string[];
  series: BarSeries[];
  yLabel: string;
  /** Where bars start; 0 for plain bars, 1 for ratios. */
  baseline?: number;
  refLines?: RefLine[];
  /** Decimals of the value printed over each bar. */
  digits?: number;
  width?: number;
  height?: number;
}

const FONT = 'font-family="DejaVu Sans, Helvetica, Arial, sans-serif"';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Rounds for coordinates: two decimals, no trailing zeros, never "-0". */
function n(x: number): string {
  const r = Math.round(x * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

/** A tick step of 1, 2 or 5 × 10^k giving about `target` ticks over `span`. */
function niceStep(span: number, target: number): number {
  const raw = span / target;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

function decimalsOf(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

function legendRowCount(widths: number[], avail: number): number {
  let rows = 1;
  let used = 0;
  for (const w of widths) {
    if (used + w > avail && used > 0) {
      rows++;
      used = 0;
    }
    used += w;
  }
  return rows;
}

export function groupedBarChartSvg(spec: BarChartSpec): string {
  const width = spec.width ?? 900;
  const height = spec.height ?? 460;
  const baseline = spec.baseline ?? 0;
  const digits = spec.digits ?? 2;
  const refs = spec.refLines ?? [];
  const legendTop = spec.subtitle ? 58 : 40;
  const legendRows = legendRowCount(spec.series.map((s) => 20 + s.name.length * 7.6 + 20), width - 40);
  const top = legendTop + legendRows * 20 + 16;
  const margin = { top, right: refs.length ? 112 : 24, bottom: 56, left: 72 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;

  // The y range covers the baseline, every value, whisker and reference line, with some headroom.
  const all: number[] = [baseline, ...refs.map((r) => r.value)];
  for (const s of spec.series) for (const v of [...s.values, ...(s.low ?? []), ...(s.high ?? [])]) if (v !== undefined && Number.isFinite(v)) all.push(v);
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  const pad = Math.max((hi - lo) * 0.12, 0.01);
  const step = niceStep(hi - lo + 2 * pad, 6);
  lo = baseline === 0 && lo >= 0 ? 0 : Math.floor((lo - pad) / step) * step;
  hi = Math.ceil((hi + pad) / step) * step;
  const y = (v: number) => margin.top + plotH - ((v - lo) / (hi - lo)) * plotH;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} font-size="13">`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${n(width / 2)}" y="26" text-anchor="middle" font-size="17" font-weight="bold">${esc(spec.title)}</text>`);
  if (spec.subtitle) out.push(`<text x="${n(width / 2)}" y="46" text-anchor="middle" fill="#444444">${esc(spec.subtitle)}</text>`);

  // Legend, centred above the plot, on as many lines as it needs.
  const itemW = spec.series.map((s) => 20 + s.name.length * 7.6 + 20);
  const rows: number[][] = [[]];
  let used = 0;
  spec.series.forEach((_, i) => {
    if (used + itemW[i] > width - 40 && rows[rows.length - 1].length) {
      rows.push([]);
      used = 0;
    }
    rows[rows.length - 1].push(i);
    used += itemW[i];
  });
  rows.forEach((row, ri) => {
    const legendY = legendTop + 12 + ri * 20;
    let lx = (width - row.reduce((a, i) => a + itemW[i], 0)) / 2;
    for (const i of row) {
      const s = spec.series[i];
      out.push(`<rect x="${n(lx)}" y="${legendY - 11}" width="14" height="14" fill="${s.color}"/>`);
      out.push(`<text x="${n(lx + 20)}" y="${legendY}">${esc(s.name)}</text>`);
      lx += itemW[i];
    }
  });

  // Grid and y axis.
  const tickDigits = decimalsOf(step);
  for (let k = Math.round(lo / step); k * step <= hi + step / 1000; k++) {
    const v = k * step;
    out.push(`<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${n(y(v))}" y2="${n(y(v))}" stroke="#e4e4e4"/>`);
    out.push(`<text x="${margin.left - 8}" y="${n(y(v) + 4)}" text-anchor="end" fill="#333333">${v.toFixed(tickDigits)}</text>`);
  }
  out.push(`<text transform="translate(18 ${n(margin.top + plotH / 2)}) rotate(-90)" text-anchor="middle" fill="#333333">${esc(spec.yLabel)}</text>`);
  out.push(`<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="#666666"/>`);

  // Bars.
  const groupW = plotW / spec.groups.length;
  const barW = Math.min(44, (groupW * 0.8) / spec.series.length);
  spec.groups.forEach((g, gi) => {
    const gx = margin.left + gi * groupW;
    const x0 = gx + (groupW - barW * spec.series.length) / 2;
    spec.series.forEach((s, si) => {
      const v = s.values[gi];
      if (v === undefined || !Number.isFinite(v)) return;
      const x = x0 + si * barW;
      const yTop = Math.min(y(v), y(baseline));
      const h = Math.max(Math.abs(y(v) - y(baseline)), 1);
      out.push(`<rect x="${n(x + 2)}" y="${n(yTop)}" width="${n(barW - 4)}" height="${n(h)}" fill="${s.color}"><title>${esc(`${g}, ${s.name}: ${v.toFixed(digits)}`)}</title></rect>`);
      const wl = s.low?.[gi];
      const wh = s.high?.[gi];
      const cx = x + barW / 2;
      if (wl !== undefined && wh !== undefined) {
        out.push(`<path d="M${n(cx)} ${n(y(wl))}V${n(y(wh))}M${n(cx - 5)} ${n(y(wl))}h10M${n(cx - 5)} ${n(y(wh))}h10" stroke="#222222" stroke-width="1.2" fill="none"/>`);
      }
      // Above the bar (and its whisker) when it rises from the baseline, below when it falls.
      const labelAt = v >= baseline ? Math.min(y(v), wh === undefined ? y(v) : y(wh)) - 6 : Math.max(y(v), wl === undefined ? y(v) : y(wl)) + 14;
      out.push(`<text x="${n(cx)}" y="${n(labelAt)}" text-anchor="middle" font-size="10.5" fill="#222222">${v.toFixed(digits)}</text>`);
    });
    out.push(`<text x="${n(gx + groupW / 2)}" y="${margin.top + plotH + 22}" text-anchor="middle">${esc(g)}</text>`);
  });

  // Reference lines over the bars, labelled in the right margin.
  for (const r of refs) {
    out.push(`<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${n(y(r.value))}" y2="${n(y(r.value))}" stroke="#333333" stroke-width="1.2" stroke-dasharray="6 4"/>`);
    out.push(`<text x="${margin.left + plotW + 6}" y="${n(y(r.value) + (r.labelBelow ? 10 : -2))}" text-anchor="start" font-size="11" fill="#333333">${esc(r.label)}</text>`);
  }
  out.push(`<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${margin.top + plotH}" y2="${margin.top + plotH}" stroke="#666666"/>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
