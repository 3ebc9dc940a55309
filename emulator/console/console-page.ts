import { CONSOLE_SCRIPT } from "./console-script";
import { CONSOLE_STYLE } from "./console-style";

const FAULT_FIELDS: ReadonlyArray<[id: string, label: string, hint: string, step: string]> = [
  ["serverError", "Server errors", "share answered 5xx, not processed", "0.01"],
  ["throttle", "Throttling", "share answered with the vendor's throttling error", "0.01"],
  ["resetBefore", "Reset before", "connection dropped before processing", "0.01"],
  ["resetAfter", "Reset after", "processed (job recorded), then dropped", "0.01"],
  ["slow", "Slow", "share answered after the delay below", "0.01"],
  ["slowMs", "Delay, ms", "of a slow answer", "100"],
  ["maxFaults", "At most", "faults in all (empty: no limit)", "1"],
];

/** The console's icon, inline (no request, so no 404): a rounded square with a play mark. */
const FAVICON =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#4f46e5"/>' +
      '<path d="M12 9l11 7-11 7z" fill="#fff"/></svg>',
  );

/**
 * The emulator's console, served at its root URL: jobs live, a gallery of their result images, the fault
 * controls and the clock, over the admin API. One static page for loopback use; it shows no credentials.
 */
export function consolePage(): string {
  const faultInputs = FAULT_FIELDS.map(
    ([id, label, hint, step]) =>
      `<label><span>${label}<small>${hint}</small></span>` +
      `<input type="number" id="f-${id}" min="0" ${step === "0.01" ? 'max="1" ' : ""}step="${step}"></label>`,
  ).join("\n        ");
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>pulumi-aigc emulator</title>
  <link rel="icon" href="${FAVICON}">
  <style>${CONSOLE_STYLE}</style>
</head>
<body>
  <header>
    <h1>pulumi-aigc emulator</h1>
    <span class="sub">Tencent VOD · Alibaba VOD, ICE and aicontent on <code id="endpoint"></code></span>
    <span class="clock">emulator clock <b id="clock-now">…</b> <span id="clock-offset"></span>
      <span id="clock-scale"></span><span id="live">connecting</span></span>
  </header>
  <div class="layout">
    <main>
      <section id="jobs">
        <h2>Jobs <small id="job-count"></small></h2>
        <table>
          <thead><tr><th>Vendor</th><th>Kind</th><th>Id</th><th>Status</th><th>Submitted<small>finished</small></th>
            <th>Idempotency key</th><th></th></tr></thead>
          <tbody></tbody>
        </table>
      </section>
      <section id="gallery">
        <h2>Results <small id="image-count"></small></h2>
        <p id="gallery-empty" class="empty">Result images appear here as jobs finish.</p>
        <div id="gallery-groups"></div>
      </section>
    </main>
    <aside>
      <section>
        <h2>Summary</h2>
        <div id="summary"></div>
      </section>
      <section>
        <h2>Faults <small>per vendor API request</small></h2>
        <form id="faults">
        ${faultInputs}
          <div class="row"><button type="submit" class="primary">Apply</button>
            <button type="button" id="faults-off">All off</button></div>
        </form>
      </section>
      <section>
        <h2>Clock</h2>
        <p class="muted">Jobs run on the emulator clock: advancing it finishes them sooner. Signatures are
          checked against real time.</p>
        <div class="row">
          <button data-advance="10000">+10 s</button><button data-advance="60000">+1 min</button>
          <button data-advance="3600000">+1 h</button><button data-advance="86400000">+1 day</button>
        </div>
        <form id="clock-form" class="row">
          <input type="number" id="advance-s" min="0" step="1" value="30" aria-label="seconds">
          <button type="submit">Advance seconds</button>
        </form>
      </section>
      <section>
        <h2>State</h2>
        <p class="muted">Finish or expire one job from its row. Reset forgets every job and counter.</p>
        <button id="reset" class="danger">Reset the emulator</button>
        <p id="notice" role="status"></p>
      </section>
    </aside>
  </div>
  <script>${CONSOLE_SCRIPT}</script>
</body>
</html>
`;
}
