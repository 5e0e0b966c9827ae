package com.attest.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.htmlunit.BrowserVersion;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlPage;

/** A headless visitor of the deployed portal: signs in through the real form and reads what comes back. */
public final class PortalClient implements AutoCloseable {

    private final URL base;
    private final WebClient web = new WebClient(BrowserVersion.CHROME);

    public PortalClient(URL base) {
        this.base = base;
        web.getOptions().setThrowExceptionOnFailingStatusCode(false);
        web.getOptions().setThrowExceptionOnScriptError(false);
        web.getOptions().setCssEnabled(false);
        web.getOptions().setJavaScriptEnabled(true);
        web.setAjaxController(new org.htmlunit.NicelyResynchronizingAjaxController());
    }

    public static PortalClient signedIn(URL base, String username, String password) {
        PortalClient client = new PortalClient(base);
        HtmlPage landed = client.signIn(username, password);
        if (landed.getUrl().getPath().endsWith("login.xhtml")) {
            throw new IllegalStateException(username + " could not sign in: " + landed.asNormalizedText());
        }
        return client;
    }

    /** Fills in and submits the sign-in form; returns the page the portal answers with. */
    public HtmlPage signIn(String username, String password) {
        HtmlPage login = page("login.xhtml");
        login.getHtmlElementById("login:username").setAttribute("value", username);
        login.getHtmlElementById("login:password").setAttribute("value", password);
        try {
            return login.getHtmlElementById("login:signIn").click();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public HtmlPage page(String path) {
        Page page = get(path);
        if (!(page instanceof HtmlPage html)) {
            throw new IllegalStateException(path + " is not an HTML page: " + page.getWebResponse().getContentType());
        }
        return html;
    }

    public Page get(String path) {
        try {
            return web.getPage(new URL(base, path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The status of a GET without following redirects, so a sign-in redirect shows as 302. */
    public WebResponse raw(String path) {
        boolean redirects = web.getOptions().isRedirectEnabled();
        web.getOptions().setRedirectEnabled(false);
        try {
            return web.getPage(new URL(base, path)).getWebResponse();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            web.getOptions().setRedirectEnabled(redirects);
        }
    }

    public WebClient web() {
        return web;
    }

    /** A plain HTTP call with Basic credentials (null for none), as an API client makes it. */
    public static HttpResponse<String> api(URL base, String path, String username, String password) {
        return send(base, path, username, password, null);
    }

    /** A JSON POST with Basic credentials. */
    public static HttpResponse<String> post(URL base, String path, String username, String password, String json) {
        return send(base, path, username, password, json);
    }

    private static HttpResponse<String> send(URL base, String path, String username, String password, String json) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(new URL(base, path).toString()));
            if (json == null) {
                request.GET();
            } else {
                request.POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
            }
            if (username != null) {
                request.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        web.close();
    }
}
