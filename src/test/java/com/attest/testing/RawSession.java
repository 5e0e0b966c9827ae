package com.attest.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie-keeping HTTP session with no browser in it, sending exactly what a test (or an attacker) writes: any
 * header, any form field, no redirect followed. Signs in through the real login form.
 */
public final class RawSession {

    private static final Pattern VIEW_STATE = Pattern.compile(
            "name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]*)\"");
    private static final Pattern NONCE = Pattern.compile("PrimeFaces\\.csp\\.init\\('([^']+)'");

    private final URL base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public RawSession(URL base) {
        this.base = base;
        // HTTP/1.1 as browsers speak it over plain http (no h2c upgrade, whose connections the server may drop)
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A session signed in through the form (it must land somewhere other than the login page). */
    public static RawSession signedIn(URL base, String username, String password) {
        RawSession session = new RawSession(base);
        HttpResponse<String> answer = session.signIn(username, password);
        String to = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || to.contains("login.xhtml")) {
            throw new IllegalStateException(username + " could not sign in: " + answer.statusCode() + " " + to);
        }
        return session;
    }

    public HttpResponse<String> signIn(String username, String password) {
        String login = get("login.xhtml").body();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:username", username);
        form.put("login:password", password);
        form.put("login:signIn", "");
        form.put("jakarta.faces.ViewState", viewState(login));
        form.put("primefaces.nonce", nonce(login)); // as PrimeFaces adds it to every postback of the page
        return post("login.xhtml", form, Map.of("Origin", origin()));
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        return send("GET", path, null, null, headers);
    }

    /** A form post ({@code application/x-www-form-urlencoded}). */
    public HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> headers) {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send("POST", path, body, "application/x-www-form-urlencoded", headers);
    }

    /** Any request: method, body (null for none) of a content type, headers. */
    public HttpResponse<String> send(String method, String path, String body, String contentType,
                                     Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(new URL(base, path).toString()))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            headers.forEach(request::header);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Gives the session a cookie as if the portal had set it (path {@code /}): a forged one, say. */
    public void cookie(String name, String value) {
        java.net.HttpCookie cookie = new java.net.HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(origin() + "/"), cookie);
    }

    /** The portal's origin, as a browser on one of its pages names it. */
    public String origin() {
        return base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
    }

    /** The view state a page carries (its first form's). */
    public static String viewState(String html) {
        Matcher m = VIEW_STATE.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no view state in the page");
        }
        return m.group(1).replace("&#58;", ":").replace("&amp;", "&");
    }

    /** The CSP nonce PrimeFaces posts back with every AJAX request of the page. */
    public static String nonce(String html) {
        Matcher m = NONCE.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSP nonce in the page");
        }
        return m.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
