// Built-in helpdesk adapters: where each helpdesk keeps the conversation, the contact, the
// customer's messages and the reply box. Selectors are data: IT overrides any field per
// adapter through managed storage ("adapters"), so a markup change needs no new release.
/* exported PEKA_ADAPTERS, pekaMergeAdapters */
"use strict";

var PEKA_ADAPTERS = {
  "whatsapp-web": {
    match: ["^https://web\\.whatsapp\\.com/"],
    // The open chat's title: the contact's saved name or number.
    conversationSelector: "#main header span[dir='auto'][title]",
    conversationAttribute: "title",
    phoneSelector: "#main header span[dir='auto'][title]",
    phoneAttribute: "title",
    emailSelector: "",
    externalIdSelector: "",
    incomingSelector: "#main div.message-in span.selectable-text",
    composerSelector: "#main footer div[contenteditable='true']",
    channel: "chat"
  },
  "chatwoot": {
    // Self-hosted anywhere: recognised by its conversation route, not by its host.
    match: ["/app/accounts/\\d+/(?:inbox/\\d+/)?conversations/\\d+"],
    conversationUrlPattern: "/conversations/(\\d+)",
    conversationSelector: "",
    conversationAttribute: "",
    phoneSelector: ".contact--profile a[href^='tel:']",
    phoneAttribute: "",
    emailSelector: ".contact--profile a[href^='mailto:']",
    externalIdSelector: ".contact--profile [data-contact-identifier]",
    incomingSelector: ".conversation-panel li.left .message-text__wrap",
    composerSelector: ".reply-box .ProseMirror[contenteditable='true']",
    channel: "chat"
  }
};

// Built-ins, then the agent's local overrides (tests, pilots), then IT's managed ones:
// field by field, so an override names only what changed.
function pekaMergeAdapters(builtIn, local, managed, disabled) {
  var merged = {};
  var layers = [builtIn || {}, local || {}, managed || {}];
  layers.forEach(function (layer) {
    Object.keys(layer).forEach(function (name) {
      var base = merged[name] || {};
      var next = {};
      Object.keys(base).forEach(function (k) { next[k] = base[k]; });
      Object.keys(layer[name] || {}).forEach(function (k) { next[k] = layer[name][k]; });
      merged[name] = next;
    });
  });
  (disabled || []).forEach(function (name) { delete merged[name]; });
  return merged;
}
