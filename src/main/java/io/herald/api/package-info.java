/**
 * The EE-facing API: {@link io.herald.api.Herald} to publish from application code, the {@link
 * io.herald.api.Publish} CDI event as an alternative, {@link io.herald.api.ClientPublishing} to
 * observe (validate, transform, reject) what clients publish, and what every transport shares for
 * client input: {@link io.herald.api.ClientInput} (parsing) and {@link
 * io.herald.api.ClientPublisher} (access check, {@code ClientPublishing}, atomic store).
 */
package io.herald.api;
