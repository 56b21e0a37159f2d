/**
 * Herald's side of the API, not for applications: client input parsing ({@link
 * io.herald.api.internal.ClientInput}), client publishes ({@link
 * io.herald.api.internal.ClientPublisher}), the subscribe check every transport makes ({@link
 * io.herald.api.internal.SubscribeGate}), connection events ({@link
 * io.herald.api.internal.ConnectionEvents}) and the {@code Publish} observer. May change in any
 * release.
 */
package io.herald.api.internal;
