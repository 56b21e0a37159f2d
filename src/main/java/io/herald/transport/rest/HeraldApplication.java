package io.herald.transport.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application: every resource and provider in the WAR under {@code /api}.
 *
 * <p>Container-managed.
 */
@ApplicationPath("api")
public class HeraldApplication extends Application {}
