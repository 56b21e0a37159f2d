// Herald admin page: loads the overview from /api/admin, then stays live by subscribing to the
// admin feed topic over Herald's own WebSocket transport.
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const api = (path) => new URL("../api/admin/" + path, location.href);
  const wsUrl = new URL("../api/ws", location.href);
  wsUrl.protocol = location.protocol === "https:" ? "wss:" : "ws:";
  const HISTORY = 120;
  const rates = [];
  // bin/run prints the page's URL with its token as #token=…: taken once, kept for the tab, and
  // cleared from the address bar (a fragment never reaches the server).
  const given = new URLSearchParams(location.hash.slice(1)).get("token");
  if (given) {
    sessionStorage.setItem("herald-admin-token", given);
    history.replaceState(null, "", location.pathname + location.search);
  }
  let token = sessionStorage.getItem("herald-admin-token") || "";
  let socket = null;
  let retry = null;

  async function call(method, path, body) {
    const res = await fetch(api(path), {
      method,
      headers: { "X-Herald-Admin-Token": token, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : null;
    if (!res.ok) {
      throw Object.assign(new Error(json && json.detail ? json.detail : res.statusText), { status: res.status });
    }
    return json;
  }

  function cell(row, text) {
    const td = row.insertCell();
    td.textContent = text;
    return td;
  }

  function fill(tableId, items, render) {
    const body = $(tableId).tBodies[0];
    body.replaceChildren();
    for (const item of items) render(body.insertRow(), item);
  }

  function render(s) {
    for (const t of ["websocket", "sse", "long-poll"]) $("conn-" + t).textContent = s.connections[t];
    $("subscribers").textContent = s.subscribers;
    $("published").textContent = s.published;
    $("delivered").textContent = s.delivered;
    $("publish-rate").textContent = s.publishRate;
    $("delivery-rate").textContent = s.deliveryRate;
    $("hub").textContent = s.running ? "hub running" : "hub stopped";
    $("hub").className = "badge " + (s.running ? "on" : "off");
    $("topic-count").textContent = "(" + s.topicCount + " with subscribers)";
    fill("topics", s.topics, (row, t) => {
      row.dataset.topic = t.topic;
      cell(row, t.topic);
      cell(row, t.subscribers);
    });
    fill("connections", s.open, (row, c) => {
      row.dataset.id = c.id;
      for (const v of [c.id, c.transport, c.address, c.identity, c.opened.replace("T", " ").slice(0, 19)]) cell(row, v);
      const button = document.createElement("button");
      button.textContent = "Close";
      button.onclick = () => call("POST", "connections/" + c.id + "/close").then(refresh, report);
      row.insertCell().append(button);
    });
    fill("errors", s.errors, (row, e) => {
      for (const v of [e.time.replace("T", " ").slice(0, 19), e.status, e.kind, e.where, e.detail]) cell(row, v);
    });
  }

  function plot(s) {
    rates.push([s.publishRate, s.deliveryRate]);
    if (rates.length > HISTORY) rates.shift();
    const canvas = $("chart");
    const g = canvas.getContext("2d");
    const w = canvas.width, h = canvas.height, pad = 4;
    const max = Math.max(1, ...rates.flat());
    g.clearRect(0, 0, w, h);
    g.fillStyle = "#5a6472";
    g.font = "11px sans-serif";
    g.fillText(max.toFixed(1) + "/s", pad, 12);
    ["#2f6fde", "#1a9b55"].forEach((color, k) => {
      g.strokeStyle = color;
      // Published is drawn wider underneath, so it stays visible where the lines coincide.
      g.lineWidth = k === 0 ? 4 : 2;
      g.beginPath();
      rates.forEach((r, i) => {
        const x = w - pad - (rates.length - 1 - i) * ((w - 2 * pad) / (HISTORY - 1));
        const y = h - pad - (r[k] / max) * (h - 2 * pad - 14);
        i ? g.lineTo(x, y) : g.moveTo(x, y);
      });
      g.stroke();
    });
  }

  function report(e) {
    $("pub-result").textContent = "error: " + e.message;
  }

  function live(on) {
    $("live").textContent = on ? "live" : "offline";
    $("live").className = "badge " + (on ? "on" : "off");
  }

  async function refresh() {
    const s = await call("GET", "overview");
    render(s);
    return s;
  }

  async function connect() {
    clearTimeout(retry);
    let s;
    try {
      s = await refresh();
    } catch (e) {
      if (e.status === 401 || e.status === 403) {
        $("main").hidden = true;
        $("login").hidden = false;
        $("login-error").textContent = e.message;
        return;
      }
      live(false);
      retry = setTimeout(connect, 2000);
      return;
    }
    $("login").hidden = true;
    $("main").hidden = false;
    let ticket;
    try {
      ticket = (await call("POST", "ticket")).ticket;
    } catch (e) {
      live(false);
      retry = setTimeout(connect, 2000);
      return;
    }
    socket = new WebSocket(wsUrl + "?ticket=" + encodeURIComponent(ticket));
    socket.onopen = () => socket.send(JSON.stringify({ type: "subscribe", topics: [s.feed] }));
    socket.onmessage = (m) => {
      const frame = JSON.parse(m.data);
      if (frame.type === "subscribed") live(true);
      if (frame.type === "message" && frame.event === "stats") {
        render(frame.data);
        plot(frame.data);
      }
    };
    socket.onclose = () => {
      live(false);
      retry = setTimeout(connect, 2000);
    };
  }

  $("login").onsubmit = (e) => {
    e.preventDefault();
    token = $("token").value;
    sessionStorage.setItem("herald-admin-token", token);
    $("login-error").textContent = "";
    connect();
  };

  $("publish").onsubmit = (e) => {
    e.preventDefault();
    const text = $("pub-data").value;
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
    const body = { topic: $("pub-topic").value, data };
    if ($("pub-event").value) body.event = $("pub-event").value;
    call("POST", "publish", body).then((r) => ($("pub-result").textContent = "published " + r.id), report);
  };

  $("hub-stop").onclick = () => {
    if (confirm("Stop the hub? Every connection is closed and new ones are refused until it is started.")) {
      call("POST", "hub/stop").catch(report);
    }
  };
  $("hub-start").onclick = () => call("POST", "hub/start").then(refresh, report);

  if (token) connect();
})();
