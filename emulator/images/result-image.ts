import { encodeJpeg } from "./jpeg-encoder";
import { encodePng } from "./png-encoder";
import { Raster, type Rgb } from "./raster";

/** What a result image says about itself, so that a gallery of results is readable. */
export interface ResultImageLabel {
  /** Vendor and service, e.g. "Tencent VOD". */
  readonly vendor: string;
  /** The job's kind as the vendor names it, e.g. "SceneAigcImageTask". */
  readonly kind: string;
  readonly jobId: string;
  /** 0-based output index, and how many outputs the job has. */
  readonly index: number;
  readonly count: number;
  /** The first words of the prompt, or what the job made (scene type, function). */
  readonly caption: string;
}

export type ImageFormat = "png" | "jpeg";

/** An encoded image and the Content-Type it is served with. */
export interface EncodedImage {
  readonly body: Buffer;
  readonly contentType: "image/png" | "image/jpeg";
}

/** The id as the image prints it: its last dash-separated part, at most 8 characters. */
export function shortJobId(id: string): string {
  const tail = id.split("-").pop() || id;
  return tail.length > 12 ? tail.slice(0, 8) : tail;
}

/** A stable 24-bit number from a string (FNV-1a), for per-output colours. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 8) & 0xffffff;
}

/** Words of `text` in lines of at most `width` characters, at most `maxLines` (the last cut with ".."). */
export function wrapWords(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const piece = word.length > width ? `${word.slice(0, width - 2)}..` : word;
    if (!line) line = piece;
    else if (line.length + 1 + piece.length <= width) line += ` ${piece}`;
    else {
      lines.push(line);
      line = piece;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = `${last.length + 2 > width ? last.slice(0, width - 2) : last}..`;
  return kept;
}

const WHITE: Rgb = [255, 255, 255];
const PALE: Rgb = [214, 222, 235];
const INK: Rgb = [12, 16, 28];
const ACCENT: Rgb = [255, 214, 102];

/**
 * Renders a result image: a gradient coloured by job and output, with the vendor, the kind, a short job
 * id, the output number and the caption written on it. Text is sized to the width, so small images stay
 * legible in a thumbnail.
 */
export function renderResultImage(
  label: ResultImageLabel,
  width: number,
  height: number,
  format: ImageFormat,
): EncodedImage {
  const image = new Raster(width, height);
  const seed = seedOf(`${label.jobId}/${label.index}`);
  const a: Rgb = [(seed >>> 16) & 0xff, (seed >>> 8) & 0xff, seed & 0xff];
  image.gradient(a, [255 - a[0], 255 - a[1], 255 - a[2]]);

  const body = width >= 384 ? 3 : width >= 192 ? 2 : 1;
  const title = body + 1;
  const pad = 4 * body;
  const cols = Raster.charsIn(width - 2 * pad, body);
  const captionLines = height >= 256 ? 3 : 2;
  const caption = wrapWords(label.caption, cols, captionLines);
  const rowH = 10 * body;
  const lines = [
    { text: label.kind, scale: body, colour: PALE },
    { text: `job ${shortJobId(label.jobId)}`, scale: body, colour: WHITE },
    { text: `output ${label.index + 1} of ${label.count}`, scale: body, colour: WHITE },
    ...caption.map((text) => ({ text, scale: body, colour: PALE })),
  ];
  // The panel keeps room for a full caption, so every image of a size has the same layout.
  const panelH = pad + 10 * title + (3 + captionLines) * rowH + pad;
  image.rect(0, 0, width, panelH, INK, 0.72);
  const badge = `#${label.index + 1}`;
  const vendorChars = Raster.charsIn(width - 2 * pad, title) - badge.length - 1; // room for the badge
  image.text(pad, pad, label.vendor.toUpperCase().slice(0, vendorChars), title, WHITE);
  lines.forEach((l, i) => {
    image.text(pad, pad + 10 * title + i * rowH, l.text.slice(0, cols), l.scale, l.colour);
  });

  // The output number, right-aligned on the title line, tells outputs of one job apart at a glance.
  image.text(width - pad - (badge.length * 6 - 1) * title, pad, badge, title, ACCENT);
  return format === "jpeg"
    ? { body: encodeJpeg(image), contentType: "image/jpeg" }
    : { body: encodePng(image), contentType: "image/png" };
}
