package io.herald.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /herald.js}, {@code /herald.global.js}, {@code /herald-worker.js} (the shared
 * connection's SharedWorker), {@code /herald.d.ts}. Each answer carries a strong ETag (the content
 * hash) and {@code X-Herald-Version}; a request naming the current hash as {@code ?v=} is cacheable
 * for a year, any other must revalidate (a 304 when unchanged).
 *
 * <p>The files are bundled by the build (esbuild, from {@code src/main/js}) into the herald-ee
 * jar's {@code META-INF/resources/}, which the container adds to the application's resources; they
 * are read once at start (this servlet's mapping wins over the container's default servlet);
 * thread-safe after {@link #init()}. The servlet container calls it.
 */
@WebServlet(urlPatterns = {"/herald.js", "/herald.global.js", "/herald-worker.js", "/herald.d.ts"})
public class ClientScriptServlet extends HttpServlet {
  private static final String JS = "text/javascript; charset=utf-8";

  private transient Map<String, ClientScript> scripts;

  @Override
  public void init() throws ServletException {
    scripts =
        Map.of(
            "/herald.js", ClientScript.of(read("/herald.js"), JS),
            "/herald.global.js", ClientScript.of(read("/herald.global.js"), JS),
            "/herald-worker.js", ClientScript.of(read("/herald-worker.js"), JS),
            "/herald.d.ts",
                ClientScript.of(read("/herald.d.ts"), "application/typescript; charset=utf-8"));
  }

  private String read(String path) throws ServletException {
    try (InputStream in = getServletContext().getResourceAsStream(path)) {
      if (in == null) {
        throw new ServletException(
            path + " is missing from the application (herald-ee's META-INF/resources)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ServletException(e);
    }
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ClientScript s = scripts.get(req.getServletPath());
    String etag = "\"" + s.version() + "\"";
    resp.setHeader("ETag", etag);
    resp.setHeader("X-Herald-Version", s.version());
    resp.setHeader("Access-Control-Allow-Origin", "*");
    resp.setHeader(
        "Cache-Control",
        s.version().equals(req.getParameter("v"))
            ? "public, max-age=31536000, immutable"
            : "no-cache");
    String match = req.getHeader("If-None-Match");
    if (match != null && (match.contains(etag) || match.trim().equals("*"))) {
      resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    resp.setContentType(s.mediaType());
    resp.setContentLength(s.body().length);
    resp.getOutputStream().write(s.body());
  }
}
