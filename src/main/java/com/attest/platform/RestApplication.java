package com.attest.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The portal's HTTP API lives under {@code /api}. */
@ApplicationPath("api")
public class RestApplication extends Application {
}
