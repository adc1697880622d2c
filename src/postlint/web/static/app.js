// postlint serve: the page. No framework, no remote code. The draft stays in this page's memory and
// is sent only to this server's API; nothing is stored in cookies or local storage. Draft text is
// always put into the page as text (textContent), never as HTML.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const SEVERITY = {
    error: { icon: "✖", label: "エラー", en: "error" },
    warning: { icon: "▲", label: "警告", en: "warning" },
    info: { icon: "ℹ", label: "情報", en: "info" },
  };
  const LEVELS = {
    exempt: "確認不要（5.4 ただし書：既知の情報・既成の事実）",
    approver: "決裁権者等の確認（5.4）",
    consultation: "決裁権者等を含む複数人での協議（5.6）",
  };
  const CATEGORIES = {
    "personal-data": "個人情報", political: "政治・選挙", confidentiality: "秘密・未公表情報", expression: "表現",
    link: "リンク", platform: "投稿先", approval: "承認", engine: "点検の仕組み", accessibility: "アクセシビリティ",
  };
  const DEBOUNCE_MS = 300;
  const state = { token: null, rules: {}, seq: 0, timer: null, last: null, filename: null, ready: false };

  // -- the API --------------------------------------------------------------------------------
  async function api(path, options) {
    const opts = Object.assign({ method: "GET", headers: {} }, options || {});
    opts.credentials = "same-origin";
    opts.cache = "no-store";
    if (state.token) opts.headers["X-Postlint-Token"] = state.token;
    const res = await fetch(path, opts);
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (res.status === 401) { askToken(); throw new Error("token"); }
    if (!res.ok) {
      const msg = body && body.error ? body.error.message : `HTTP ${res.status}`;
      throw new Error(msg);
    }
    return body;
  }

  function askToken(message) {
    state.ready = false;
    $("token-box").hidden = false;
    $("token-error").textContent = state.token ? "トークンが違います / wrong token" : (message || "");
    $("token").focus();
  }

  async function start() {
    try {
      const config = await api("/api/config");
      const rules = await api("/api/rules");
      state.rules = {};
      for (const r of rules.rules) state.rules[r.code] = r;
      $("version").textContent = config.version;
      if (!state.ready && config.platform && $("platform").querySelector(`option[value="${config.platform === "twitter" ? "x" : config.platform}"]`)) {
        $("platform").value = config.platform === "twitter" ? "x" : config.platform;
      }
      state.ready = true;
      $("token-box").hidden = true;
      updateCounter();
      if ($("draft").value) lintNow();
    } catch (e) {
      if (e.message !== "token") $("status").textContent = `サーバーに接続できません / cannot reach the server: ${e.message}`;
    }
  }

  // -- X's weighted length (checks/platform.py: twitter-text v3) --------------------------------
  const LIGHT = [[0x0000, 0x10ff], [0x2000, 0x200d], [0x2010, 0x201f], [0x2032, 0x2037]];
  const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;
  const URL_RE = /https?:\/\/[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+/g;
  const segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("ja", { granularity: "grapheme" }) : null;

  function body(text) {
    let t = text.replace(/^\ufeff/, "");
    const fm = /^---[ \t]*\n[\s\S]*?\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(t);
    if (fm) t = t.slice(fm[0].length);
    t = t.replace(/^[ \t]*<!--[\s\S]*?-->[ \t]*(?:\n|$)/gm, "").replace(/<!--[\s\S]*?-->/g, "");
    return t.trim();
  }

  function weight(cluster) {
    if (EMOJI.test(cluster)) return 2;
    let total = 0;
    for (const ch of cluster) {
      const cp = ch.codePointAt(0);
      total += LIGHT.some(([a, b]) => cp >= a && cp <= b) ? 1 : 2;
    }
    return total;
  }

  function xLength(text) {
    const t = body(text);
    let total = 0;
    let pos = 0;
    const parts = [];
    for (const m of t.matchAll(URL_RE)) {
      parts.push(t.slice(pos, m.index));
      total += 23;
      pos = m.index + m[0].length;
    }
    parts.push(t.slice(pos));
    for (const part of parts) {
      if (segmenter) for (const s of segmenter.segment(part)) total += weight(s.segment);
      else for (const ch of part) total += weight(ch);
    }
    return total;
  }
  window.postlintXLength = xLength; // for the tests, which compare it with the command's count

  function updateCounter() {
    const n = xLength($("draft").value);
    $("x-count").textContent = String(n);
    $("counter").classList.toggle("over", n > 280);
  }

  // -- linting --------------------------------------------------------------------------------
  function schedule() {
    updateCounter();
    clearTimeout(state.timer);
    state.timer = setTimeout(lintNow, DEBOUNCE_MS);
  }

  async function lintNow() {
    clearTimeout(state.timer);
    if (!state.ready) return;
    const text = $("draft").value;
    const seq = ++state.seq;
    if (!text.trim()) {
      state.last = null;
      clearResults("下書きを入力してください。");
      return;
    }
    $("status").textContent = "点検中… / checking…";
    try {
      const doc = await api("/api/lint", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text, platform: $("platform").value, filename: state.filename }),
      });
      if (seq !== state.seq) return; // a newer draft is on its way
      state.last = { doc, text };
      show();
    } catch (e) {
      if (seq === state.seq && e.message !== "token") $("status").textContent = `点検できませんでした / could not check: ${e.message}`;
    }
  }

  function clearResults(message) {
    $("status").textContent = message;
    $("banner").hidden = true;
    $("verdict").hidden = true;
    $("preview").replaceChildren();
    $("findings").replaceChildren();
    $("input-errors").replaceChildren();
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c);
    return node;
  }

  function sevBadge(severity, extra) {
    const s = SEVERITY[severity] || SEVERITY.info;
    return el("span", { class: `badge sev-${severity}` }, `${s.icon} ${s.label}${extra ? " " + extra : ""}`);
  }

  function show() {
    const { doc, text } = state.last;
    clearResults("");
    for (const e of doc.input_errors || []) $("input-errors").append(el("p", {}, e.message));
    const file = doc.files[0];
    if (!file) { $("status").textContent = "点検できませんでした / could not check"; return; }
    const s = doc.summary;
    $("status").textContent = `エラー ${s.errors} 件、警告 ${s.warnings} 件、情報 ${s.infos} 件 / ${s.errors} errors, ${s.warnings} warnings, ${s.infos} infos`;
    $("banner").hidden = s.errors === 0;
    const level = file.approval.level;
    $("verdict").hidden = false;
    $("verdict").className = `verdict ${level}`;
    $("verdict-level").textContent = level;
    $("verdict-label").textContent = LEVELS[level] || "";
    const reasons = $("verdict-reasons");
    reasons.replaceChildren();
    for (const r of file.approval.reasons) reasons.append(el("li", {}, `${r.rule}: ${r.message}`));
    renderPreview(text, file.findings);
    renderFindings(file.findings);
  }

  // Offsets in the report count code points (Python); Array.from splits the text the same way.
  function renderPreview(text, findings) {
    const cps = Array.from(text);
    const reveal = $("reveal").checked;
    const cuts = new Set([0, cps.length]);
    for (const f of findings) { cuts.add(Math.min(f.start, cps.length)); cuts.add(Math.min(f.end, cps.length)); }
    const points = [...cuts].sort((a, b) => a - b);
    const rank = { error: 3, warning: 2, info: 1 };
    const ends = new Map();
    findings.forEach((f, i) => {
      const at = Math.min(f.end, cps.length);
      if (!ends.has(at)) ends.set(at, []);
      ends.get(at).push(i);
    });
    const out = $("preview");
    out.replaceChildren();
    for (let k = 0; k < points.length - 1; k++) {
      const a = points[k], b = points[k + 1];
      const covering = findings.filter((f) => f.start <= a && f.end >= b && f.end > f.start);
      let chars = cps.slice(a, b);
      if (!reveal) {
        // a personal finding's text is masked in the report: its characters differ from the draft's
        chars = chars.map((ch, j) => {
          for (const f of covering) {
            const shown = Array.from(f.text);
            const raw = cps.slice(f.start, f.end);
            if (shown.length === raw.length && shown.join("") !== raw.join("")) return shown[a + j - f.start];
          }
          return ch;
        });
      }
      const piece = chars.join("");
      if (covering.length) {
        const worst = covering.reduce((w, f) => (rank[f.severity] > rank[w] ? f.severity : w), "info");
        const codes = covering.map((f) => f.code).join(", ");
        out.append(el("mark", { class: `sev-${worst}`, title: `${SEVERITY[worst].label}: ${codes}` }, piece));
      } else {
        out.append(piece);
      }
      for (const i of ends.get(b) || []) {
        const f = findings[i];
        out.append(sevBadge(f.severity, f.code));
      }
    }
  }

  function renderFindings(findings) {
    const box = $("findings");
    box.replaceChildren();
    if (!findings.length) { box.append(el("p", {}, "指摘はありません / no findings")); return; }
    const groups = new Map();
    for (const f of findings) {
      if (!groups.has(f.category)) groups.set(f.category, []);
      groups.get(f.category).push(f);
    }
    for (const [category, list] of groups) {
      const name = CATEGORIES[category] ? `${CATEGORIES[category]}（${category}）` : category;
      const items = el("ol");
      for (const f of list) {
        const rule = state.rules[f.code];
        const li = el("li", { class: `finding sev-${f.severity}` },
          el("p", {}, sevBadge(f.severity), " ", el("strong", {}, `${f.code} ${f.rule}`),
            el("span", { class: "where" }, ` ${f.line} 行 ${f.column} 列 ・ ガイドライン ${f.guideline}`)),
          el("p", {}, f.message));
        if (rule) li.append(el("details", {}, el("summary", {}, "理由と例 / rationale and examples"), el("pre", {}, rule.explain)));
        items.append(li);
      }
      box.append(el("section", { class: "group" }, el("h4", {}, `${name} ${list.length} 件`), items));
    }
  }

  // -- the review sheet, saving, opening a file --------------------------------------------------
  function openSheet() {
    const form = $("sheet-form");
    form.elements.text.value = $("draft").value;
    form.elements.platform.value = $("platform").value;
    form.elements.filename.value = state.filename || "";
    form.elements.token.value = state.token || "";
    form.submit();
    form.elements.text.value = "";
    form.elements.token.value = "";
  }

  function downloadMarkdown() {
    let text = $("draft").value;
    if (!/^---[ \t]*\n/.test(text)) {
      const platform = $("platform").value;
      const head = `---\nplatform: ${platform === "none" ? "[]" : platform}\n---\n\n`;
      text = head + text;
    }
    if (!text.endsWith("\n")) text += "\n";
    const blob = new Blob([text], { type: "text/markdown;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: (state.filename || "draft.md").replace(/\.(txt|markdown)$/i, ".md") });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async function upload() {
    const file = $("upload").files[0];
    $("upload-error").textContent = "";
    if (!file) return;
    try {
      const data = await file.arrayBuffer();
      const res = await api("/api/decode", {
        method: "POST",
        headers: { "Content-Type": "application/octet-stream", "X-Filename": encodeURIComponent(file.name) },
        body: data,
      });
      $("draft").value = res.text;
      state.filename = file.name;
      updateCounter();
      lintNow();
    } catch (e) {
      if (e.message !== "token") $("upload-error").textContent = e.message;
    } finally {
      $("upload").value = "";
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("draft").addEventListener("input", schedule);
    $("platform").addEventListener("change", lintNow);
    $("reveal").addEventListener("change", () => { if (state.last) show(); });
    $("open-sheet").addEventListener("click", openSheet);
    $("download").addEventListener("click", downloadMarkdown);
    $("upload").addEventListener("change", upload);
    $("token-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      state.token = $("token").value;
      $("token").value = "";
      start();
    });
    start();
  });
})();
