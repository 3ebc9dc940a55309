/** The console's stylesheet (served inline in its page). */
export const CONSOLE_STYLE = `
:root {
  --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --paper: #ffffff; --page: #f3f4f6;
  --ok: #047857; --ok-bg: #d1fae5; --run: #1d4ed8; --run-bg: #dbeafe; --wait: #4b5563; --wait-bg: #e5e7eb;
  --bad: #b91c1c; --bad-bg: #fee2e2; --gone: #92400e; --gone-bg: #fef3c7; --accent: #4f46e5;
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: var(--page); }
code, .mono { font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
header { display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; padding: 14px 24px;
  background: var(--ink); color: #f9fafb; }
header h1 { margin: 0; font-size: 18px; font-weight: 650; letter-spacing: .01em; }
header .sub { color: #9ca3af; }
header .clock { margin-left: auto; color: #d1d5db; }
header .clock b { color: #fff; font-weight: 600; }
#live { display: inline-block; margin-left: 8px; padding: 1px 8px; border-radius: 999px; background: #065f46;
  color: #d1fae5; font-size: 12px; }
#live.stale { background: #7f1d1d; color: #fee2e2; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 20px; padding: 20px 24px; }
section { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 16px;
  margin-bottom: 20px; }
section h2 { margin: 0 0 12px; font-size: 15px; font-weight: 650; }
section h2 small { color: var(--muted); font-weight: 400; margin-left: 6px; }
.cards { display: grid; grid-template-columns: repeat(2, 1fr); gap: 8px; }
#summary h3 { margin: 14px 0 8px; font-size: 13px; font-weight: 600; }
#summary h3 small { color: var(--muted); font-weight: 400; margin-left: 4px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; }
.card b { display: block; font-size: 20px; font-weight: 650; }
.card span { color: var(--muted); font-size: 12px; }
table { width: 100%; border-collapse: collapse; }
th { text-align: left; font-size: 12px; font-weight: 600; color: var(--muted); border-bottom: 1px solid var(--line);
  padding: 6px 8px; white-space: nowrap; }
td { border-bottom: 1px solid var(--line); padding: 7px 8px; vertical-align: top; }
tr.request td { background: #f9fafb; }
tr.request pre { margin: 0; max-height: 320px; overflow: auto; }
.vendor { font-weight: 600; }
.vendor small, .kind small { display: block; color: var(--muted); font-weight: 400; }
#jobs { overflow-x: auto; }
.kind small { max-width: 200px; overflow-wrap: anywhere; }
.id { max-width: 130px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.key { max-width: 150px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: #374151; }
.key small { color: var(--muted); font-family: system-ui, sans-serif; margin-right: 4px; }
.time { white-space: nowrap; color: #374151; }
.time small, th small { display: block; color: var(--muted); font-weight: 400; }
button.toggle { width: 26px; height: 26px; padding: 0; margin: -3px 8px 0 0; font-size: 15px; line-height: 1;
  vertical-align: middle; color: var(--ink); background: #f9fafb; }
a.to-results { display: block; margin-top: 4px; font-size: 12px; color: var(--accent); text-decoration: none;
  white-space: nowrap; }
a.to-results:hover { text-decoration: underline; }
.group { scroll-margin-top: 12px; }
.group:target { outline: 2px solid var(--accent); outline-offset: 6px; border-radius: 4px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600;
  white-space: nowrap; }
.s-ok { color: var(--ok); background: var(--ok-bg); }
.s-running { color: var(--run); background: var(--run-bg); }
.s-queued { color: var(--wait); background: var(--wait-bg); }
.s-failed { color: var(--bad); background: var(--bad-bg); }
.s-expired, .s-cancelled { color: var(--gone); background: var(--gone-bg); }
.failure { display: block; color: var(--bad); font-size: 12px; margin-top: 2px; max-width: 200px;
  overflow-wrap: anywhere; }
.bar { width: 90px; height: 6px; border-radius: 3px; background: var(--line); overflow: hidden; margin-top: 6px; }
.bar i { display: block; height: 100%; background: var(--run); }
.bar.done i { background: var(--ok); }
button { font: inherit; font-size: 12px; padding: 3px 9px; border-radius: 6px; border: 1px solid #d1d5db;
  background: #fff; color: var(--ink); cursor: pointer; }
button:hover:not(:disabled) { border-color: var(--accent); color: var(--accent); }
button:disabled { opacity: .4; cursor: default; }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button.danger:hover:not(:disabled) { border-color: var(--bad); color: var(--bad); }
/* Stacked, so that the table fits beside the side panel at 1366 px without hiding the last button. */
.actions { white-space: nowrap; width: 1%; }
.actions button { display: block; width: 100%; }
.actions button + button { margin-top: 4px; }
.empty { color: var(--muted); padding: 12px 0; }
.group { margin-bottom: 18px; }
.group h3 { margin: 0 0 8px; font-size: 13px; font-weight: 600; display: flex; gap: 8px; align-items: baseline;
  flex-wrap: wrap; }
.group h3 .mono { color: var(--muted); font-weight: 400; }
.shots { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 12px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; background: #f9fafb; }
figure img { display: block; width: 100%; height: auto; background: #e5e7eb; }
figcaption { padding: 6px 8px; font-size: 12px; }
figcaption a.url { display: block; overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
  color: var(--accent); }
figcaption .note { color: var(--muted); }
.files { margin: 0; padding-left: 18px; overflow-wrap: anywhere; }
.waiting { color: var(--muted); font-size: 13px; }
form label { display: grid; grid-template-columns: 1fr 84px; align-items: center; gap: 8px; margin-bottom: 6px;
  font-size: 13px; }
form label small { display: block; color: var(--muted); font-size: 11px; }
input[type=number] { width: 84px; font: inherit; font-size: 13px; padding: 3px 6px; border: 1px solid #d1d5db;
  border-radius: 6px; }
.row { display: flex; gap: 6px; flex-wrap: wrap; margin-top: 8px; }
.muted { color: var(--muted); font-size: 12px; }
#notice { min-height: 18px; font-size: 12px; color: var(--ok); margin: 8px 0 0; }
#notice.error { color: var(--bad); }
/* One column below 1000 px: minmax(0, …) lets the column shrink below its content's widest line. */
@media (max-width: 1000px) { .layout { grid-template-columns: minmax(0, 1fr); } }
/* Phones and narrow windows. */
@media (max-width: 700px) {
  header { padding: 12px 14px; gap: 6px 12px; }
  header .clock { margin-left: 0; }
  .layout { padding: 12px; gap: 12px; }
  section { padding: 12px; margin-bottom: 12px; }
  .shots { grid-template-columns: minmax(0, 1fr); }
  form label { grid-template-columns: minmax(0, 1fr) 84px; }
}
/* When the job list is narrower than its table needs (about 800 px: side panel beside it, a tablet, a phone),
   each job becomes a small card, so that no column hides behind a scroll bar. */
#jobs { container-type: inline-size; }
@container (max-width: 840px) {
  #jobs thead { display: none; }
  #jobs table, #jobs tbody { display: block; }
  #jobs tbody tr[data-job-id] { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
    gap: 2px 10px; padding: 8px 0; border-bottom: 1px solid var(--line); }
  #jobs tbody td { border: 0; padding: 2px 0; min-width: 0; overflow-wrap: anywhere; }
  .kind small { max-width: none; }
  #jobs td.id, #jobs td.key { max-width: none; grid-column: 1 / -1; }
  #jobs td.actions { grid-column: 1 / -1; width: auto; display: flex; gap: 6px; }
  .actions button { width: auto; }
  .actions button + button { margin-top: 0; }
  #jobs tr.request, #jobs tr.request td { display: block; }
}
`;
