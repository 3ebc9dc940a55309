import { GLYPH_HEIGHT, GLYPH_WIDTH, glyph } from "./font";

/** An sRGB colour, each channel 0–255. */
export type Rgb = readonly [number, number, number];

/**
 * An 8-bit RGB image in memory (row-major, three bytes per pixel) with the few drawing operations the
 * result images need: a diagonal gradient, translucent rectangles and bitmap text.
 */
export class Raster {
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
      throw new RangeError(`raster size must be positive integers (got ${width}×${height})`);
    this.data = new Uint8Array(width * height * 3);
  }

  /** Fills the image with a gradient from `a` (top left) to `b` (bottom right). */
  gradient(a: Rgb, b: Rgb): void {
    const span = this.width + this.height - 2 || 1;
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const t = (x + y) / span;
        const o = (y * this.width + x) * 3;
        for (let c = 0; c < 3; c++) this.data[o + c] = Math.round(a[c]! * (1 - t) + b[c]! * t);
      }
    }
  }

  /** Paints a rectangle (clipped to the image) with `colour` at `alpha` (0–1) over what is there. */
  rect(x: number, y: number, w: number, h: number, colour: Rgb, alpha = 1): void {
    const x0 = Math.max(0, Math.floor(x));
    const y0 = Math.max(0, Math.floor(y));
    const x1 = Math.min(this.width, Math.floor(x + w));
    const y1 = Math.min(this.height, Math.floor(y + h));
    for (let py = y0; py < y1; py++) {
      for (let px = x0; px < x1; px++) {
        const o = (py * this.width + px) * 3;
        for (let c = 0; c < 3; c++) this.data[o + c] = Math.round(this.data[o + c]! * (1 - alpha) + colour[c]! * alpha);
      }
    }
  }

  /** Draws `text` with its top-left corner at (x, y), each font cell `scale` pixels square; clipped. */
  text(x: number, y: number, text: string, scale: number, colour: Rgb): void {
    let cx = x;
    for (const ch of text) {
      const rows = glyph(ch);
      for (let gy = 0; gy < GLYPH_HEIGHT; gy++) {
        for (let gx = 0; gx < GLYPH_WIDTH; gx++) {
          if (rows[gy]?.[gx]) this.rect(cx + gx * scale, y + gy * scale, scale, scale, colour);
        }
      }
      cx += (GLYPH_WIDTH + 1) * scale;
    }
  }

  /** How many characters fit in `pixels` at `scale`. */
  static charsIn(pixels: number, scale: number): number {
    return Math.max(0, Math.floor((pixels + scale) / ((GLYPH_WIDTH + 1) * scale)));
  }
}
