package com.attest.platform.web;

import com.attest.platform.AccessDenied;
import com.attest.platform.SecurityHeaders;
import com.attest.platform.rest.ErrorBodies;
import jakarta.faces.application.ViewExpiredException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Where every error the container answers goes (web.xml's error pages): a call to the API gets the API's one error
 * shape, {@code {"errors":[{"field","message"}]}}, with its status; a page request gets the page for its status.
 */
@WebServlet(name = "errorDispatch", urlPatterns = ErrorDispatch.PATH)
public class ErrorDispatch extends HttpServlet {

    public static final String PATH = "/errors/dispatch";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Integer code = (Integer) request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = InvalidInputHandler.cause(failure, AccessDenied.class) != null ? 403
                : code == null || code < 400 ? 500 : code;
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? "" : uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        if (path.startsWith("/api/") || path.equals("/api")) {
            response.setStatus(status);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            response.getWriter().write(ErrorBodies.of("request", ErrorBodies.forStatus(status)));
            return;
        }
        response.setStatus(status);
        if (!SecurityHeaders.isFacesPage(path)) {
            // a file or an unknown path: a plain page under the one security policy already sent
            response.setContentType("text/html");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(PLAIN.formatted(request.getContextPath(), status,
                    status == 404 ? "Not found." : status == 403 ? "Your role does not give access to this."
                            : "The portal could not answer this request.", request.getContextPath()));
            return;
        }
        String page = InvalidInputHandler.cause(failure, ViewExpiredException.class) != null ? "/errors/expired.xhtml"
                : status == 403 || status == 404 ? "/errors/" + status + ".xhtml" : "/errors/500.xhtml";
        request.getRequestDispatcher(page).forward(request, response);
    }

    private static final String PLAIN = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="UTF-8"><title>Attest</title>
            <link rel="stylesheet" href="%s/resources/attest/attest.css"></head>
            <body><main class="error-page"><h1>%d</h1><p>%s</p><p><a href="%s/">Back to the home page</a></p></main>
            </body></html>""";
}
