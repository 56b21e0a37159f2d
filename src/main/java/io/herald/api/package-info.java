/**
 * The EE-facing API for applications: {@link io.herald.api.Herald} to publish from application code
 * (at once, or after the transaction commits) and the {@link io.herald.api.Publish} CDI event
 * (after commit), answering {@link io.herald.api.Published}; events to observe: {@link
 * io.herald.api.ClientPublishing} (validate, transform, reject what clients publish), {@link
 * io.herald.api.ClientSubscribing} (refuse a subscribe or history read), {@link
 * io.herald.api.ClientConnected} and {@link io.herald.api.ClientDisconnected}. What the transports
 * share and applications do not use lives in {@code io.herald.api.internal}.
 */
package io.herald.api;
