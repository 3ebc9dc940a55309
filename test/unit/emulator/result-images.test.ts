// The emulator's result images, decoded by independent decoders (pngjs, jpeg-js): valid files of the
// right size and type, with the job's text drawn where the layout puts it.
import * as jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FONT_CHARACTERS, GLYPH_HEIGHT, GLYPH_WIDTH, glyphRows } from "../../../emulator/images/font";
import { AC_BITS, AC_SYMBOLS, DC_BITS, DC_SYMBOLS, encodeJpeg } from "../../../emulator/images/jpeg-encoder";
import { encodePng } from "../../../emulator/images/png-encoder";
import { Raster } from "../../../emulator/images/raster";
import { type ResultImageLabel, renderResultImage, shortJobId, wrapWords } from "../../../emulator/images/result-image";
import { serveResultFile } from "../../../emulator/result-files";
import { type RunningEmulator, startEmulator } from "../../../emulator/server";

const decodePng = (b: Buffer) => PNG.sync.read(b);
/** Rows (y) where two RGBA images of one size differ. */
function differingRows(a: { data: Uint8Array | Buffer; width: number; height: number }, b: typeof a): number[] {
  const rows: number[] = [];
  for (let y = 0; y < a.height; y++) {
    const o = y * a.width * 4;
    if (
      Buffer.compare(Buffer.from(a.data.subarray(o, o + a.width * 4)), Buffer.from(b.data.subarray(o, o + a.width * 4)))
    )
      rows.push(y);
  }
  return rows;
}

const LABEL: ResultImageLabel = {
  vendor: "Tencent VOD",
  kind: "SceneAigcImageTask",
  jobId: "251007502-SceneAigcImageTask-9f0c12ab34cd56ef9f0c12ab34cd56eft",
  index: 0,
  count: 2,
  caption: "product_image: on a white marble table, soft morning light",
};

describe("the bitmap font", () => {
  it("draws every printable ASCII character in a 5×8 grid", () => {
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
    expect([...FONT_CHARACTERS].sort()).toEqual([...printable].sort());
    for (const ch of printable) {
      const rows = glyphRows(ch);
      expect(rows, ch).toHaveLength(GLYPH_HEIGHT);
      for (const row of rows) expect(row, ch).toMatch(new RegExp(`^[#.]{${GLYPH_WIDTH}}$`));
    }
    // No two characters look the same (a space is the only blank one).
    const shapes = new Set(printable.map((ch) => glyphRows(ch).join("|")));
    expect(shapes.size).toBe(printable.length);
  });
});

describe("the PNG encoder", () => {
  it("round-trips every pixel through pngjs", () => {
    const r = new Raster(37, 21);
    r.gradient([250, 10, 90], [5, 200, 120]);
    r.text(1, 1, "Ag", 2, [255, 255, 255]);
    const png = decodePng(encodePng(r));
    expect([png.width, png.height]).toEqual([37, 21]);
    for (let i = 0; i < 37 * 21; i++)
      expect([...png.data.subarray(i * 4, i * 4 + 3)]).toEqual([...r.data.subarray(i * 3, i * 3 + 3)]);
  });
});

describe("the JPEG encoder", () => {
  it("carries Huffman tables that cover every baseline symbol once", () => {
    expect(DC_BITS.reduce((a, b) => a + b)).toBe(DC_SYMBOLS.length);
    expect(AC_BITS.reduce((a, b) => a + b)).toBe(AC_SYMBOLS.length);
    const needed = [0x00, 0xf0];
    for (let run = 0; run < 16; run++) for (let size = 1; size <= 10; size++) needed.push((run << 4) | size);
    expect([...AC_SYMBOLS].sort((a, b) => a - b)).toEqual(needed.sort((a, b) => a - b));
  });

  it("decodes with jpeg-js to the same size, close to the source pixels", () => {
    // Sizes that are not multiples of 8 exercise the edge blocks.
    const r = new Raster(203, 117);
    r.gradient([200, 40, 90], [20, 180, 240]);
    r.rect(10, 10, 180, 40, [0, 0, 0], 0.6);
    r.text(14, 14, "Hello, JPEG! gjpqy", 2, [255, 255, 255]);
    const file = encodeJpeg(r);
    expect([...file.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    const d = jpeg.decode(file, { useTArray: true });
    expect([d.width, d.height]).toEqual([203, 117]);
    let sum = 0;
    for (let i = 0; i < 203 * 117; i++)
      for (let c = 0; c < 3; c++) sum += Math.abs(d.data[i * 4 + c]! - r.data[i * 3 + c]!);
    // Quality 90 with sharp text: a mean error of a few levels out of 255.
    expect(sum / (203 * 117 * 3)).toBeLessThan(3);
  });
});

describe("result images", () => {
  it("short ids and caption wrapping", () => {
    expect(shortJobId(LABEL.jobId)).toBe("9f0c12ab");
    expect(shortJobId("357a8748c5774a0e89d2726e6436aa01")).toBe("357a8748");
    expect(shortJobId("12")).toBe("12");
    expect(wrapWords("one two three four five", 9, 2)).toEqual(["one two", "three.."]);
    expect(wrapWords("a supercalifragilistic word", 8, 3)).toEqual(["a", "superc..", "word"]);
  });

  it("are PNGs of the asked size whose pixels differ only where the caption differs", () => {
    const a = decodePng(renderResultImage(LABEL, 512, 384, "png").body);
    const b = decodePng(renderResultImage({ ...LABEL, caption: "ai_try_on: zip it up" }, 512, 384, "png").body);
    expect([a.width, a.height]).toEqual([512, 384]);
    const rows = differingRows(a, b);
    expect(rows.length).toBeGreaterThan(0);
    // The caption is the text block's last lines: below the title and three label lines (scale 3).
    expect(Math.min(...rows)).toBeGreaterThanOrEqual(12 + 40 + 3 * 30);
    expect(Math.max(...rows)).toBeLessThan(12 + 40 + 6 * 30);
  });

  it("tell two jobs and two outputs of one job apart", () => {
    const a = renderResultImage(LABEL, 512, 288, "png").body;
    const otherJob = renderResultImage({ ...LABEL, jobId: LABEL.jobId.replace("9f0c", "1111") }, 512, 288, "png").body;
    const otherOutput = renderResultImage({ ...LABEL, index: 1 }, 512, 288, "png").body;
    expect(a.equals(otherJob)).toBe(false);
    expect(a.equals(otherOutput)).toBe(false);
    expect(a.equals(renderResultImage(LABEL, 512, 288, "png").body)).toBe(true); // stable across requests
  });

  it("draw the text in white on the label panel", () => {
    const img = decodePng(renderResultImage(LABEL, 512, 512, "png").body);
    // The vendor line starts at (12, 12) with 4-pixel cells: "T" is a top bar and a stem in its middle column.
    const px = (x: number, y: number) => [...img.data.subarray((y * 512 + x) * 4, (y * 512 + x) * 4 + 3)];
    const white = [255, 255, 255];
    expect(px(13, 13)).toEqual(white); // the bar, first column
    expect(px(13, 17)).not.toEqual(white); // under the bar, first column
    expect(px(12 + 2 * 4 + 1, 12 + 5 * 4 + 1)).toEqual(white); // the stem
    expect(px(12 + 4 * 4 + 1, 12 + 5 * 4 + 1)).not.toEqual(white); // right of the stem
  });

  it("are JPEGs with a JPEG content type when asked", () => {
    const img = renderResultImage(LABEL, 512, 288, "jpeg");
    expect(img.contentType).toBe("image/jpeg");
    const d = jpeg.decode(img.body);
    expect([d.width, d.height]).toEqual([512, 288]);
  });
});

describe("result files served by the emulator", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, env: {} });
  });
  afterAll(() => emu.close());

  it("serve .jpg as image/jpeg, .png as image/png and other outputs as text", () => {
    const cover = serveResultFile(emu.context, "/files/ice/0123/covers/launch-00001.jpg");
    expect(cover.contentType).toBe("image/jpeg");
    expect(jpeg.decode(cover.body as Buffer).width).toBe(512);
    const png = serveResultFile(emu.context, "/files/vod/abc/image/ai/0123-00001.png");
    expect(png.contentType).toBe("image/png");
    expect(decodePng(png.body as Buffer).width).toBe(512);
    expect(serveResultFile(emu.context, "/files/ice/0123/clip.mp4").contentType).toMatch(/^text\/plain/);
  });

  it("size and label an image from the job it belongs to", () => {
    emu.context.store.put("tencentTask", "251007502-SceneAigcImageTask-aaaat", {
      TaskId: "251007502-SceneAigcImageTask-aaaat",
      TaskType: "SceneAigcImageTask",
      SubAppId: 251007502,
      createdAt: 0,
      latencyMs: 0,
      request: { SceneInfo: { Type: "outpainting" } },
      SessionId: "",
      SessionContext: "",
      files: [{ index: 0, FileId: "", width: 512, height: 288 }],
    });
    const known = serveResultFile(emu.context, "/files/tencent/251007502/251007502-SceneAigcImageTask-aaaat/0/x.png");
    expect([decodePng(known.body as Buffer).width, decodePng(known.body as Buffer).height]).toEqual([512, 288]);
    const unknown = serveResultFile(emu.context, "/files/tencent/251007502/other/0/x.png");
    expect(decodePng(unknown.body as Buffer).height).toBe(512);
  });
});
