import type { Raster } from "./raster";

// A baseline JPEG encoder (sequential DCT, Huffman coding, 8-bit YCbCr 4:4:4 in a JFIF file), small
// because the emulator's images are small: it trades compression for a short, readable implementation.

/** ZIGZAG[k] is the row-major index (row × 8 + column) of the k-th coefficient in zig-zag order. */
const ZIGZAG: readonly number[] = (() => {
  const order: number[] = [];
  for (let s = 0; s <= 14; s++) {
    const rows: number[] = [];
    for (let r = Math.max(0, s - 7); r <= Math.min(s, 7); r++) rows.push(r);
    if (s % 2 === 0) rows.reverse(); // even diagonals run up and to the right
    for (const r of rows) order.push(r * 8 + (s - r));
  }
  return order;
})();

/** The example quantization tables of the JPEG standard (Annex K), row-major, for quality 50. */
const LUMA_Q50 = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51,
  87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101,
  72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMA_Q50 = [
  17,
  18,
  24,
  47,
  99,
  99,
  99,
  99,
  18,
  21,
  26,
  66,
  99,
  99,
  99,
  99,
  24,
  26,
  56,
  99,
  99,
  99,
  99,
  99,
  47,
  66,
  99,
  99,
  99,
  ...Array<number>(35).fill(99),
];

/**
 * The typical Huffman tables of the standard (Annex K, luminance), used for all three components: any
 * valid code works since the file carries its tables. Counts per code length 1–16, then the symbols.
 */
export const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
export const DC_SYMBOLS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
export const AC_BITS = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
export const AC_SYMBOLS = [
  0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14,
  0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09,
  0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a,
  0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65,
  0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88,
  0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9,
  0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca,
  0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea,
  0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
];

interface Code {
  readonly bits: number;
  readonly length: number;
}

/** Canonical Huffman codes from counts per length (the JPEG standard's Annex C procedure). */
function huffmanCodes(counts: readonly number[], symbols: readonly number[]): Map<number, Code> {
  const codes = new Map<number, Code>();
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < counts[length - 1]!; i++) codes.set(symbols[k++]!, { bits: code++, length });
    code <<= 1;
  }
  return codes;
}

const DC_CODES = huffmanCodes(DC_BITS, DC_SYMBOLS);
const AC_CODES = huffmanCodes(AC_BITS, AC_SYMBOLS);

/** COS[u][x] = C(u)/2 · cos((2x+1)uπ/16): one factor of the separable 2-D DCT. */
const COS: readonly Float64Array[] = Array.from({ length: 8 }, (_, u) =>
  Float64Array.from(
    { length: 8 },
    (_, x) => ((u === 0 ? Math.SQRT1_2 : 1) / 2) * Math.cos(((2 * x + 1) * u * Math.PI) / 16),
  ),
);

/** The quantizer of each coefficient (row-major) at `quality` 1–100, scaled as the IJG library does. */
function scaledTable(base: readonly number[], quality: number): number[] {
  const scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
  return base.map((q) => Math.min(255, Math.max(1, Math.floor((q * scale + 50) / 100))));
}

/** Writes bits MSB first, stuffing a zero byte after every 0xFF as entropy-coded data requires. */
class BitWriter {
  private readonly bytes: number[] = [];
  private acc = 0;
  private count = 0;

  write(bits: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((bits >>> i) & 1);
      if (++this.count === 8) this.flushByte();
    }
  }

  /** Pads the last byte with 1-bits and returns the data. */
  finish(): Buffer {
    if (this.count > 0) this.write(0xff, 8 - this.count);
    return Buffer.from(this.bytes);
  }

  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0);
    this.acc = 0;
    this.count = 0;
  }
}

/** Bits needed for |v| (the JPEG "category"). */
const category = (v: number) => (v === 0 ? 0 : 32 - Math.clz32(Math.abs(v)));
/** The low `size` bits that stand for v: v itself if positive, else v − 1 in two's complement. */
const amplitude = (v: number, size: number) => (v >= 0 ? v : v + (1 << size) - 1);

function emit(out: BitWriter, codes: Map<number, Code>, symbol: number): void {
  const c = codes.get(symbol)!;
  out.write(c.bits, c.length);
}

/** Transforms, quantizes and codes one 8×8 block of level-shifted samples; returns its DC value. */
function encodeBlock(out: BitWriter, block: Float64Array, table: readonly number[], previousDc: number): number {
  const rowPass = new Float64Array(64);
  for (let y = 0; y < 8; y++)
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let x = 0; x < 8; x++) s += COS[u]![x]! * block[y * 8 + x]!;
      rowPass[y * 8 + u] = s;
    }
  const q = new Int32Array(64);
  for (let v = 0; v < 8; v++)
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let y = 0; y < 8; y++) s += COS[v]![y]! * rowPass[y * 8 + u]!;
      const i = v * 8 + u;
      q[i] = Math.max(-1023, Math.min(1023, Math.round(s / table[i]!)));
    }
  const diff = q[0]! - previousDc;
  const dcSize = category(diff);
  emit(out, DC_CODES, dcSize);
  if (dcSize) out.write(amplitude(diff, dcSize), dcSize);
  let run = 0;
  for (let k = 1; k < 64; k++) {
    const v = q[ZIGZAG[k]!]!;
    if (v === 0) {
      run++;
      continue;
    }
    for (; run > 15; run -= 16) emit(out, AC_CODES, 0xf0); // sixteen zeros
    const size = category(v);
    emit(out, AC_CODES, (run << 4) | size);
    out.write(amplitude(v, size), size);
    run = 0;
  }
  if (run > 0) emit(out, AC_CODES, 0x00); // end of block
  return q[0]!;
}

function segment(marker: number, payload: number[] | Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, Buffer.from(payload)]);
}

/** Encodes a raster as a baseline JFIF JPEG at `quality` (1–100, default 90). */
export function encodeJpeg(image: Raster, quality = 90): Buffer {
  const { width, height, data } = image;
  const tables = [scaledTable(LUMA_Q50, quality), scaledTable(CHROMA_Q50, quality)] as const;
  const out = new BitWriter();
  const dc = [0, 0, 0];
  const blocks = [new Float64Array(64), new Float64Array(64), new Float64Array(64)];
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          // Edge blocks repeat the last row and column.
          const o = (Math.min(by + y, height - 1) * width + Math.min(bx + x, width - 1)) * 3;
          const r = data[o]!;
          const g = data[o + 1]!;
          const b = data[o + 2]!;
          const i = y * 8 + x;
          blocks[0]![i] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
          blocks[1]![i] = -0.168736 * r - 0.331264 * g + 0.5 * b;
          blocks[2]![i] = 0.5 * r - 0.418688 * g - 0.081312 * b;
        }
      }
      for (let c = 0; c < 3; c++) dc[c] = encodeBlock(out, blocks[c]!, tables[c === 0 ? 0 : 1], dc[c]!);
    }
  }
  const dqt = [0, ...ZIGZAG.map((i) => tables[0][i]!), 1, ...ZIGZAG.map((i) => tables[1][i]!)];
  const sof = [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1];
  const dht = [0x00, ...DC_BITS, ...DC_SYMBOLS, 0x10, ...AC_BITS, ...AC_SYMBOLS];
  const sos = [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0];
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, [...Buffer.from("JFIF\0", "ascii"), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    segment(0xdb, dqt),
    segment(0xc0, sof),
    segment(0xc4, dht),
    segment(0xda, sos),
    out.finish(),
    Buffer.from([0xff, 0xd9]),
  ]);
}
