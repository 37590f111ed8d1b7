// On a helpdesk page an adapter recognises: send the open conversation (contact, latest
// customer message) and the agent's draft to Peka, show Peka's suggestions beside the
// reply box, and insert the one the agent picks at the cursor, keeping the draft.
/* global PEKA_ADAPTERS, pekaMergeAdapters */
"use strict";

(function () {
  var ext = globalThis.browser || globalThis.chrome;
  var CONTEXT_DELAY_MS = 150;
  var DRAFT_DELAY_MS = 60;
  var MAX_TEXT = 20000;
  var MAX_SHOWN = 6;

  var adapter = null;
  var adapterName = "";
  var lastContext = "";
  var conversation = { helpdesk: "", conversation_id: "" };
  var lastDraft = null;
  var state = null;
  var panel = null;
  var contextTimer = 0;
  var draftTimer = 0;

  function send(kind, body) {
    return ext.runtime.sendMessage({ kind: kind, body: body });
  }

  async function loadAdapters() {
    var local = (await ext.storage.local.get(["adapterOverrides"])) || {};
    var managed = {};
    try { managed = (await ext.storage.managed.get(null)) || {}; } catch (e) { managed = {}; }
    return pekaMergeAdapters(PEKA_ADAPTERS, local.adapterOverrides, managed.adapters, managed.disabledAdapters);
  }

  function matches(candidate) {
    return (candidate.match || []).some(function (pattern) {
      try { return new RegExp(pattern).test(location.href); } catch (e) { return false; }
    });
  }

  function query(selector) {
    if (!selector) return null;
    try { return document.querySelector(selector); } catch (e) { return null; }
  }

  function read(selector, attribute) {
    var node = query(selector);
    if (!node) return "";
    if (attribute) return String(node.getAttribute(attribute) || "").trim();
    if (node.tagName === "A" && node.getAttribute("href")) {
      var href = node.getAttribute("href");
      var scheme = href.match(/^(?:tel|mailto):(.*)$/i);
      if (scheme) return decodeURIComponent(scheme[1]).trim();
    }
    return String(node.textContent || "").trim();
  }

  function looksLikePhone(text) {
    return /^\+?[\d\s().-]{8,20}$/.test(text);
  }

  function lastIncoming() {
    var nodes;
    try { nodes = document.querySelectorAll(adapter.incomingSelector); } catch (e) { return ""; }
    if (!nodes.length) return "";
    return String(nodes[nodes.length - 1].innerText || nodes[nodes.length - 1].textContent || "").trim();
  }

  function currentContext() {
    var id = "";
    if (adapter.conversationUrlPattern) {
      var found = location.href.match(new RegExp(adapter.conversationUrlPattern));
      id = found ? found[1] : "";
    }
    if (!id) id = read(adapter.conversationSelector, adapter.conversationAttribute);
    var phone = read(adapter.phoneSelector, adapter.phoneAttribute);
    return {
      helpdesk: adapterName,
      conversation_id: id.slice(0, 200),
      contact: {
        phone: looksLikePhone(phone) ? phone : "",
        email: read(adapter.emailSelector, "").slice(0, 200),
        external_id: read(adapter.externalIdSelector, "data-contact-identifier").slice(0, 200)
      },
      message: lastIncoming().slice(0, MAX_TEXT),
      channel: adapter.channel || "chat"
    };
  }

  function composer() {
    return query(adapter.composerSelector);
  }

  function draftText(box) {
    // innerText keeps the line breaks the agent sees; the editors end with one "\n".
    return String(box.innerText || "").replace(/\n$/, "").slice(0, MAX_TEXT);
  }

  async function pushContext() {
    var ctx = currentContext();
    if (!ctx.conversation_id && !ctx.message) return;
    var key = JSON.stringify(ctx);
    if (key === lastContext) return;
    lastContext = key;
    var switched = ctx.conversation_id !== conversation.conversation_id;
    conversation = { helpdesk: ctx.helpdesk, conversation_id: ctx.conversation_id };
    if (switched) lastDraft = null;
    show(await send("context", ctx));
    var box = composer();
    if (box && switched) pushDraft(box);
  }

  async function pushDraft(box) {
    var text = draftText(box);
    if (text === lastDraft) return;
    lastDraft = text;
    show(await send("draft", {
      text: text,
      helpdesk: conversation.helpdesk,
      conversation_id: conversation.conversation_id
    }));
  }

  function show(answer) {
    if (!answer) return;
    if (answer.error) {
      if (answer.error.code === "E917") {
        lastContext = ""; // the engine is loading: send the context again shortly
        setTimeout(schedulePush, 1000);
      }
      render(null, answer.error.message);
      return;
    }
    state = answer.state;
    render(state, "");
  }

  // -- the panel: suggestions beside the reply box, in a shadow root of its own ------------

  function ensurePanel() {
    if (panel) return panel;
    var host = document.createElement("peka-panel");
    host.style.cssText = "position:fixed;right:12px;bottom:84px;z-index:2147483647;";
    var root = host.attachShadow({ mode: "open" });
    var style = document.createElement("style");
    style.textContent =
      ".box{font:13px system-ui,sans-serif;background:#fff;color:#111827;border:1px solid #d1d5db;" +
      "border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,.15);width:320px;max-height:50vh;overflow:auto;padding:8px}" +
      ".head{display:flex;justify-content:space-between;font-weight:600;margin-bottom:4px}" +
      ".who{font-weight:400;color:#4b5563}" +
      "button.s{display:block;width:100%;text-align:left;margin:4px 0;padding:6px;border:1px solid #e5e7eb;" +
      "border-radius:6px;background:#f9fafb;cursor:pointer;font:inherit;color:inherit}" +
      "button.s:hover{background:#eef2ff}.fn{font-size:11px;color:#6b7280;display:block}" +
      ".note{color:#92400e}.hide{border:0;background:none;cursor:pointer;font:inherit}";
    var box = document.createElement("div");
    box.className = "box";
    box.setAttribute("role", "complementary");
    box.setAttribute("aria-label", "Peka suggestions");
    root.appendChild(style);
    root.appendChild(box);
    document.documentElement.appendChild(host);
    panel = { host: host, box: box };
    return panel;
  }

  function render(current, note) {
    var p = ensurePanel();
    var box = p.box;
    box.textContent = "";
    var head = document.createElement("div");
    head.className = "head";
    var title = document.createElement("span");
    title.textContent = "Peka ";
    var who = document.createElement("span");
    who.className = "who";
    who.textContent = current && current.customer ? current.customer.name : "";
    title.appendChild(who);
    var hide = document.createElement("button");
    hide.className = "hide";
    hide.textContent = "×";
    hide.setAttribute("aria-label", "Hide Peka's suggestions");
    hide.addEventListener("click", function () { p.host.style.display = "none"; });
    head.appendChild(title);
    head.appendChild(hide);
    box.appendChild(head);
    if (note) {
      var warn = document.createElement("div");
      warn.className = "note";
      warn.textContent = note;
      box.appendChild(warn);
    }
    var suggestions = current ? current.suggestions.slice(0, MAX_SHOWN) : [];
    suggestions.forEach(function (s, n) {
      var button = document.createElement("button");
      button.className = "s";
      button.dataset.suggestionId = s.id;
      var fn = document.createElement("span");
      fn.className = "fn";
      fn.textContent = (n + 1) + " · " + s.function.replace(/_/g, " ");
      var text = document.createElement("span");
      text.textContent = s.text; // customer data and phrases: text, never markup
      button.appendChild(fn);
      button.appendChild(text);
      // mousedown would move the focus (and the caret) out of the reply box: keep it there.
      button.addEventListener("mousedown", function (event) { event.preventDefault(); });
      button.addEventListener("click", function () { insert(s); });
      box.appendChild(button);
    });
  }

  // -- inserting at the cursor, keeping the draft -----------------------------------------

  function caretIn(box) {
    var selection = document.getSelection();
    if (!selection || !selection.rangeCount) return false;
    return box.contains(selection.getRangeAt(0).startContainer);
  }

  function joined(before, phrase, after) {
    var text = phrase;
    if (before && !/\s$/.test(before)) text = " " + text;
    if (after && !/^\s/.test(after)) text = text + " ";
    return text;
  }

  function insert(suggestion) {
    var box = composer();
    if (!box) return;
    if (!caretIn(box)) {
      // No caret in the reply box: put it at the end of the draft.
      box.focus();
      var range = document.createRange();
      range.selectNodeContents(box);
      range.collapse(false);
      var selection = document.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    var sel = document.getSelection();
    var r = sel.getRangeAt(0);
    var beforeRange = document.createRange();
    beforeRange.selectNodeContents(box);
    beforeRange.setEnd(r.startContainer, r.startOffset);
    var afterRange = document.createRange();
    afterRange.selectNodeContents(box);
    afterRange.setStart(r.endContainer, r.endOffset);
    var text = joined(beforeRange.toString(), suggestion.text, afterRange.toString());
    // insertText goes through the editor's own input handling (WhatsApp's composer,
    // Chatwoot's ProseMirror), so the helpdesk sees an ordinary typed insertion.
    if (!document.execCommand("insertText", false, text)) {
      r.deleteContents();
      r.insertNode(document.createTextNode(text));
      box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: text }));
    }
    send("inserted", {
      suggestion_id: suggestion.id,
      helpdesk: conversation.helpdesk,
      conversation_id: conversation.conversation_id
    });
    scheduleDraft(box);
  }

  // -- watching the page --------------------------------------------------------------------

  function schedulePush() {
    clearTimeout(contextTimer);
    contextTimer = setTimeout(pushContext, CONTEXT_DELAY_MS);
  }

  function scheduleDraft(box) {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(function () { pushDraft(box); }, DRAFT_DELAY_MS);
  }

  function onInput(event) {
    var box = composer();
    if (box && event.target instanceof Node && box.contains(event.target)) scheduleDraft(box);
  }

  async function start() {
    var adapters = await loadAdapters();
    Object.keys(adapters).some(function (name) {
      if (matches(adapters[name])) {
        adapter = adapters[name];
        adapterName = name;
        return true;
      }
      return false;
    });
    if (!adapter) return; // not a helpdesk page: only "Send to Peka" (the menu) works here
    new MutationObserver(function (records) {
      // Our own panel changing is not the conversation changing.
      if (records.every(function (r) { return panel && panel.host.contains(r.target); })) return;
      schedulePush();
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
    document.addEventListener("input", onInput, true);
    schedulePush();
  }

  start();
})();
