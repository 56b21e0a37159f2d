package io.herald.hub;

/**
 * How {@link HubProducer} assembles the application's hub: the size of its delivery pool and which
 * history store it uses. Read once at start from {@code herald.delivery.threads} and {@code
 * herald.store}. Immutable.
 *
 * @param deliveryThreads threads of the delivery pool that drains subscriber queues; {@code 0}
 *     means one per available processor. Default {@code 0}.
 * @param store {@code memory} (an application-supplied {@link History} bean if there is one, else
 *     the in-memory history), or the name of a {@link Store @Store} History bean such as {@code
 *     redis}. Default {@code memory}.
 */
public record HubWiring(int deliveryThreads, String store) {}
