package io.herald.it.app;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.adapter.JsonbAdapter;

/**
 * Test-only: the application's own {@link Jsonb}, with an adapter that writes {@link Money} as
 * {@code "12.50 EUR"}, to prove Herald maps payloads with it. Application-scoped producer.
 *
 * <p>An alternative enabled for the application: TomEE's MicroProfile JWT produces a default {@code
 * Jsonb} bean of its own, and two of them would make the deployment fail (ambiguous); a selected
 * alternative wins over it (docs/servers.md).
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class MoneyJsonb {
  /** An amount in cents; without the adapter JSON-B would write {@code {"cents":1250}}. */
  public record Money(long cents) {}

  /** Writes {@link Money} as a string with two decimals and the currency. */
  public static final class MoneyAdapter implements JsonbAdapter<Money, String> {
    @Override
    public String adaptToJson(Money m) {
      return String.format(java.util.Locale.ROOT, "%d.%02d EUR", m.cents() / 100, m.cents() % 100);
    }

    @Override
    public Money adaptFromJson(String s) {
      throw new UnsupportedOperationException();
    }
  }

  @Produces
  @Alternative
  @ApplicationScoped
  Jsonb jsonb() {
    return JsonbBuilder.create(new JsonbConfig().withAdapters(new MoneyAdapter()));
  }
}
