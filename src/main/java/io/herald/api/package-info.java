/**
 * The EE-facing API: {@link io.herald.api.Herald} to publish from application code, the {@link
 * io.herald.api.Publish} CDI event as an alternative, {@link io.herald.api.ClientPublishing} to
 * observe (validate, transform, reject) what clients publish, and the shared parsing of client
 * input used by every transport.
 */
package io.herald.api;
