// The bench's charts as SVG files: stack wall time against the floor, the waiter's polls and detection
// delay against job latency, and our clients against the official SDKs.
import * as fs from "node:fs";
import * as path from "node:path";
import type { ChartInput } from "./chart-input";
import { formatNumber, line, linear, logarithmic, niceTicks, PALETTE, rect, svgDocument, text } from "./svg-chart";

const WIDTH = 760;

function heading(title: string, subtitle: string): string[] {
  return [text(20, 30, title, { size: 17, weight: 650 }), text(20, 50, subtitle, { size: 12, fill: PALETTE.muted })];
}

function footnote(input: ChartInput, y: number): string {
  const run = input.run;
  const when = run.generatedAt.slice(0, 10);
  return text(20, y, `npm run bench${run.quick ? " -- --quick" : ""}, ${when}, ${run.machine}`, {
    size: 11,
    fill: PALETTE.muted,
  });
}

/** Coloured squares with labels, in rows that wrap before the right edge. */
function legend(x: number, y: number, items: Array<[colour: string, label: string]>): string[] {
  const out: string[] = [];
  let cx = x;
  let cy = y;
  for (const [colour, label] of items) {
    const w = 15 + label.length * 6.6 + 18;
    if (cx > x && cx + w > WIDTH - 20) {
      cx = x;
      cy += 18;
    }
    out.push(rect(cx, cy - 9, 10, 10, colour, 'rx="2"'), text(cx + 15, cy, label, { size: 12 }));
    cx += w;
  }
  return out;
}

/**
 * Moves labels down until no two that sit side by side overlap; returns them as text elements. A label pushed
 * below `maxY` is left out (its point is still drawn).
 */
function placeLabels(labels: Array<{ x: number; y: number; text: string }>, maxY = Number.POSITIVE_INFINITY) {
  const placed: Array<{ x: number; y: number; text: string }> = [];
  for (const l of [...labels].sort((a, b) => a.y - b.y)) {
    let y = l.y;
    for (const p of placed) if (Math.abs(p.x - l.x) < 70 && y - p.y < 13) y = p.y + 13;
    if (y <= maxY) placed.push({ ...l, y });
  }
  return placed.map((l) => text(l.x, l.y, l.text, { size: 11 }));
}

/** Horizontal grid lines and their labels on the left of a plot. */
function yAxis(ticks: number[], y: (v: number) => number, left: number, right: number, unit: string): string[] {
  return ticks.flatMap((t) => [
    line(left, y(t), right, y(t), PALETTE.grid),
    text(left - 6, y(t) + 4, `${formatNumber(t)}${unit}`, { size: 11, anchor: "end", fill: PALETTE.muted }),
  ]);
}

/** Grouped bars per stack size: the measured wall time of `pulumi up` next to its floor. */
export function stackWallTimeChart(input: ChartInput): string {
  const height = 380;
  const left = 64;
  const right = WIDTH - 24;
  const top = 86;
  const bottom = height - 78;
  const max = Math.max(...input.stacks.flatMap((s) => [s.wallSeconds, s.floorSeconds]), 1);
  const ticks = niceTicks(max * 1.08);
  const y = linear(0, ticks.at(-1)!, bottom, top);
  const groupW = (right - left) / Math.max(1, input.stacks.length);
  const barW = Math.min(56, groupW * 0.3);
  const body = [
    ...heading("Stack wall time against the floor, per N", input.floorMethod),
    ...legend(left, 72, [
      [PALETTE.ours, "pulumi up, measured"],
      [PALETTE.reference, "floor"],
    ]),
    ...yAxis(ticks, y, left, right, " s"),
    text(18, (top + bottom) / 2, "seconds", { size: 11, anchor: "middle", fill: PALETTE.muted, rotate: -90 }),
  ];
  input.stacks.forEach((s, i) => {
    const cx = left + groupW * (i + 0.5);
    const bars: Array<[number, string]> = [
      [s.wallSeconds, PALETTE.ours],
      [s.floorSeconds, PALETTE.reference],
    ];
    bars.forEach(([v, colour], k) => {
      const x = cx - barW - 2 + k * (barW + 4);
      body.push(
        rect(x, y(v), barW, bottom - y(v), colour, 'rx="2"'),
        text(x + barW / 2, y(v) - 5, `${formatNumber(v)} s`, { size: 11, anchor: "middle" }),
      );
    });
    body.push(
      text(cx, bottom + 18, `N = ${s.label}`, { size: 12, anchor: "middle", weight: 600 }),
      text(cx, bottom + 34, `×${(s.wallSeconds / s.floorSeconds).toFixed(2)} of the floor`, {
        size: 11,
        anchor: "middle",
        fill: PALETTE.muted,
      }),
    );
  });
  body.push(line(left, bottom, right, bottom, PALETTE.muted), footnote(input, height - 14));
  return svgDocument(
    WIDTH,
    height,
    "Stack wall time against the floor, per N",
    input.stacks.map((s) => `${s.label}: ${s.wallSeconds} s measured, floor ${s.floorSeconds} s`).join("; "),
    body,
  );
}

/** Powers of ten and three times them, inside [lo, hi]. */
function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let p = Math.floor(Math.log10(lo)); p <= Math.ceil(Math.log10(hi)); p++) {
    for (const m of [1, 3]) {
      const v = m * 10 ** p;
      if (v >= lo && v <= hi) ticks.push(v);
    }
  }
  return ticks;
}

/** The detection delay target: a finish seen within 10% of the job's latency. */
const DELAY_TARGET_PERCENT = 10;

/**
 * Two panels against job latency (log scale): poll calls per job, and the detection delay as a share of the
 * job's latency (on the job clock), with the 10% target.
 */
export function waiterChart(input: ChartInput): string {
  const height = 470;
  const top = 70;
  const bottom = height - 160;
  const panels = [
    { left: 64, right: 360, title: "poll calls per job" },
    { left: 440, right: WIDTH - 24, title: "detection delay, % of the job's latency" },
  ];
  const latencies = input.waiter.map((w) => w.jobLatencySeconds);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...latencies, 1)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...latencies, lo * 10) * 1.5));
  const series = [...new Set(input.waiter.map((w) => w.series))];
  const colour = (s: string) => PALETTE.series[series.indexOf(s) % PALETTE.series.length]!;
  // Points of different series at one latency are spread a little sideways so that none hides another.
  const spread = (s: string) => 10 ** (0.06 * (series.indexOf(s) - (series.length - 1) / 2));
  const percentOf = (w: ChartInput["waiter"][number], seconds: number) => (seconds / w.jobLatencySeconds) * 100;
  const delayOf = (w: ChartInput["waiter"][number]) =>
    !w.detectionDelay
      ? undefined
      : percentOf(
          w,
          "p90Seconds" in w.detectionDelay ? w.detectionDelay.p90Seconds : w.detectionDelay.upperBoundSeconds,
        );
  const body = heading("The waiter: poll calls and detection delay against job latency", input.waiterMethod);
  const maxima = [
    Math.max(...input.waiter.map((w) => w.pollsPerJob), 1),
    Math.max(...input.waiter.map((w) => delayOf(w) ?? 0), DELAY_TARGET_PERCENT),
  ];
  const hasBounds = input.waiter.some((w) => w.detectionDelay && "upperBoundSeconds" in w.detectionDelay);
  const hasPercentiles = input.waiter.some((w) => w.detectionDelay && "p90Seconds" in w.detectionDelay);
  panels.forEach((p, pi) => {
    const ticks = niceTicks(maxima[pi]! * 1.15, 4);
    const y = linear(0, ticks.at(-1)!, bottom, top + 16);
    const x = logarithmic(lo, hi, p.left + 10, p.right - 10);
    body.push(
      text(p.left, top + 4, p.title, { size: 12, weight: 600 }),
      ...yAxis(ticks, y, p.left, p.right, pi === 0 ? "" : "%"),
    );
    if (pi === 1) {
      const ty = y(DELAY_TARGET_PERCENT);
      body.push(
        line(p.left, ty, p.right, ty, PALETTE.muted, 'stroke-dasharray="5 4"'),
        text(p.right, ty - 4, `target ${DELAY_TARGET_PERCENT}%`, { size: 11, anchor: "end", fill: PALETTE.muted }),
      );
    }
    for (const t of logTicks(lo, hi)) {
      body.push(
        line(x(t), bottom, x(t), bottom + 4, PALETTE.muted),
        text(x(t), bottom + 17, `${formatNumber(t)} s`, { size: 11, anchor: "middle", fill: PALETTE.muted }),
      );
    }
    body.push(
      line(p.left, bottom, p.right, bottom, PALETTE.muted),
      text((p.left + p.right) / 2, bottom + 34, "job latency (log scale)", {
        size: 11,
        anchor: "middle",
        fill: PALETTE.muted,
      }),
    );
    const labels: Array<{ x: number; y: number; text: string }> = [];
    for (const w of input.waiter) {
      const cx = x(w.jobLatencySeconds * spread(w.series));
      const c = colour(w.series);
      if (pi === 0) {
        body.push(`<circle cx="${cx.toFixed(1)}" cy="${y(w.pollsPerJob).toFixed(1)}" r="5" fill="${c}"/>`);
        labels.push({ x: cx + 8, y: y(w.pollsPerJob) + 4, text: formatNumber(w.pollsPerJob) });
        continue;
      }
      const d = w.detectionDelay;
      if (!d) continue;
      if ("p90Seconds" in d) {
        const [p50, p90] = [y(percentOf(w, d.p50Seconds)), y(percentOf(w, d.p90Seconds))];
        body.push(
          line(cx, p50, cx, p90, c, 'stroke-width="2"'),
          line(cx - 4, p90, cx + 4, p90, c, 'stroke-width="2"'),
          `<circle cx="${cx.toFixed(1)}" cy="${p50.toFixed(1)}" r="5" fill="${c}"/>`,
        );
        labels.push({ x: cx + 8, y: p50 + 4, text: `${formatNumber(d.p50Seconds)} s` });
      } else {
        const yy = y(percentOf(w, d.upperBoundSeconds));
        body.push(
          line(cx, yy, cx, bottom, c, 'stroke-dasharray="3 3"'),
          `<path d="M${(cx - 5).toFixed(1)} ${(yy - 4).toFixed(1)}h10l-5 8z" fill="${c}"/>`,
        );
        labels.push({ x: cx + 8, y: yy + 4, text: `≤ ${formatNumber(d.upperBoundSeconds)} s` });
      }
    }
    body.push(...placeLabels(labels, bottom - 2));
  });
  body.push(
    ...legend(
      64,
      bottom + 58,
      series.map((s) => [colour(s), s] as [string, string]),
    ),
  );
  const marks = [
    hasPercentiles ? "detection delay: dot p50 (labelled in seconds), bar up to p90" : "",
    hasBounds ? "▼ upper bound: the batch's wall time less the job latency (includes submitting the batch)" : "",
  ].filter(Boolean);
  body.push(text(64, bottom + 120, marks.join("; "), { size: 11, fill: PALETTE.muted }), footnote(input, height - 10));
  return svgDocument(
    WIDTH,
    height,
    "The waiter: poll calls and detection delay against job latency",
    input.waiter.map((w) => `${w.series}, ${w.jobLatencySeconds} s jobs: ${w.pollsPerJob} polls per job`).join("; "),
    body,
  );
}

/** Horizontal bars per request: requests per second of each client, with p50 and p99 latency. */
export function clientsChart(input: ChartInput): string {
  const requests = [...new Set(input.clients.map((c) => c.request))];
  const rowH = 26;
  const top = 78;
  const height = top + requests.length * 26 + input.clients.length * rowH + 40;
  const left = 250;
  const barMax = 200;
  const max = Math.max(...input.clients.map((c) => c.requestsPerSecond), 1);
  const body = [
    ...heading("Our clients against the official SDKs", input.clientsMethod),
    ...legend(20, 70, [
      [PALETTE.ours, "pulumi-aigc sdk"],
      [PALETTE.reference, "official SDK"],
    ]),
  ];
  let y = top + 8;
  for (const request of requests) {
    const rows = input.clients.filter((c) => c.request === request);
    const official = rows.find((c) => c.official);
    y += 18;
    body.push(text(20, y, request, { size: 12, weight: 650 }));
    y += 8;
    for (const c of rows) {
      const w = (c.requestsPerSecond / max) * barMax;
      const ratio =
        official && !c.official ? `  ×${(c.requestsPerSecond / official.requestsPerSecond).toFixed(2)}` : "";
      const cpu = c.cpuMicrosPerRequest === undefined ? "" : `, ${formatNumber(c.cpuMicrosPerRequest)} µs CPU`;
      body.push(
        text(left - 8, y + 15, c.client, { size: 12, anchor: "end" }),
        rect(left, y + 3, w, 16, c.official ? PALETTE.reference : PALETTE.ours, 'rx="2"'),
        text(
          left + w + 6,
          y + 15,
          `${formatNumber(c.requestsPerSecond)} req/s${ratio} · p50 ${formatNumber(c.p50Ms)} ms · p99 ${formatNumber(
            c.p99Ms,
          )} ms${cpu}`,
          { size: 11 },
        ),
      );
      y += rowH;
    }
  }
  body.push(footnote(input, height - 12));
  return svgDocument(
    WIDTH,
    height,
    "Our clients against the official SDKs",
    input.clients.map((c) => `${c.request}, ${c.client}: ${c.requestsPerSecond} req/s`).join("; "),
    body,
  );
}

/** The chart files, by name. */
export const CHARTS = {
  "stack-wall-time.svg": stackWallTimeChart,
  "waiter.svg": waiterChart,
  "clients.svg": clientsChart,
} as const;

/** Writes every chart into `dir` (names prefixed with `prefix`); returns the paths written. */
export function writeCharts(input: ChartInput, dir: string, prefix = ""): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return Object.entries(CHARTS).map(([name, draw]) => {
    const file = path.join(dir, `${prefix}${name}`);
    fs.writeFileSync(file, draw(input));
    return file;
  });
}
