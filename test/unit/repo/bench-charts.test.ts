// The bench's SVG charts: drawn from the committed results through the adapter, with every figure of the
// input in the drawing and bars to scale.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { type BenchResultsV1, type ChartInput, chartInputFromResults } from "../../../harness/charts/chart-input";
import { clientsChart, stackWallTimeChart, waiterChart } from "../../../harness/charts/charts";
import { niceTicks } from "../../../harness/charts/svg-chart";
import { chartsOf } from "../../../harness/charts/write-charts";

const latestFile = path.join(__dirname, "..", "..", "..", "bench", "results", "latest.json");
const latest = JSON.parse(fs.readFileSync(latestFile, "utf8")) as BenchResultsV1;

const INPUT: ChartInput = {
  run: { generatedAt: "2026-01-02T03:04:05Z", machine: "2 CPUs", quick: false },
  stacks: [
    { label: "10 scene", n: 10, wallSeconds: 20, floorSeconds: 10 },
    { label: "50 scene", n: 50, wallSeconds: 40, floorSeconds: 30 },
  ],
  floorMethod: "measured floor",
  waiter: [
    { series: "A", jobLatencySeconds: 3, pollsPerJob: 3, detectionDelay: { p50Seconds: 0.4, p90Seconds: 0.9 } },
    { series: "B", jobLatencySeconds: 300, pollsPerJob: 10, detectionDelay: { upperBoundSeconds: 70 } },
  ],
  waiterMethod: "batches of 20 jobs",
  clients: [
    {
      request: "R",
      client: "ours",
      official: false,
      requestsPerSecond: 200,
      p50Ms: 1,
      p99Ms: 2,
      cpuMicrosPerRequest: 41,
    },
    { request: "R", client: "theirs", official: true, requestsPerSecond: 100, p50Ms: 2, p99Ms: 4 },
  ],
  clientsMethod: "32 concurrent",
};

/** Heights of the bars (rects with rounded corners) in drawing order. */
const barHeights = (svg: string) =>
  [...svg.matchAll(/<rect [^>]*height="([\d.]+)"[^>]*rx="2"/g)].map((m) => Number(m[1]));

describe("the chart input adapter", () => {
  it("reads today's results file: the waiter's measured detection delay, p50 and p90, per batch", () => {
    const input = chartInputFromResults(latest);
    expect(input.stacks.map((s) => s.n)).toEqual(latest.stackThroughput.map((s) => s.n));
    const sdk = latest.sdkVsOfficial;
    const official = "runs" in sdk ? sdk.runs.flatMap((r) => r.clients).filter((c) => c.official).length : 2;
    expect(official).toBeGreaterThan(0);
    expect(input.clients.filter((c) => c.official)).toHaveLength(official);
    const runs = latest.waiter!;
    expect(input.waiter).toHaveLength(runs.length);
    const i = runs.findIndex((w) => w.service === "alibaba-vod" && w.history === "learned" && w.latencySeconds === 30);
    expect(input.waiter[i]).toEqual({
      series: "Alibaba VOD (batched), with history",
      jobLatencySeconds: 30,
      pollsPerJob: runs[i]!.callsPerJob, // vendor calls: VOD polls share them
      detectionDelay: {
        p50Seconds: runs[i]!.detectionDelay.p50Seconds,
        p90Seconds: runs[i]!.detectionDelay.p90Seconds,
      },
    });
    expect(new Set(input.waiter.map((w) => w.series)).size).toBe(6);
    expect(input.waiter.every((w) => w.detectionDelay && "p90Seconds" in w.detectionDelay)).toBe(true);
  });

  it("reads an older results file: an upper bound on the delay from each batch's wall time", () => {
    const older = {
      ...latest,
      waiter: undefined,
      pollsPerJob: [
        {
          service: "tencent-vod",
          latencySeconds: 30,
          timeScale: 10,
          jobs: 20,
          pollCallsPerJob: 8.45,
          wallSeconds: 4.5,
        },
      ],
    };
    const input = chartInputFromResults(older);
    // A batch of 30 s jobs on a clock 10× faster, done 4.5 s after it started: at most 15 s late in job time.
    expect(input.waiter).toEqual([
      {
        series: "Tencent VOD, clock ×10",
        jobLatencySeconds: 30,
        pollsPerJob: 8.45,
        detectionDelay: { upperBoundSeconds: 15 },
      },
    ]);
    expect(input.waiterMethod).toMatch(/half the elapsed time/);
  });

  it("reads the client comparison at several concurrencies, with client CPU per request", () => {
    const row = (id: string, request: string, client: string, official: boolean, rps: number) => ({
      id,
      request,
      client,
      official,
      requestsPerSecond: rps,
      p50Ms: 1,
      p99Ms: 3,
      cpuMicrosPerRequest: 1e6 / rps,
    });
    const runs = [16, 32].map((concurrency) => ({
      concurrency,
      clients: [
        row("tencent-ours", "Tencent DescribeTaskDetail", "ours", false, 2000 + concurrency),
        row("tencent-official", "Tencent DescribeTaskDetail", "theirs", true, 1000),
        row("ice-ours-acs3", "ICE QueryIProductionJob", "ours (ACS3)", false, 1500),
        row("ice-pop-core", "ICE QueryIProductionJob", "pop-core", true, 1000),
        row("ice-openapi-client", "ICE QueryIProductionJob", "openapi-client", true, 900),
      ],
    }));
    const input = chartInputFromResults({ ...latest, sdkVsOfficial: { seconds: 1.5, rounds: 8, runs } });
    expect(input.clients.map((c) => c.request)).toEqual([
      ...Array(2).fill("Tencent DescribeTaskDetail, 16 concurrent"),
      ...Array(3).fill("ICE QueryIProductionJob, 16 concurrent"),
      ...Array(2).fill("Tencent DescribeTaskDetail, 32 concurrent"),
      ...Array(3).fill("ICE QueryIProductionJob, 32 concurrent"),
    ]);
    expect(input.clients[5]).toMatchObject({
      client: "ours",
      requestsPerSecond: 2032,
      cpuMicrosPerRequest: 1e6 / 2032,
    });
    expect(input.clientsMethod).toBe(
      "independent loopback server, same run: 16 and 32 concurrent, 8 × 1.5 s per client",
    );
    // The chart compares each of ours with the first official SDK of its request.
    expect(clientsChart(input)).toContain("1,500 req/s  ×1.50");
  });

  it("names the floor as the file describes it: measured in the run, or the formula of older files", () => {
    const measured = chartInputFromResults({ ...latest, stackFloor: "floor measured in the same run" });
    expect(measured.floorMethod).toBe("floor measured in the same run");
    const { stackFloor: _s, ...older } = latest;
    expect(chartInputFromResults(older).floorMethod).toMatch(/^floor = max\(N ÷ the vendors' create rate/);
  });

  it("refuses a file that is not bench results", () => {
    expect(() => chartInputFromResults({} as BenchResultsV1)).toThrow(/no stackThroughput/);
    expect(() => chartInputFromResults({ ...latest, waiter: undefined, pollsPerJob: undefined })).toThrow(
      /no waiter \(nor pollsPerJob\)/,
    );
  });
});

describe("the charts", () => {
  it("stack wall time: every figure printed, bars to scale", () => {
    const svg = stackWallTimeChart(INPUT);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="760" height="380"/);
    for (const t of ["N = 10 scene", "N = 50 scene", "20 s", "40 s", "30 s", "×2.00 of the floor", "measured floor"])
      expect(svg).toContain(t);
    const [wall10, floor10, wall50, floor50] = barHeights(svg).slice(2); // after the two legend squares
    expect(wall10! / floor10!).toBeCloseTo(2, 1);
    expect(wall50! / floor50!).toBeCloseTo(40 / 30, 1);
  });

  it("waiter: percentiles and upper bounds are drawn differently and explained", () => {
    const svg = waiterChart(INPUT);
    expect(svg).toContain("batches of 20 jobs");
    expect(svg).toContain("0.4 s");
    expect(svg).toContain("≤ 70 s");
    expect(svg).toContain("dot p50 (labelled in seconds), bar up to p90");
    // Delays are drawn as a share of each job's latency, against the 10% target: 0.4 s of a 3 s job is 13.3%,
    // 70 s of a 300 s job 23.3%.
    expect(svg).toContain("detection delay, % of the job&#39;s latency");
    expect(svg).toContain("target 10%");
    const dots = [...svg.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    const marker = /<path d="M[\d.]+ ([\d.]+)h10l-5 8z"/.exec(svg)!;
    const baseline = 470 - 160;
    const heightOf13 = baseline - dots[2]!; // the delay panel's dot comes after the two polls dots
    const heightOf23 = baseline - (Number(marker[1]) + 4);
    expect(heightOf23 / heightOf13).toBeCloseTo(70 / 300 / (0.4 / 3), 1);
    expect(svg).toContain("upper bound");
  });

  it("clients: requests per second with the ratio to the official SDK and CPU when measured", () => {
    const svg = clientsChart(INPUT);
    expect(svg).toContain("200 req/s  ×2.00 · p50 1 ms · p99 2 ms, 41 µs CPU");
    const [ours, theirs] = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"[^>]*rx="2"/g)]
      .map((m) => Number(m[1]))
      .slice(2);
    expect(ours! / theirs!).toBeCloseTo(2, 2);
  });

  it("are the same bytes for the same input, with text escaped", () => {
    expect(stackWallTimeChart(INPUT)).toBe(stackWallTimeChart(INPUT));
    const svg = clientsChart({ ...INPUT, clientsMethod: "a < b & c" });
    expect(svg).toContain("a &lt; b &amp; c");
  });

  it("round tick values", () => {
    expect(niceTicks(33)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(9.4, 4)).toEqual([0, 2.5, 5, 7.5, 10]);
  });

  it("npm run charts writes three files next to the results, prefixed unless they are latest.json", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charts-"));
    try {
      fs.copyFileSync(latestFile, path.join(dir, "latest.json"));
      fs.copyFileSync(latestFile, path.join(dir, "quick.json"));
      expect(chartsOf(path.join(dir, "latest.json")).map((f) => path.basename(f))).toEqual([
        "stack-wall-time.svg",
        "waiter.svg",
        "clients.svg",
      ]);
      expect(chartsOf(path.join(dir, "quick.json")).map((f) => path.basename(f))[0]).toBe("quick-stack-wall-time.svg");
      // The committed charts are what the committed results draw.
      for (const name of ["stack-wall-time.svg", "waiter.svg", "clients.svg"]) {
        const committed = fs.readFileSync(path.join(path.dirname(latestFile), name), "utf8");
        expect(fs.readFileSync(path.join(dir, name), "utf8"), name).toBe(committed);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
