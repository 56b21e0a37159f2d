package io.herald.embedded.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The embedding test application's own JAX-RS application, under {@code /rest}: a second {@code
 * Application} beside Herald's under {@code /api}, in the same WAR. Container-managed.
 */
@ApplicationPath("rest")
public class ShopApplication extends Application {}
