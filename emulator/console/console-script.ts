/**
 * The console's script: plain browser JavaScript (no modules, no build step) that polls the admin API
 * once a second and drives its controls. It is text here so that `tsc` ships it inside `dist/emulator/`.
 */
export const CONSOLE_SCRIPT = String.raw`
"use strict";
(function () {
  var POLL_MS = 1000;
  var openRequests = new Set();
  var galleryHtml = new Map();
  var lastJobs = "";
  var VENDOR = { tencent: "Tencent", alibaba: "Alibaba" };
  var SERVICE = { vod: "VOD", ice: "ICE", aicontent: "aicontent" };

  function $(sel) { return document.querySelector(sel); }
  function esc(v) {
    return String(v == null ? "" : v).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function api(path, body) {
    var init = body === undefined ? {} :
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
    return fetch("/__emulator/" + path, init).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) throw new Error(j.error || ("HTTP " + r.status));
        return j;
      });
    });
  }
  function notice(text, isError) {
    var n = $("#notice");
    n.textContent = text;
    n.className = isError ? "error" : "";
  }
  function clock(iso) { return iso ? iso.slice(11, 19) : ""; }
  function seconds(ms) {
    var s = Math.round(ms / 1000);
    if (s < 120) return s + " s";
    if (s < 7200) return Math.round(s / 60) + " min";
    return (s / 3600).toFixed(1) + " h";
  }
  function outcome(j) {
    if (j.stage === "expired" || j.stage === "cancelled") return j.stage;
    if (j.stage === "done") return j.failure ? "failed" : "ok";
    return j.stage;
  }
  // The gallery group of a job, as a fragment a job row links to (ids are letters, digits and dashes).
  function resultsAnchor(id) { return "results-" + id.replace(/[^A-Za-z0-9_-]/g, "_"); }
  function imageCount(j) { return j.outputs.filter(function (o) { return o.media === "image"; }).length; }
  function resultsLink(j) {
    var n = imageCount(j);
    var files = j.outputs.length - n;
    if (!n && !files) return "";
    var what = n ? n + (n === 1 ? " image" : " images") : files + (files === 1 ? " file" : " files");
    return "<a class=\"to-results\" href=\"#" + resultsAnchor(j.id) + "\">" + what + " ↓</a>";
  }
  function shortId(id) { return id.length > 24 ? id.slice(0, 10) + "…" + id.slice(-8) : id; }
  // pulumi-aigc's provider marks Alibaba jobs with this field in their UserData: show its value as the key.
  var MARKER = "pulumiAigcKey";
  function marker(text) {
    var found;
    function walk(v) {
      if (!v || typeof v !== "object" || found !== undefined) return;
      if (typeof v[MARKER] === "string") { found = v[MARKER]; return; }
      Object.keys(v).forEach(function (k) { walk(v[k]); });
    }
    try { walk(JSON.parse(text)); } catch (e) { /* UserData that is not JSON has no marker */ }
    return found;
  }
  function keyCell(j) {
    if (j.vendor === "tencent")
      return j.sessionId ? "<small>SessionId</small>" + esc(j.sessionId) : "<small>no SessionId</small>";
    var m = j.userData && marker(j.userData);
    if (m) return "<small>marker</small>" + esc(m);
    if (j.userData) return "<small>UserData</small>" + esc(j.userData);
    if (j.service === "ice" && j.name) return "<small>Name</small>" + esc(j.name);
    return "<small>aicontent jobs carry no client key</small>";
  }
  function keyTitle(j) { return j.sessionId || j.userData || j.name || ""; }
  function subject(j) {
    var r = j.request || {};
    if (r.SceneInfo && r.SceneInfo.Type) return r.SceneInfo.Type;
    if (r.ElementName) return r.ElementName;
    if (j.prompt) return j.prompt;
    if (j.name) return j.name;
    if (r.VideoId) return "video " + r.VideoId.slice(0, 8);
    return "";
  }

  function jobRow(j) {
    var o = outcome(j);
    var canFinish = j.stage === "queued" || j.stage === "running";
    var open = openRequests.has(j.id);
    var rows = "<tr data-job-id=\"" + esc(j.id) + "\" data-status=\"" + esc(j.status) + "\" data-outcome=\"" + o +
      "\">" +
      "<td class=\"vendor\"><button class=\"toggle\" data-act=\"request\" title=\"" +
      (open ? "hide" : "show") + " the request that created it\" aria-expanded=\"" + open + "\">" +
      (open ? "▾" : "▸") + "</button>" + esc(VENDOR[j.vendor]) + "<small>" + esc(SERVICE[j.service]) +
      "</small></td>" +
      "<td class=\"kind\">" + esc(j.kind) + "<small>" + esc(subject(j)) + "</small></td>" +
      "<td class=\"id mono\" title=\"" + esc(j.id) + "\">" + esc(shortId(j.id)) + "</td>" +
      "<td><span class=\"badge s-" + o + "\">" + esc(j.stage === "expired" ? "expired" : j.status) + "</span>" +
      (j.failure ? "<span class=\"failure\">" + esc(j.failure) + "</span>" : "") +
      "<div class=\"bar" + (j.progress >= 100 ? " done" : "") + "\" title=\"" + j.progress + "%\"><i style=\"width:" +
      j.progress + "%\"></i></div>" + resultsLink(j) + "</td>" +
      "<td class=\"time\"><span title=\"submitted " + esc(j.createdAt) + "\">" + clock(j.createdAt) + "</span>" +
      "<small title=\"finished " + esc(j.finishedAt || "") + "\">" + (clock(j.finishedAt) || "—") + "</small></td>" +
      "<td class=\"key mono\" title=\"" + esc(keyTitle(j)) + "\">" + keyCell(j) + "</td>" +
      "<td class=\"actions\">" +
      "<button data-act=\"finish\"" + (canFinish ? "" : " disabled") + " title=\"finish it now\">finish</button>" +
      "<button data-act=\"expire\" class=\"danger\"" + (j.stage === "expired" ? " disabled" : "") +
      " title=\"the vendor no longer returns it\">expire</button></td></tr>";
    if (openRequests.has(j.id))
      rows += "<tr class=\"request\"><td colspan=\"7\"><pre class=\"mono\">" +
        esc(JSON.stringify(j.request, null, 2)) + "</pre></td></tr>";
    return rows;
  }

  function renderJobs(jobs) {
    var body = $("#jobs tbody");
    body.innerHTML = jobs.length ? jobs.map(jobRow).join("") :
      "<tr><td colspan=\"7\" class=\"empty\">No jobs yet: point a client or a stack at this emulator.</td></tr>";
    $("#job-count").textContent = jobs.length ? jobs.length + " submitted" : "";
  }

  function figure(j, out) {
    var aic = j.service === "aicontent";
    return "<figure data-job-id=\"" + esc(j.id) + "\" data-index=\"" + out.index + "\">" +
      "<a href=\"" + esc(out.previewUrl) + "\" target=\"_blank\" rel=\"noopener\">" +
      "<img alt=\"output " + (out.index + 1) + " of " + esc(j.id) + "\" src=\"" + esc(out.previewUrl) + "\"></a>" +
      "<figcaption>#" + (out.index + 1) + (out.fileId ? " · FileId <span class=\"mono\">" + esc(out.fileId) +
      "</span>" : "") +
      "<a class=\"url mono\" href=\"" + esc(aic ? out.previewUrl : out.url) + "\" title=\"" + esc(out.url) +
      "\" target=\"_blank\" rel=\"noopener\">" + esc(out.url) + "</a>" +
      (aic ? "<span class=\"note\">QueryImageAsset address: fetching it needs a signed GET; the preview is " +
        "served by the emulator.</span>" : "") +
      "</figcaption></figure>";
  }

  function group(j) {
    var images = j.outputs.filter(function (o) { return o.media === "image"; });
    var files = j.outputs.filter(function (o) { return o.media !== "image"; });
    var body;
    if (images.length || files.length) {
      body = (images.length ? "<div class=\"shots\">" + images.map(function (o) { return figure(j, o); }).join("") +
        "</div>" : "") +
        (files.length ? "<ul class=\"files\">" + files.map(function (o) {
          return "<li>" + esc(o.media) + ": <a class=\"mono\" href=\"" + esc(o.url) + "\">" + esc(o.url) + "</a></li>";
        }).join("") + "</ul>" : "");
    } else if (j.result) {
      body = "<div class=\"waiting\">Result: <span class=\"mono\">" + esc(j.result) + "</span></div>";
    } else if (j.failure) {
      body = "<div class=\"waiting\">Failed: " + esc(j.failure) + "</div>";
    } else if (j.stage === "expired") {
      body = "<div class=\"waiting\">Expired: the vendor no longer returns this job.</div>";
    } else {
      body = "<div class=\"waiting\">" + esc(j.status) + " " + j.progress + "%: results appear when it finishes.</div>";
    }
    return "<div class=\"group\" id=\"" + resultsAnchor(j.id) + "\" data-job-id=\"" + esc(j.id) + "\"><h3>" +
      esc(VENDOR[j.vendor]) + " " + esc(SERVICE[j.service]) + " · " + esc(j.kind) +
      " <span class=\"mono\">" + esc(shortId(j.id)) + "</span></h3>" + body + "</div>";
  }

  function renderGallery(jobs) {
    var root = $("#gallery-groups");
    var seen = new Set();
    jobs.forEach(function (j, i) {
      seen.add(j.id);
      var html = group(j);
      var el = root.querySelector("[data-job-id=\"" + CSS.escape(j.id) + "\"]");
      if (!el || galleryHtml.get(j.id) !== html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.firstChild;
        if (el) root.replaceChild(fresh, el);
        else root.appendChild(fresh);
        galleryHtml.set(j.id, html);
        el = fresh;
      }
      if (root.children[i] !== el) root.insertBefore(el, root.children[i] || null);
    });
    Array.prototype.slice.call(root.children).forEach(function (el) {
      var id = el.getAttribute("data-job-id");
      if (!seen.has(id)) { root.removeChild(el); galleryHtml.delete(id); }
    });
    $("#gallery-empty").hidden = jobs.length > 0;
    var n = jobs.reduce(function (a, j) { return a + imageCount(j); }, 0);
    $("#image-count").textContent = n ? n + " images" : "";
  }

  function renderSummary(jobs, stats) {
    var count = function (o) { return jobs.filter(function (j) { return outcome(j) === o; }).length; };
    var t = stats.totals;
    var faults = Object.keys(stats.faults).reduce(function (a, k) { return a + stats.faults[k]; }, 0);
    // Jobs are kept with --state-file; the request counters are this process's own, zeroed by a restart or a
    // reset: they are labelled so, not shown beside the jobs as if they covered the same history.
    var jobCards = [
      [jobs.length, "jobs"], [count("running") + count("queued"), "in progress"], [count("ok"), "succeeded"],
      [count("failed"), "failed"]
    ];
    var trafficCards = [
      [t.requests, "API requests"], [t.submissions, "submissions"], [t.throttled, "throttled"],
      [faults, "faults injected"]
    ];
    function cards(list, cls) {
      return "<div class=\"cards" + cls + "\">" + list.map(function (c) {
        return "<div class=\"card\"><b>" + c[0] + "</b><span>" + c[1] + "</span></div>";
      }).join("") + "</div>";
    }
    $("#summary").innerHTML = cards(jobCards, " jobs-cards") +
      "<h3 id=\"since-start\" title=\"the counters below restart from 0 when the emulator restarts or is reset\">" +
      "Since start <small>" + esc(clock(stats.startedAt)) + " UTC</small></h3>" +
      cards(trafficCards, " traffic-cards");
  }

  function refresh() {
    return Promise.all([api("jobs"), api("stats"), api("clock")]).then(function (r) {
      var jobs = r[0].jobs;
      var text = JSON.stringify(jobs);
      if (text !== lastJobs) {
        lastJobs = text;
        renderJobs(jobs);
        renderGallery(jobs);
      }
      renderSummary(jobs, r[1]);
      $("#clock-now").textContent = r[2].now.replace("T", " ").slice(0, 19);
      $("#clock-offset").textContent = r[2].advancedMs ? "(advanced " + seconds(r[2].advancedMs) + ")" : "";
      $("#clock-scale").textContent = r[2].timeScale !== 1 ? "×" + r[2].timeScale : "";
      var live = $("#live");
      live.textContent = "live";
      live.className = "";
      document.body.setAttribute("data-ready", "true");
    }).catch(function (e) {
      var live = $("#live");
      live.textContent = "disconnected";
      live.className = "stale";
      live.title = String(e.message || e);
    });
  }

  var FAULTS = ["serverError", "throttle", "resetBefore", "resetAfter", "slow", "slowMs", "maxFaults"];
  var currentFaults = {};
  function loadFaults() {
    return api("faults").then(function (f) {
      currentFaults = f;
      FAULTS.forEach(function (k) { $("#f-" + k).value = f[k] === undefined ? "" : f[k]; });
    });
  }

  $("#jobs").addEventListener("click", function (ev) {
    var btn = ev.target.closest("button[data-act]");
    if (!btn) return;
    var id = btn.closest("tr").getAttribute("data-job-id");
    var act = btn.getAttribute("data-act");
    if (act === "request") {
      if (openRequests.has(id)) openRequests.delete(id); else openRequests.add(id);
      lastJobs = "";
      refresh();
      return;
    }
    api("jobs/" + encodeURIComponent(id), { action: act }).then(function () {
      notice(act + ": " + id);
      return refresh();
    }).catch(function (e) { notice(e.message, true); });
  });

  $("#faults").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var next = {};
    if (currentFaults.actions) next.actions = currentFaults.actions;
    if (currentFaults.seed !== undefined) next.seed = currentFaults.seed;
    FAULTS.forEach(function (k) {
      var v = $("#f-" + k).value;
      if (v !== "") next[k] = Number(v);
    });
    api("faults", next).then(function () {
      notice("fault rates applied");
      return loadFaults();
    }).catch(function (e) { notice(e.message, true); });
  });
  $("#faults-off").addEventListener("click", function () {
    api("faults", {}).then(function () {
      notice("fault injection off");
      return loadFaults();
    }).catch(function (e) { notice(e.message, true); });
  });

  function advance(ms) {
    api("clock", { advanceMs: ms }).then(function () {
      notice("clock advanced " + seconds(ms));
      return refresh();
    }).catch(function (e) { notice(e.message, true); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-advance]"), function (b) {
    b.addEventListener("click", function () { advance(Number(b.getAttribute("data-advance"))); });
  });
  $("#clock-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    advance(Number($("#advance-s").value) * 1000);
  });
  $("#reset").addEventListener("click", function () {
    if (!window.confirm("Forget every job and reset the counters?")) return;
    api("reset", {}).then(function () {
      notice("emulator reset");
      return refresh();
    }).catch(function (e) { notice(e.message, true); });
  });

  $("#endpoint").textContent = location.origin;
  loadFaults().catch(function (e) { notice(e.message, true); });
  refresh();
  setInterval(refresh, POLL_MS);
})();
`;
