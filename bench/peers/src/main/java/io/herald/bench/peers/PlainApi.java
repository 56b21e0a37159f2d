package io.herald.bench.peers;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application at {@code /peers/api}. */
@ApplicationPath("api")
public class PlainApi extends Application {}
