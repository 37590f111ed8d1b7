// Talks to the Peka sidebar's local API on 127.0.0.1 for the content scripts (a page's
// own fetch would be the page's request; this one is the extension's), and offers
// "Send to Peka" for text selected on any page.
"use strict";

var ext = globalThis.browser || globalThis.chrome;
var DEFAULT_PORT = 48620;
var MENU_ID = "peka-send-selection";

async function managedSettings() {
  try {
    return (await ext.storage.managed.get(null)) || {};
  } catch (e) {
    return {}; // no policy for this extension (or Firefox without one)
  }
}

async function settings() {
  var local = (await ext.storage.local.get(["token", "apiPort"])) || {};
  var managed = await managedSettings();
  return {
    token: String(local.token || ""),
    port: Number(managed.apiPort || local.apiPort || DEFAULT_PORT)
  };
}

async function call(method, path, body) {
  var s = await settings();
  if (!s.token) {
    return { error: { code: "E910", message: "Paste your Peka token in the extension's options (peka api token)." } };
  }
  var init = {
    method: method,
    headers: { "Authorization": "Bearer " + s.token, "Content-Type": "application/json" },
    cache: "no-store"
  };
  if (body !== undefined) init.body = JSON.stringify(body);
  try {
    var response = await fetch("http://127.0.0.1:" + s.port + path, init);
    var data = await response.json();
    if (!response.ok) return { error: (data && data.error) || { code: "", message: "HTTP " + response.status } };
    return { state: data };
  } catch (e) {
    return { error: { code: "", message: "Peka is not running on this computer (port " + s.port + ")." } };
  }
}

var ROUTES = {
  context: ["POST", "/v1/context"],
  draft: ["POST", "/v1/draft"],
  inserted: ["POST", "/v1/inserted"],
  suggestions: ["GET", "/v1/suggestions"],
  status: ["GET", "/v1/status"]
};

ext.runtime.onMessage.addListener(function (message, _sender, sendResponse) {
  var route = message && ROUTES[message.kind];
  if (!route) return false;
  call(route[0], route[1], route[0] === "POST" ? message.body : undefined).then(sendResponse);
  return true; // answered asynchronously
});

ext.runtime.onInstalled.addListener(function () {
  ext.contextMenus.create({ id: MENU_ID, title: "Send to Peka", contexts: ["selection"] });
});

// "Send to Peka" on selected text. No adapter knows this page: the selected text is the
// customer's message in the conversation the sidebar follows. Named (not an anonymous
// listener) so that the extension's tests drive the very function the menu calls.
function sendSelection(info) {
  if (!info || info.menuItemId !== MENU_ID || !info.selectionText) {
    return Promise.resolve(null);
  }
  return call("POST", "/v1/context", { message: String(info.selectionText).slice(0, 20000) });
}

ext.contextMenus.onClicked.addListener(sendSelection);
