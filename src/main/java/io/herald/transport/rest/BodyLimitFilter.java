package io.herald.transport.rest;

import io.herald.limits.Limits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies past {@code herald.limits.max-message-bytes} with 413 {@code too-large}:
 * at once when {@code Content-Length} says so, else (chunked bodies) as soon as reading passes the
 * limit, so an oversized body is never held in memory whole.
 *
 * <p>Stateless provider; JAX-RS calls it on request threads.
 */
@ApplicationScoped
@Provider
public class BodyLimitFilter implements ContainerRequestFilter {
  @Inject Limits limits;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!request.hasEntity()) {
      return;
    }
    int length = request.getLength();
    if (length >= 0) {
      limits.checkSize(length);
    }
    request.setEntityStream(new Bounded(request.getEntityStream(), limits));
  }

  /** Counts bytes read and fails past the limit. */
  private static final class Bounded extends FilterInputStream {
    private final Limits limits;
    private long read;

    Bounded(InputStream in, Limits limits) {
      super(in);
      this.limits = limits;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      limits.checkSize(read);
    }
  }
}
