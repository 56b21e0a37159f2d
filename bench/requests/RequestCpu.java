import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Server CPU per HTTP request of Herald's one-shot endpoints (short poll, publish, history page),
 * read from {@code /proc/PID/stat} of the server process around a fixed number of requests: the
 * figure to compare two builds by (see ab.sh), since CPU time moves less with a shared machine's
 * load than latency does. One warm-up round of every kind, then two measured rounds.
 *
 * <p>Usage: {@code java RequestCpu.java SERVER_PID PORT REQUESTS THREADS}. Loopback only; bounded
 * by REQUESTS per kind and round. Prints one line: each kind's µs of server CPU per request.
 */
public class RequestCpu {
  private static final double MICROS_PER_TICK = 10_000; // Linux clock ticks are 1/100 s

  static long cpuTicks(String pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
  }

  public static void main(String[] a) throws Exception {
    String pid = a[0];
    int port = Integer.parseInt(a[1]);
    int n = Integer.parseInt(a[2]);
    int threads = Integer.parseInt(a[3]);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String base = "http://127.0.0.1:" + port + "/api/";
    Map<String, HttpRequest> kinds = new LinkedHashMap<>();
    kinds.put("messages", HttpRequest.newBuilder(URI.create(base + "messages?topic=ab")).build());
    kinds.put(
        "publish",
        HttpRequest.newBuilder(URI.create(base + "publish"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"ab\",\"data\":{\"x\":1}}"))
            .build());
    kinds.put(
        "history",
        HttpRequest.newBuilder(URI.create(base + "history?topic=ab&limit=1&reverse=true")).build());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    StringBuilder out = new StringBuilder();
    for (int round = 0; round < 3; round++) {
      for (Map.Entry<String, HttpRequest> kind : kinds.entrySet()) {
        long before = cpuTicks(pid);
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(
              pool.submit(
                  () -> {
                    int bad = 0;
                    for (int i = 0; i < n / threads; i++) {
                      int status =
                          client
                              .send(kind.getValue(), HttpResponse.BodyHandlers.discarding())
                              .statusCode();
                      bad += status >= 300 ? 1 : 0;
                    }
                    return bad;
                  }));
        }
        int bad = 0;
        for (Future<Integer> f : done) {
          bad += f.get();
        }
        long after = cpuTicks(pid);
        if (round > 0) {
          out.append(
              String.format(
                  "%s %.0f%s  ",
                  kind.getKey(),
                  (after - before) * MICROS_PER_TICK / n,
                  bad > 0 ? " (" + bad + " failed)" : ""));
        }
      }
    }
    pool.shutdown();
    System.out.println(out.toString().trim());
  }
}
