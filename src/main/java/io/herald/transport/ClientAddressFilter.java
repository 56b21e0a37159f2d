package io.herald.transport;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * Works out each {@code /api/*} request's client address once ({@link TrustedProxies}: the TCP
 * peer, or the client a trusted proxy names) and leaves it where every transport finds it through
 * {@link ClientAddress}: as a request attribute, and for the length of the request on this thread,
 * which is where a WebSocket upgrade's {@code modifyHandshake} runs on Tyrus, Undertow and Tomcat
 * (the container's upgrade filter runs inside this chain) and hands it to the connection.
 *
 * <p>Container-managed and stateless; runs on request threads.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class ClientAddressFilter extends HttpFilter {
  @Inject ProxySettings settings;

  private volatile TrustedProxies proxies;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    TrustedProxies p = proxies;
    if (p == null) {
      p = settings.proxies();
      proxies = p;
    }
    String address = resolve(p, request);
    request.setAttribute(ClientAddress.ATTRIBUTE, address);
    String outer = ClientAddress.CAPTURED.get();
    ClientAddress.CAPTURED.set(address);
    try {
      chain.doFilter(request, response);
    } finally {
      if (outer == null) {
        ClientAddress.CAPTURED.remove();
      } else {
        ClientAddress.CAPTURED.set(outer);
      }
    }
  }

  static String resolve(TrustedProxies proxies, HttpServletRequest request) {
    String peer = request.getRemoteAddr();
    if (!proxies.enabled() || peer == null) {
      return peer == null ? ClientAddress.UNKNOWN : peer;
    }
    return proxies.client(peer, values(request, "Forwarded"), values(request, "X-Forwarded-For"));
  }

  private static List<String> values(HttpServletRequest request, String header) {
    return request.getHeaders(header) == null
        ? List.of()
        : Collections.list(request.getHeaders(header));
  }
}
