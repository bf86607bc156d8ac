// The review page. Every piece of article or claim text goes in through textContent, never innerHTML.
"use strict";

const FIELDS = [
  ["kind", "Kind"], ["speaker.name", "Speaker"], ["speaker.type", "Speaker type"], ["speaker.title", "Title"],
  ["arms_transfer.supplier", "Supplier"], ["arms_transfer.recipient", "Recipient"],
  ["arms_transfer.items", "Items (; )"], ["arms_transfer.status", "Status"], ["stance.label", "Stance"],
  ["certainty", "Certainty"], ["direction", "Direction"],
];
const app = { meta: null, rows: [], index: -1, detail: null, filters: {} };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function get(obj, path) {
  return path.split(".").reduce((value, key) => (value == null ? null : value[key]), obj);
}

function show(message, isError = false) {
  const box = document.getElementById("message");
  box.textContent = message;
  box.className = isError ? "error" : "";
}

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  };
  const response = await fetch(path, options);
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function showProgress(progress) {
  document.getElementById("progress").textContent = `${progress.reviewed} / ${progress.total} reviewed`;
  const bar = document.getElementById("progress-bar");
  bar.max = Math.max(progress.total, 1);
  bar.value = progress.reviewed;
}

function buildFilters() {
  const form = document.getElementById("filters");
  for (const name of app.meta.filters) {
    const select = el("select", { name, id: `filter-${name}` }, el("option", { value: "", text: "any" }));
    for (const [value, count] of app.meta.facets[name]) {
      select.append(el("option", { value, text: `${value} (${count})` }));
    }
    select.addEventListener("change", async () => {
      app.filters[name] = select.value;
      await loadQueue();
      await select_(firstPending());
    });
    form.append(el("label", {}, name, select));
  }
}

async function loadQueue(keepId) {
  const query = new URLSearchParams(Object.entries(app.filters).filter(([, v]) => v));
  const data = await api(`/api/claims?${query}`);
  app.rows = data.claims;
  if (keepId) app.index = app.rows.findIndex((row) => row.claim_id === keepId);
  showProgress(data.progress);
  renderQueue();
}

function renderQueue() {
  const list = document.getElementById("queue");
  list.replaceChildren();
  app.rows.forEach((row, i) => {
    const score = row.score == null ? "no stance" : `${row.stance} ${row.score.toFixed(2)}`;
    const item = el("li", { class: row.status + (i === app.index ? " current" : ""), "data-id": row.claim_id },
      el("div", { text: row.text.length > 140 ? row.text.slice(0, 140) + "…" : row.text }),
      el("div", { class: "meta" }, el("span", { class: "status", text: row.status }),
         ` · ${row.kind} · ${row.speaker} · ${score}`));
    item.addEventListener("click", () => select_(i));
    list.append(item);
  });
}

function firstPending() {
  const i = app.rows.findIndex((row) => row.status === "pending");
  return i >= 0 ? i : 0;
}

async function select_(i) {
  if (!app.rows.length) {
    app.index = -1;
    show("No claims match these filters.");
    return;
  }
  app.index = Math.max(0, Math.min(i, app.rows.length - 1));
  app.detail = await api(`/api/claims/${encodeURIComponent(app.rows[app.index].claim_id)}`);
  renderQueue();
  renderArticle();
  renderClaim();
  const current = document.querySelector("#queue li.current");
  if (current) current.scrollIntoView({ block: "nearest" });
  const mark = document.querySelector("#article-text .claim");
  if (mark) mark.scrollIntoView({ block: "center" });
}

function renderArticle() {
  const { article, claim } = app.detail;
  document.getElementById("article-title").textContent = article.title || article.article_id;
  document.getElementById("article-meta").textContent =
    [article.published, (article.authors || []).join(", "), article.url].filter(Boolean).join(" · ");
  const text = article.text || "";
  const spans = article.spans;
  const cuts = new Set([0, text.length, claim.start, claim.end]);
  for (const span of spans) { cuts.add(span.start); cuts.add(span.end); }
  const points = [...cuts].filter((n) => n >= 0 && n <= text.length).sort((a, b) => a - b);
  const box = document.getElementById("article-text");
  box.replaceChildren();
  const labels = new Set();
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k], points[k + 1]];
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    const entity = covering.filter((s) => s.label !== "CITATION" && s.label !== "CROSSREF")
      .sort((x, y) => (x.end - x.start) - (y.end - y.start))[0];
    const classes = [];
    if (entity) { classes.push("ent", `ent-${entity.label}`); labels.add(entity.label); }
    if (covering.some((s) => s.label === "CITATION")) { classes.push("cite"); labels.add("CITATION"); }
    if (covering.some((s) => s.label === "CROSSREF")) { classes.push("crossref"); labels.add("CROSSREF"); }
    if (a >= claim.start && b <= claim.end) classes.push("claim");
    const piece = el("span", { class: classes.join(" "), text: text.slice(a, b) });
    if (entity) piece.title = entity.label;
    const citation = covering.find((s) => s.label === "CITATION" || s.label === "CROSSREF");
    if (citation) piece.title = `${citation.label}: ${citation.source || "EDM"} ${citation.date || ""}`;
    box.append(piece);
    if (entity && entity.end === b) box.append(el("span", { class: "tag", text: entity.label }));
  }
  const legend = document.getElementById("legend");
  legend.replaceChildren(...[...labels].sort().map((label) => el("span", {
    class: label === "CITATION" ? "cite" : label === "CROSSREF" ? "crossref" : `ent-${label}`, text: label,
  })));
}

function renderClaim() {
  const { claim, history } = app.detail;
  const badge = document.getElementById("claim-status");
  badge.textContent = claim.review.status;
  badge.className = `badge ${claim.review.status}`;
  document.getElementById("claim-text").textContent = claim.text;
  const facts = document.getElementById("claim-facts");
  facts.replaceChildren();
  const add = (name, value) => { if (value) facts.append(el("dt", { text: name }), el("dd", { text: value })); };
  add("Cue", claim.cue);
  add("Quote", claim.quote && claim.quote.text);
  add("Citations", claim.citations.map((c) => `${c.source} ${c.date || ""}`.trim()).join("; "));
  add("Hedges", claim.certainty_cues.join(", "));
  add("Stance score", claim.stance && `${claim.stance.label} ${claim.stance.score.toFixed(3)} (${claim.stance.model})`);
  const t = claim.arms_transfer;
  add("Period", t && t.period); add("Quantity", t && t.quantity); add("Value", t && t.value);
  add("Reason", claim.review.reason);
  renderForm(claim);
  document.getElementById("history").replaceChildren(...history.map((d) => el("li", {
    text: `${d.timestamp} ${d.reviewer}: ${d.decision}${d.reason ? " (" + d.reason + ")" : ""}` +
      d.changes.map((c) => ` ${c.field}: ${JSON.stringify(c.old)} → ${JSON.stringify(c.new)}`).join(";"),
  })));
}

function renderForm(claim) {
  const form = document.getElementById("claim-form");
  form.replaceChildren();
  for (const [path, label] of FIELDS) {
    const allowed = app.meta.correctable[path];
    const value = get(claim, path);
    let input;
    if (Array.isArray(allowed)) {
      input = el("select", {});
      if (value == null) input.append(el("option", { value: "", text: "—" }));
      for (const option of allowed) input.append(el("option", { value: option, text: option }));
      input.value = value == null ? "" : value;
    } else {
      input = el("input", { type: "text" });
      input.value = Array.isArray(value) ? value.join("; ") : (value || "");
    }
    input.id = `field-${path.replace(".", "-")}`;
    input.name = path;
    input.dataset.original = input.value;
    input.addEventListener("input", () => input.classList.toggle("changed", input.value !== input.dataset.original));
    form.append(el("label", { for: input.id, text: label }), input);
  }
  form.append(el("button", { type: "submit", id: "save", text: "Save correction (Enter)" }));
}

async function decide(decision, extra = {}) {
  if (app.index < 0) return;
  const id = app.rows[app.index].claim_id;
  try {
    const data = await api("/api/decisions", { claim_id: id, decision, ...extra });
    showProgress(data.progress);
    show(`${decision}: ${id}`);
    await loadQueue(id);
    await select_(nextIndex());
  } catch (err) {
    show(err.message, true);
  }
}

function nextIndex() {
  // After a decision, go to the next pending claim below; failing that, stay put.
  for (let i = app.index + 1; i < app.rows.length; i++) if (app.rows[i].status === "pending") return i;
  return Math.min(app.index + 1, app.rows.length - 1);
}

function openReject() {
  const box = document.getElementById("reject-box");
  box.hidden = false;
  document.getElementById("reject-reason").focus();
}

function closeReject() {
  document.getElementById("reject-box").hidden = true;
}

async function confirmReject() {
  const reason = document.getElementById("reject-reason").value;
  closeReject();
  await decide("reject", { reason });
}

async function saveCorrection(event) {
  event.preventDefault();
  const changes = {};
  for (const input of document.querySelectorAll("#claim-form [name]")) {
    if (input.value !== input.dataset.original) changes[input.name] = input.value;
  }
  if (!Object.keys(changes).length) { show("Nothing changed."); return; }
  document.activeElement.blur();
  await decide("correct", { changes });
}

async function undo() {
  try {
    const data = await api("/api/undo", {});
    show(`undone: ${data.undone.claim_id}`);
    await loadQueue(data.undone.claim_id);
    await select_(app.index);
  } catch (err) {
    show(err.message, true);
  }
}

function onKey(event) {
  const typing = ["INPUT", "SELECT", "TEXTAREA"].includes(event.target.tagName);
  const rejecting = !document.getElementById("reject-box").hidden;
  if (event.key === "Escape") { closeReject(); event.target.blur(); return; }
  if (rejecting) {
    const n = Number(event.key);
    const select = document.getElementById("reject-reason");
    if (n >= 1 && n <= select.options.length) { select.selectedIndex = n - 1; event.preventDefault(); }
    else if (event.key === "Enter") { event.preventDefault(); confirmReject(); }
    return;
  }
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const actions = {
    j: () => select_(app.index + 1), k: () => select_(app.index - 1), a: () => decide("accept"),
    r: openReject, u: undo,
    e: () => { const first = document.querySelector("#claim-form [name]"); if (first) first.focus(); },
  };
  if (actions[event.key]) { event.preventDefault(); actions[event.key](); }
}

async function start() {
  try {
    app.meta = await api("/api/state");
  } catch (err) {
    show(err.message, true);
    return;
  }
  document.getElementById("run").textContent = `run ${app.meta.run_id}`;
  document.getElementById("reviewer").textContent = `reviewer: ${app.meta.reviewer}`;
  const reasons = document.getElementById("reject-reason");
  app.meta.reject_reasons.forEach((reason, i) => reasons.append(el("option", { value: reason, text: `${i + 1} ${reason}` })));
  buildFilters();
  document.getElementById("accept").addEventListener("click", () => decide("accept"));
  document.getElementById("reject").addEventListener("click", openReject);
  document.getElementById("reject-confirm").addEventListener("click", confirmReject);
  document.getElementById("reject-cancel").addEventListener("click", closeReject);
  document.getElementById("edit").addEventListener("click", () => document.querySelector("#claim-form [name]").focus());
  document.getElementById("undo").addEventListener("click", undo);
  document.getElementById("claim-form").addEventListener("submit", saveCorrection);
  document.addEventListener("keydown", onKey);
  await loadQueue();
  await select_(firstPending());  // reopening resumes at the first claim still pending
}

document.addEventListener("DOMContentLoaded", start);
