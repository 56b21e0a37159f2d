package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testkit.Chromium;
import io.herald.testkit.Tokens;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A real browser against the test deployment, which runs with security on and the demo
 * configuration ({@code server-config/demo.properties}, as {@code bin/run} does): the demo page
 * connects anonymously to its public topics over WebSocket; private topics are refused; EventSource
 * and WebSocket get in with a ticket, once only; a refused WebSocket shows the browser close code
 * 1008 with its reason; and a WebSocket from another origin is refused.
 */
class BrowserSecurityIT extends ContainerTest {

  @Test
  void theDemoPageAndTicketsWorkInABrowserWithSecurityOn() throws Exception {
    String topic = prefix + "private";
    String token = Tokens.of("browser", List.of(topic), List.of(topic), Duration.ofHours(1));
    String other = "ws://localhost:" + base().getPort();
    try (Chromium browser = Chromium.open(base())) {
      browser.awaitLoaded(base(), Duration.ofSeconds(30));
      String script =
          SCRIPT.replace("$TOPIC", topic).replace("$TOKEN", token).replace("$OTHER", other);
      JsonObject out = browser.eval(script, Duration.ofSeconds(60)).asJsonObject();
      assertEquals("open,open,open", out.getString("pageBadges"), out.toString());
      assertEquals(
          "via websocket,via websocket,via websocket",
          out.getString("pageTransports"),
          out.toString());
      assertEquals(401, out.getInt("anonStatus"), out.toString());
      assertEquals("unauthenticated", out.getString("anonCode"), out.toString());
      assertEquals(201, out.getInt("chatStatus"), out.toString());
      assertEquals(401, out.getInt("anonPublishPrices"), out.toString());
      assertEquals(1, out.getInt("sse"), out.toString());
      assertEquals(2, out.getInt("sseReusedTicketState"), out.toString());
      assertEquals(2, out.getInt("ws"), out.toString());
      assertTrue(
          out.getString("wsReusedTicket").startsWith("1008 invalid-ticket:"), out.toString());
      assertEquals("closed 1006", out.getString("crossOrigin"), out.toString());
    }
  }

  private static final String SCRIPT =
      """
      (async () => {
        const T = '$TOPIC', TOKEN = '$TOKEN';
        const bearer = { Authorization: 'Bearer ' + TOKEN };
        const json = { 'Content-Type': 'application/json' };
        const wsBase = location.origin.replace(/^http/, 'ws');
        const timeout = (ms, what) => new Promise((_, no) => setTimeout(() => no(new Error(what)), ms));
        const out = {};
        // The demo page (herald.js) connects anonymously to its public demo topics.
        const badges = () => [...document.querySelectorAll('.badge[data-status]')];
        for (let i = 0; i < 100 && !(badges().length > 0 && badges().every(b => b.dataset.status === 'open')); i++) {
          await new Promise(r => setTimeout(r, 100));
        }
        out.pageBadges = badges().map(b => b.dataset.status).join(',');
        out.pageTransports = [...document.querySelectorAll('.transport')].map(t => t.textContent).join(',');

        let r = await fetch('/api/messages?topic=' + T);
        out.anonStatus = r.status;
        out.anonCode = (await r.json()).code;
        r = await fetch('/api/publish', { method: 'POST', headers: json,
          body: JSON.stringify({ topic: 'demo/chat', event: 'say', data: { name: 'it', text: 'hi' } }) });
        out.chatStatus = r.status;
        r = await fetch('/api/publish', { method: 'POST', headers: json,
          body: JSON.stringify({ topic: 'demo/prices', data: 1 }) });
        out.anonPublishPrices = r.status;

        const ticket = async () =>
          (await (await fetch('/api/ticket', { method: 'POST', headers: bearer })).json()).ticket;
        const publish = (n) => fetch('/api/publish', { method: 'POST',
          headers: { ...bearer, ...json }, body: JSON.stringify({ topic: T, data: { n } }) });

        const t1 = await ticket();
        out.sse = await Promise.race([timeout(10000, 'sse'), new Promise((yes, no) => {
          const es = new EventSource('/api/sse?topic=' + T + '&ticket=' + t1);
          es.addEventListener('subscribed', () => publish(1));
          es.addEventListener('message', (e) => { es.close(); yes(JSON.parse(e.data).data.n); });
          es.onerror = () => { es.close(); no(new Error('sse refused')); };
        })]);
        out.sseReusedTicketState = await Promise.race([timeout(10000, 'sse reuse'), new Promise((yes) => {
          const es = new EventSource('/api/sse?topic=' + T + '&ticket=' + t1);
          es.onopen = () => { es.close(); yes(-1); };
          es.onerror = () => { const s = es.readyState; es.close(); yes(s); };
        })]);

        const t2 = await ticket();
        out.ws = await Promise.race([timeout(10000, 'ws'), new Promise((yes, no) => {
          const ws = new WebSocket(wsBase + '/api/ws?ticket=' + t2);
          ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', topics: [T] }));
          ws.onmessage = (e) => {
            const f = JSON.parse(e.data);
            if (f.type === 'subscribed') publish(2);
            if (f.type === 'message') { ws.close(); yes(f.data.n); }
          };
          ws.onclose = (e) => no(new Error('ws closed ' + e.code + ' ' + e.reason));
        })]);
        out.wsReusedTicket = await Promise.race([timeout(10000, 'ws reuse'), new Promise((yes) => {
          const ws = new WebSocket(wsBase + '/api/ws?ticket=' + t2);
          ws.onclose = (e) => yes(e.code + ' ' + e.reason);
        })]);
        out.crossOrigin = await Promise.race([timeout(10000, 'cross origin'), new Promise((yes) => {
          const ws = new WebSocket('$OTHER/api/ws');
          ws.onopen = () => { ws.close(); yes('open'); };
          ws.onclose = (e) => yes('closed ' + e.code);
        })]);
        return out;
      })()
      """;
}
