/**
 * The soak test of issue 15: a Payara Micro of its own under mixed honest and abusive clients for
 * {@code soak.minutes}, asserting that heap, threads and file descriptors end flat and that no
 * honest client lost or duplicated a message. See docs/limits.md, "Soak test".
 */
package io.herald.soak;
