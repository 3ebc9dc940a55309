// Small SVG building blocks for the bench charts: text-only output, no browser or canvas needed, and the
// same input always gives the same bytes (the charts are committed next to the results).

/** Colours of the charts: ours, the reference (floor, official SDK), and extra series. */
export const PALETTE = {
  ours: "#4f46e5",
  reference: "#9ca3af",
  series: ["#4f46e5", "#0891b2", "#d97706", "#059669", "#db2777", "#7c3aed"],
  ink: "#111827",
  muted: "#6b7280",
  grid: "#e5e7eb",
} as const;

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** Escapes text for SVG content and attribute values. */
export function esc(text: string | number): string {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

/** Rounds for drawing: SVG coordinates with at most one decimal. */
const r = (n: number) => Math.round(n * 10) / 10;

export interface TextOptions {
  readonly size?: number;
  readonly anchor?: "start" | "middle" | "end";
  readonly weight?: number;
  readonly fill?: string;
  readonly rotate?: number;
}

/** A `<text>` element. */
export function text(x: number, y: number, content: string, o: TextOptions = {}): string {
  const attrs = [
    `x="${r(x)}"`,
    `y="${r(y)}"`,
    `font-size="${o.size ?? 12}"`,
    o.anchor && o.anchor !== "start" ? `text-anchor="${o.anchor}"` : "",
    o.weight ? `font-weight="${o.weight}"` : "",
    `fill="${o.fill ?? PALETTE.ink}"`,
    o.rotate ? `transform="rotate(${o.rotate} ${r(x)} ${r(y)})"` : "",
  ].filter(Boolean);
  return `<text ${attrs.join(" ")}>${esc(content)}</text>`;
}

/** A `<rect>`. */
export function rect(x: number, y: number, w: number, h: number, fill: string, extra = ""): string {
  return `<rect x="${r(x)}" y="${r(y)}" width="${r(Math.max(0, w))}" height="${r(Math.max(0, h))}" fill="${fill}"${
    extra ? ` ${extra}` : ""
  }/>`;
}

/** A `<line>`. */
export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, extra = ""): string {
  const more = extra ? ` ${extra}` : "";
  return `<line x1="${r(x1)}" y1="${r(y1)}" x2="${r(x2)}" y2="${r(y2)}" stroke="${stroke}"${more}/>`;
}

/** A whole SVG document with a title (also its accessible name) and a description. */
export function svgDocument(width: number, height: number, title: string, desc: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`,
    `  role="img" aria-labelledby="title desc" font-family="${FONT}">`,
    `<title id="title">${esc(title)}</title>`,
    `<desc id="desc">${esc(desc)}</desc>`,
    rect(0, 0, width, height, "#ffffff"),
    ...body,
    "</svg>",
    "",
  ].join("\n");
}

/** Up to about `count` round tick values from 0 to at least `max`. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

/** Maps [lo, hi] onto [a, b] linearly. */
export function linear(lo: number, hi: number, a: number, b: number): (v: number) => number {
  return (v) => a + ((v - lo) / (hi - lo || 1)) * (b - a);
}

/** Maps [lo, hi] (both > 0) onto [a, b] on a log scale. */
export function logarithmic(lo: number, hi: number, a: number, b: number): (v: number) => number {
  const f = linear(Math.log10(lo), Math.log10(hi), a, b);
  return (v) => f(Math.log10(v));
}

/** 12,345 / 2.5 / 0.25: a number as the charts print it. */
export function formatNumber(v: number): string {
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString("en-US");
  if (Math.abs(v) >= 10) return (Math.round(v * 10) / 10).toString();
  return (Math.round(v * 100) / 100).toString();
}
