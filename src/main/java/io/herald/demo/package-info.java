/**
 * The demo publishers behind the page at {@code /}: a simulated price ticker ({@code demo/prices})
 * and the server's own vital signs ({@code demo/system}), each pushed on a timer through {@link
 * io.herald.api.Herald}. The chat room ({@code demo/chat}) needs no server code: browsers publish
 * to it. Switched off with MicroProfile Config {@code herald.demo.enabled=false}.
 */
package io.herald.demo;
