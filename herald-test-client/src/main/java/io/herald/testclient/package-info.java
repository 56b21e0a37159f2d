/**
 * A Java client for tests of applications that embed Herald: subscribe over every transport,
 * publish, resume from a cursor, authenticate with a JWT or a ticket, and await exactly what the
 * application pushed. Start from {@link io.herald.testclient.HeraldClient}; see docs/embedding.md,
 * "Testing your app".
 */
package io.herald.testclient;
