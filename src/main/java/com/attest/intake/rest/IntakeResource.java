package com.attest.intake.rest;

import com.attest.intake.IntakeMetrics;
import com.attest.platform.rest.ErrorBodies;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A delivery to an intake that does not exist: {@link IntakeServlet} serves the three that do, so whatever else is
 * posted under {@code /api/intake/} is answered here, naming the ones there are.
 */
@Path("intake/{source}")
@Produces(MediaType.APPLICATION_JSON)
public class IntakeResource {

    @Inject
    private IntakeMetrics metrics;

    @POST
    public Response receive(@PathParam("source") String path) {
        metrics.answered("unknown", 404);
        return ErrorBodies.response(404, "source", "No intake for '" + path
                + "': use azure-monitor, defender or sentinel.");
    }
}
