"use strict";
var ext = globalThis.browser || globalThis.chrome;

function show(text) { document.getElementById("status").textContent = text; }

async function load() {
  var local = await ext.storage.local.get(["token", "apiPort"]);
  var managed = {};
  try { managed = (await ext.storage.managed.get(null)) || {}; } catch (e) { managed = {}; }
  document.getElementById("token").value = local.token || "";
  var port = document.getElementById("port");
  port.value = managed.apiPort || local.apiPort || "";
  port.disabled = Boolean(managed.apiPort);
}

document.getElementById("save").addEventListener("click", async function () {
  var token = document.getElementById("token").value.trim();
  var port = parseInt(document.getElementById("port").value, 10);
  var values = { token: token };
  if (port) values.apiPort = port;
  await ext.storage.local.set(values);
  var answer = await ext.runtime.sendMessage({ kind: "status" });
  if (answer && answer.state) {
    show("Connected to Peka " + answer.state.version + " for " + answer.state.agent + ".");
  } else {
    show((answer && answer.error && answer.error.message) || "No answer from Peka.");
  }
});

load();
