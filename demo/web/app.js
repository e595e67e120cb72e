// The demo page: renders what the emulated Slack shows one member, and sends
// what they do (slash commands, clicks, modal submissions) back to it.
// Plain JavaScript, no build step, no network beyond this server.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const state = { me: "", channel: "", people: [], snap: null, source: null, tab: "messages",
    modalKey: "", homeJSON: "", messagesJSON: "", peopleKey: "" };

  // ---------- small helpers ----------
  function h(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "html") e.innerHTML = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const k of kids.flat()) if (k !== null && k !== undefined && k !== false) e.append(k);
    return e;
  }
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const unent = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const safeURL = (u) => /^(https?:|mailto:)/i.test(u) ? u : "#";
  const EMOJI = { wave: "👋", tada: "🎉", white_check_mark: "✅", calendar: "📅", bulb: "💡", memo: "📝",
    email: "📧", envelope: "✉️", hourglass: "⏳", hourglass_flowing_sand: "⏳", raised_hands: "🙌", sparkles: "✨",
    pushpin: "📌", clipboard: "📋", books: "📚", book: "📖", warning: "⚠️", zzz: "💤", thumbsup: "👍", "+1": "👍",
    seedling: "🌱", mailbox: "📫", clock9: "🕘", alarm_clock: "⏰", star: "⭐", mag: "🔍", pencil: "✏️", pencil2: "✏️",
    handshake: "🤝", muscle: "💪", smile: "😄", slightly_smiling_face: "🙂", heavy_check_mark: "✔️", x: "❌", link: "🔗" };
  const emoji = (s) => s.replace(/:([a-z0-9_+-]+):/g, (m, n) => EMOJI[n] || m);
  const personName = (id) => { const p = state.people.find((x) => x.id === id); return p ? p.realName : id; };

  // ---------- mrkdwn ----------
  // Slack escapes &, < and > in text; <…> are links, mentions and commands.
  function inline(s) {
    // s is already HTML-escaped.
    const codes = [];
    s = s.replace(/`([^`\n]+)`/g, (m, c) => { codes.push(c); return "\u0000" + (codes.length - 1) + "\u0000"; });
    s = s.replace(/(^|[\s(>\u00a0"'\u201c])\*([^*\n]+?)\*(?=$|[\s).,:;!?<'"\u201d\u2019-])/g, "$1<b>$2</b>");
    s = s.replace(/(^|[\s(>\u00a0"'\u201c])_([^_\n]+?)_(?=$|[\s).,:;!?<'"\u201d\u2019-])/g, "$1<i>$2</i>");
    s = s.replace(/(^|[\s(>\u00a0])~([^~\n]+?)~(?=$|[\s).,:;!?<])/g, "$1<s>$2</s>");
    return s.replace(/\u0000(\d+)\u0000/g, (m, i) => "<code>" + codes[+i] + "</code>");
  }
  function token(t) {
    const [target, label] = t.split("|", 2);
    if (target.startsWith("@")) return '<span class="mention">@' + esc(label || personName(target.slice(1))) + "</span>";
    if (target.startsWith("#")) return '<span class="mention">#' + esc(label || target.slice(1)) + "</span>";
    if (target.startsWith("!")) return '<span class="mention">@' + esc(label || target.slice(1).split("^")[0]) + "</span>";
    const url = unent(target);
    return '<a href="' + esc(safeURL(url)) + '" target="_blank" rel="noopener">' + esc(label !== undefined ? unent(label) : url) + "</a>";
  }
  function mrkdwn(src) {
    const out = [];
    // Code blocks first: nothing inside them is formatted.
    const parts = String(src).split("```");
    parts.forEach((part, i) => {
      if (i % 2 === 1) { out.push("<pre>" + esc(unent(part.replace(/^\n/, ""))) + "</pre>"); return; }
      const lines = part.split("\n").map((line) => {
        let quote = false;
        if (line.startsWith("&gt; ") || line === "&gt;") { quote = true; line = line.replace(/^&gt; ?/, ""); }
        let html = "";
        let last = 0;
        line.replace(/<([^<>]+)>/g, (m, t, at) => {
          html += inline(esc(emoji(unent(line.slice(last, at)))));
          html += token(t);
          last = at + m.length;
          return m;
        });
        html += inline(esc(emoji(unent(line.slice(last)))));
        return quote ? "<blockquote>" + html + "</blockquote>" : html;
      });
      out.push(lines.join("<br>").replace(/<\/blockquote><br>/g, "</blockquote>"));
    });
    return out.join("");
  }
  function text(t, cls) {
    if (!t) return h("span");
    if (t.type === "mrkdwn") return h("span", { class: "mrk " + (cls || ""), html: mrkdwn(t.text) });
    return h("span", { class: cls || "" }, t.emoji === false ? t.text : emoji(t.text));
  }

  // ---------- Block Kit ----------
  function unsupported(kind, type) {
    return h("div", { class: "bk-unsupported", "data-unsupported": type },
      "This " + kind + " (" + type + ") cannot be shown in the demo.");
  }
  function act(ctx, el, extra) {
    return Object.assign({ channel: ctx.channel, ts: ctx.ts, view_id: ctx.viewId, action_id: el.action_id,
      block_id: ctx.blockId, type: el.type }, extra);
  }
  function element(el, ctx, inInput) {
    switch (el.type) {
      case "button": {
        const cls = "bk-button" + (el.style ? " " + el.style : "");
        const send = () => post("/api/action", act(ctx, el, { value: el.value || "" }));
        if (el.url) return h("a", { class: cls, href: safeURL(el.url), target: "_blank", rel: "noopener", "data-action-id": el.action_id, onclick: send }, text(el.text));
        const btn = h("button", { type: "button", class: cls, "data-action-id": el.action_id, onclick: () => {
          if (el.confirm && !window.confirm(el.confirm.title.text + "\n\n" + el.confirm.text.text)) return;
          // One click, one action: Slack greys a button while its app answers.
          btn.disabled = true;
          send().finally(() => { btn.disabled = false; });
        } }, text(el.text));
        return btn;
      }
      case "static_select": {
        const sel = h("select", { class: "bk-select", "data-action-id": el.action_id, "data-type": el.type,
          "aria-label": el.placeholder ? el.placeholder.text : "Choose" });
        sel.append(h("option", { value: "" }, el.placeholder ? el.placeholder.text : "Choose…"));
        const add = (parent, o) => parent.append(h("option", { value: o.value, selected: el.initial_option && el.initial_option.value === o.value }, o.text.text));
        (el.options || []).forEach((o) => add(sel, o));
        (el.option_groups || []).forEach((g) => { const og = h("optgroup", { label: g.label.text }); g.options.forEach((o) => add(og, o)); sel.append(og); });
        if (!inInput) sel.addEventListener("change", () => {
          if (!sel.value) return;
          const label = sel.selectedOptions[0].textContent;
          post("/api/action", act(ctx, el, { selected: sel.value, label }));
        });
        return sel;
      }
      case "overflow": {
        const wrap = h("span", { class: "bk-overflow" });
        const menu = h("div", { class: "bk-menu", hidden: true });
        el.options.forEach((o) => menu.append(h("button", { type: "button", onclick: () => {
          menu.hidden = true; post("/api/action", act(ctx, el, { selected: o.value, label: o.text.text }));
        } }, o.text.text)));
        wrap.append(h("button", { type: "button", "aria-label": "More actions", "data-action-id": el.action_id, onclick: () => { menu.hidden = !menu.hidden; } }, "⋮"), menu);
        return wrap;
      }
      case "datepicker":
        return h("input", { type: "date", class: "bk-date", "data-action-id": el.action_id, "data-type": el.type, value: el.initial_date || "" });
      case "plain_text_input": case "email_text_input": case "url_text_input": case "number_input": {
        const attrs = { class: "bk-input", "data-action-id": el.action_id, "data-type": el.type,
          placeholder: el.placeholder ? el.placeholder.text : "", maxlength: el.max_length };
        if (el.multiline) return h("textarea", attrs, el.initial_value || "");
        attrs.type = { email_text_input: "email", url_text_input: "url", number_input: "number" }[el.type] || "text";
        attrs.value = el.initial_value || "";
        return h("input", attrs);
      }
      case "radio_buttons": case "checkboxes": {
        const box = h("div", { class: "bk-choices", "data-action-id": el.action_id, "data-type": el.type });
        const name = (ctx.viewId || "m") + "-" + ctx.blockId + "-" + el.action_id;
        const initial = el.type === "radio_buttons" ? [el.initial_option] : (el.initial_options || []);
        (el.options || []).forEach((o) => box.append(h("label", {},
          h("input", { type: el.type === "radio_buttons" ? "radio" : "checkbox", name, value: o.value,
            checked: initial.some((i) => i && i.value === o.value), "data-label": o.text.text }),
          h("span", {}, text(o.text), o.description ? h("span", { class: "desc" }, text(o.description)) : null))));
        return box;
      }
      case "image":
        return h("span", { class: "bk-image", title: el.alt_text }, "🖼 " + (el.alt_text || "image"));
      case "mrkdwn": case "plain_text":
        return text(el);
      default:
        return unsupported("element", el.type);
    }
  }
  function richInline(els) {
    const frag = document.createDocumentFragment();
    for (const e of els || []) {
      let node;
      switch (e.type) {
        case "text": node = document.createTextNode(e.text); break;
        case "link": node = h("a", { href: safeURL(e.url), target: "_blank", rel: "noopener" }, e.text || e.url); break;
        case "emoji": node = document.createTextNode(EMOJI[e.name] || ":" + e.name + ":"); break;
        case "user": node = h("span", { class: "mention" }, "@" + personName(e.user_id)); break;
        case "channel": node = h("span", { class: "mention" }, "#" + e.channel_id); break;
        case "broadcast": node = h("span", { class: "mention" }, "@" + e.range); break;
        default: node = unsupported("rich text element", e.type);
      }
      const st = e.style || {};
      if (st.code) node = h("code", {}, node);
      if (st.bold) node = h("b", {}, node);
      if (st.italic) node = h("i", {}, node);
      if (st.strike) node = h("s", {}, node);
      frag.append(node);
    }
    return frag;
  }
  function rich(elements) {
    const box = h("div", { class: "bk-rich" });
    for (const e of elements || []) {
      switch (e.type) {
        case "rich_text_section": box.append(h("div", { style: "white-space: pre-wrap" }, richInline(e.elements))); break;
        case "rich_text_preformatted": box.append(h("pre", {}, richInline(e.elements))); break;
        case "rich_text_quote": box.append(h("blockquote", { style: "white-space: pre-wrap" }, richInline(e.elements))); break;
        case "rich_text_list": {
          const list = h(e.style === "ordered" ? "ol" : "ul");
          (e.elements || []).forEach((it) => list.append(h("li", {}, richInline(it.elements))));
          box.append(list);
          break;
        }
        default: box.append(unsupported("rich text part", e.type));
      }
    }
    return box;
  }
  function block(b, ctx) {
    const c = Object.assign({}, ctx, { blockId: b.block_id || "" });
    const wrap = (cls, ...kids) => h("div", { class: "bk-block " + cls, "data-block-id": b.block_id, "data-type": b.type }, ...kids);
    switch (b.type) {
      case "section": {
        const main = h("div", { class: "bk-main" }, b.text ? text(b.text) : null);
        if (b.fields) main.append(h("div", { class: "bk-fields" }, b.fields.map((f) => h("div", {}, text(f)))));
        return wrap("bk-section", main, b.accessory ? element(b.accessory, c, false) : null);
      }
      case "header": return wrap("bk-header", text(b.text));
      case "divider": return wrap("", h("hr", { class: "bk-divider" }));
      case "context": return wrap("bk-context", (b.elements || []).map((e) => element(e, c, false)));
      case "actions": return wrap("bk-actions", (b.elements || []).map((e) => element(e, c, false)));
      case "rich_text": return wrap("", rich(b.elements));
      case "image": return wrap("", h("span", { class: "bk-image", title: b.alt_text }, "🖼 " + (b.title ? b.title.text : b.alt_text)));
      case "input": {
        const err = ctx.errors && ctx.errors[b.block_id];
        const box = wrap("bk-input-block" + (err ? " has-error" : ""),
          h("label", { class: "bk-label" }, text(b.label), b.optional ? h("span", { class: "bk-optional" }, " (optional)") : null),
          b.element ? element(b.element, c, true) : unsupported("input", "missing element"),
          b.hint ? h("div", { class: "bk-hint" }, text(b.hint)) : null,
          err ? h("div", { class: "bk-error" }, err) : null);
        return box;
      }
      default: return unsupported("block", b.type);
    }
  }
  function blocks(list, ctx) {
    const frag = document.createDocumentFragment();
    (list || []).forEach((b) => frag.append(block(b, ctx)));
    return frag;
  }

  // What the person has put into a modal's inputs, in Slack's state.values shape.
  function modalState(root) {
    const values = {};
    root.querySelectorAll(".bk-input-block").forEach((blk) => {
      const bid = blk.dataset.blockId;
      const el = blk.querySelector("[data-action-id]");
      if (!bid || !el) return;
      const aid = el.dataset.actionId, type = el.dataset.type;
      const v = { type };
      if (type === "datepicker") v.selected_date = el.value || null;
      else if (type === "static_select") v.selected_option = el.value ? { value: el.value, text: { type: "plain_text", text: el.selectedOptions[0].textContent } } : null;
      else if (type === "radio_buttons") {
        const r = el.querySelector("input:checked");
        v.selected_option = r ? { value: r.value, text: { type: "plain_text", text: r.dataset.label } } : null;
      } else if (type === "checkboxes") {
        v.selected_options = [...el.querySelectorAll("input:checked")].map((r) => ({ value: r.value, text: { type: "plain_text", text: r.dataset.label } }));
      } else v.value = el.value === "" ? null : el.value;
      values[bid] = { [aid]: v };
    });
    return values;
  }
  function restoreState(root, values) {
    root.querySelectorAll(".bk-input-block").forEach((blk) => {
      const el = blk.querySelector("[data-action-id]");
      const v = el && values[blk.dataset.blockId] && values[blk.dataset.blockId][el.dataset.actionId];
      if (!v || v.type !== el.dataset.type) return;
      if (v.value !== undefined && v.value !== null) el.value = v.value;
      if (v.selected_date) el.value = v.selected_date;
      if (v.selected_option && el.tagName === "SELECT") el.value = v.selected_option.value;
    });
  }

  // ---------- talking to the server ----------
  function notice(msg) {
    const n = $("notice");
    n.textContent = msg || "";
    n.hidden = !msg;
  }
  function post(path, body) {
    notice("");
    return fetch(path, { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(Object.assign({ as: state.me }, body)) })
      .then((r) => r.json().then((j) => { if (j.error) notice(j.error); return j; }))
      .catch(() => notice("The demo stopped answering. Is `followup demo` still running?"));
  }
  function connect() {
    if (state.source) state.source.close();
    state.modalKey = state.homeJSON = state.messagesJSON = "";
    // Another person or another DM: show nothing of the last one meanwhile.
    $("messages").innerHTML = "";
    $("home").innerHTML = "";
    $("modals").innerHTML = "";
    const q = new URLSearchParams({ as: state.me, channel: state.channel });
    state.source = new EventSource("/events?" + q);
    state.source.onmessage = (e) => render(JSON.parse(e.data));
  }

  // ---------- rendering the page ----------
  function renderPeople(s) {
    state.people = s.people;
    const who = $("who");
    if (who.options.length !== s.people.length) {
      who.innerHTML = "";
      s.people.forEach((p) => who.append(h("option", { value: p.id }, p.realName + " (" + p.role + ")")));
    }
    who.value = s.me;
    // Rebuilt only when it changes, so a click never lands on a node just replaced.
    const key = s.me + "/" + s.channel + "/" + s.people.map((p) => p.id).join(",");
    if (key === state.peopleKey) return;
    state.peopleKey = key;
    const dms = $("dms");
    dms.innerHTML = "";
    // Your own DM first, as in Slack's sidebar.
    [...s.people].sort((a, b) => (b.id === s.me) - (a.id === s.me)).forEach((p) => {
      const own = p.id === s.me;
      dms.append(h("li", {}, h("button", { type: "button", class: "D" + p.id === s.channel ? "active" : "", "data-channel": "D" + p.id,
        onclick: () => { state.channel = "D" + p.id; showTab("messages"); connect(); } },
      own ? "Follow-up Coach" : p.realName + " ↔ Follow-up Coach",
      h("span", { class: "sub" }, own ? "your DM with the app" : "peek (demo only)"))));
    });
    const peek = s.channel !== "D" + s.me;
    $("peek-banner").hidden = !peek;
    $("peek-banner").textContent = peek ? "You are " + personName(s.me) + ", looking at " + personName(s.channel.slice(1)) + "'s DM. Try a button: the coach will not let you act on someone else's interview." : "";
    $("composer").classList.toggle("disabled", peek);
    $("box").disabled = peek;
  }
  function messageNode(m, channel) {
    const ctx = { channel, ts: m.ts };
    const body = m.blocks && m.blocks.length ? blocks(m.blocks, ctx) : h("div", { class: "msg-text mrk", html: mrkdwn(m.text) });
    return h("div", { class: "msg" + (m.ephemeral ? " ephemeral" : ""), "data-ts": m.ts },
      h("div", { class: "app-avatar", "aria-hidden": "true" }, "FC"),
      h("div", { class: "msg-body" },
        h("div", { class: "msg-head" }, h("span", { class: "msg-name" }, "Follow-up Coach"), h("span", { class: "app-badge" }, "APP"),
          h("span", { class: "msg-time" }, m.time)),
        body,
        m.ephemeral ? h("div", { class: "only-you" }, "Only visible to you") : null));
  }
  // renderMessages changes only the messages that changed, as Slack does:
  // a menu open or a button under the pointer elsewhere stays as it is.
  function renderMessages(s) {
    s.messages = s.messages || [];
    const json = JSON.stringify(s.messages);
    if (json === state.messagesJSON) return;
    state.messagesJSON = json;
    const box = $("messages");
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 60;
    const grew = s.messages.length > box.querySelectorAll(".msg").length;
    const keep = box.scrollTop;
    const want = [];
    if (!s.messages.length) {
      want.push({ key: "empty", make: () => h("div", { class: "empty" }, "This is the start of your DM with Follow-up Coach.", h("br"),
        "Type ", h("code", {}, "/followup log"), " below to log an interview, or ", h("code", {}, "/followup help"), " to see what it does.") });
    }
    let day = "";
    for (const m of s.messages) {
      if (m.day !== day) { const d = day = m.day; want.push({ key: "day " + d, make: () => h("div", { class: "day" }, d) }); }
      want.push({ key: s.channel + " " + JSON.stringify(m), make: () => messageNode(m, s.channel) });
    }
    const later = new Set(want.map((w) => w.key));
    want.forEach((w, i) => {
      const cur = box.children[i];
      if (cur && cur.dataset.key === w.key) return;
      const node = w.make();
      node.dataset.key = w.key;
      if (!cur) box.append(node);
      else if (later.has(cur.dataset.key)) box.insertBefore(node, cur);
      else box.replaceChild(node, cur);
    });
    while (box.children.length > want.length) box.lastElementChild.remove();
    // Follow new messages as Slack does; an edit in place keeps the reader where they are.
    if (atBottom || grew) box.scrollTop = box.scrollHeight;
    else box.scrollTop = Math.min(keep, box.scrollHeight);
  }

  function renderHome(s) {
    const json = JSON.stringify(s.home);
    if (json === state.homeJSON) return;
    state.homeJSON = json;
    const box = $("home");
    box.innerHTML = "";
    if (!s.home) { box.append(h("div", { class: "empty" }, "The Home tab is loading…")); return; }
    box.append(blocks(s.home.blocks, { viewId: s.homeId }));
  }
  function renderModal(s) {
    const root = $("modals");
    const top = s.modals && s.modals.length ? s.modals[s.modals.length - 1] : null;
    const key = top ? top.id + "/" + top.hash : "";
    if (key === state.modalKey) {
      // Same view: only its field errors may have changed; keep what was typed.
      const form = root.querySelector(".modal");
      if (form) showErrors(form, top.errors || {});
      return;
    }
    const prev = root.querySelector(".modal");
    const keep = prev && top && prev.dataset.viewId === top.id ? modalState(prev) : null;
    state.modalKey = key;
    root.innerHTML = "";
    if (!top) return;
    const v = top.view;
    const pushed = s.modals.length > 1;
    const close = () => post("/api/close", { view_id: top.id });
    const form = h("form", { class: "modal", "data-view-id": top.id, role: "dialog", "aria-modal": "true", "aria-label": v.title.text, novalidate: true,
      onsubmit: (e) => { e.preventDefault(); post("/api/submit", { view_id: top.id, hash: top.hash, values: modalState(form) }); } },
    h("div", { class: "modal-head" },
      pushed ? h("button", { type: "button", class: "modal-back", "aria-label": "Back", onclick: close }, "←") : null,
      h("div", { class: "modal-title" }, text(v.title)),
      h("button", { type: "button", class: "modal-x", "aria-label": "Close", onclick: close }, "×")),
    h("div", { class: "modal-body" }, blocks(v.blocks, { viewId: top.id, errors: top.errors })),
    h("div", { class: "modal-foot" },
      h("button", { type: "button", class: "bk-button", onclick: close }, v.close ? text(v.close) : "Cancel"),
      v.submit ? h("button", { type: "submit", class: "bk-button primary" }, text(v.submit)) : null));
    root.append(h("div", { class: "overlay" }, form));
    if (keep) restoreState(form, keep);
    const first = form.querySelector(".has-error [data-action-id], .bk-input");
    if (first && !keep) first.focus();
  }
  // showErrors puts each field error under its input, as Slack does after
  // a view_submission answered with response_action "errors".
  function showErrors(form, errors) {
    form.querySelectorAll(".bk-input-block").forEach((blk) => {
      const msg = errors[blk.dataset.blockId];
      blk.classList.toggle("has-error", !!msg);
      let e = blk.querySelector(".bk-error");
      if (!msg) { if (e) e.remove(); return; }
      if (!e) { e = h("div", { class: "bk-error" }); blk.append(e); }
      e.textContent = msg;
    });
    const first = form.querySelector(".has-error [data-action-id]");
    if (first && !form.contains(document.activeElement)) first.focus();
  }
  function render(s) {
    state.snap = s;
    $("now").textContent = s.now + " · " + s.zone;
    renderPeople(s);
    renderMessages(s);
    renderHome(s);
    renderModal(s);
  }
  function showTab(tab) {
    state.tab = tab;
    $("tab-messages").classList.toggle("active", tab === "messages");
    $("tab-home").classList.toggle("active", tab === "home");
    $("tab-messages").setAttribute("aria-selected", tab === "messages");
    $("tab-home").setAttribute("aria-selected", tab === "home");
    $("messages").hidden = tab !== "messages";
    $("composer").hidden = tab !== "messages";
    $("home").hidden = tab !== "home";
  }

  // ---------- wiring ----------
  function start() {
    const params = new URLSearchParams(location.search);
    state.me = params.get("as") || "U0ANA";
    state.channel = "D" + state.me;
    $("composer").addEventListener("submit", (e) => {
      e.preventDefault();
      const box = $("box");
      const t = box.value.trim();
      if (!t) return;
      post("/api/command", { text: t }).then((j) => { if (j && !j.error) box.value = ""; });
    });
    $("who").addEventListener("change", (e) => { state.me = e.target.value; state.channel = "D" + state.me; showTab("messages"); connect(); });
    $("skip-nudge").addEventListener("click", () => post("/api/time", { to: "nudge" }));
    $("skip-day").addEventListener("click", () => post("/api/time", { to: "day" }));
    $("tab-messages").addEventListener("click", () => showTab("messages"));
    $("tab-home").addEventListener("click", () => { showTab("home"); post("/api/home", {}); });
    document.addEventListener("keydown", (e) => { if (e.key === "Escape" && state.snap && state.snap.modals && state.snap.modals.length) {
      const top = state.snap.modals[state.snap.modals.length - 1]; post("/api/close", { view_id: top.id }); } });
    connect();
  }

  // For tests: render any Block Kit payload (a message, a modal or a Home
  // tab) into the page and list what could not be shown.
  window.followupDemo = {
    renderPayload(payload, withHTML) {
      const box = h("div", { class: "render-test" });
      box.append(blocks(payload.blocks, { viewId: payload.type ? "test" : "" }));
      document.body.append(box);
      const bad = [...box.querySelectorAll("[data-unsupported]")].map((e) => e.dataset.unsupported);
      // Blocks drawn, not counting blocks drawn inside others.
      const shown = [...box.children].filter((e) => e.classList.contains("bk-block")).length;
      const html = withHTML ? box.innerHTML : undefined;
      box.remove();
      return { blocks: (payload.blocks || []).length, shown, unsupported: bad, html };
    },
  };
  if (!window.followupDemoNoStart) start();
})();
