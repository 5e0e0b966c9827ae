package com.attest.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The detection pipeline's writable resources for the fake Azure, with state: Azure Monitor action groups
 * (Microsoft.Insights/actionGroups, 2023-01-01) and Defender for Cloud workflow automations
 * (Microsoft.Security/automations, 2023-12-01-preview). For each: a subscription's list, one resource (404 when there
 * is none) and CreateOrUpdate, a PUT of the whole resource that replaces what the fake serves from then on (201 when
 * created, 200 when replaced), so a check after a repair reads what the repair wrote.
 */
public final class FakeArmResources implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-arm-resources";
    public static final String ACTION_GROUPS = "Microsoft.Insights/actionGroups";
    public static final String AUTOMATIONS = "Microsoft.Security/automations";
    private static final Pattern LIST = Pattern.compile("(?i)/subscriptions/([^/]+)/providers/"
            + "(Microsoft\\.Insights/actionGroups|Microsoft\\.Security/automations)");
    private static final Pattern ONE = Pattern.compile("(?i)/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/"
            + "(Microsoft\\.Insights/actionGroups|Microsoft\\.Security/automations)/([^/]+)");

    private final Map<String, JsonObject> groups = new LinkedHashMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** Serves exactly the resources of {@code type} in {@code list} (a list answer's JSON) from now on. */
    public synchronized void serve(String type, String list) {
        groups.values().removeIf(g -> key(g.getString("id")).contains("/providers/" + key(type) + "/"));
        Json.createReader(new StringReader(list)).readObject().getJsonArray("value").getValuesAs(JsonObject.class)
                .forEach(g -> groups.put(key(g.getString("id")), g));
    }

    /** Forgets every resource. */
    public synchronized void clear() {
        groups.clear();
    }

    /** The resource as the fake holds it now, or null. */
    public synchronized JsonObject get(String id) {
        return groups.get(key(id));
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        String url = event.getRequest().getUrl();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String method = event.getRequest().getMethod().getName();
        Matcher list = LIST.matcher(path);
        if (list.matches() && method.equals("GET")) {
            JsonArrayBuilder value = Json.createArrayBuilder();
            groups.values().stream().filter(g -> key(g.getString("id")).startsWith(key("/subscriptions/"
                    + list.group(1) + "/")) && key(g.getString("id")).contains("/providers/" + key(list.group(2))
                    + "/")).forEach(value::add);
            return answer(200, Json.createObjectBuilder().add("value", value).build().toString());
        }
        Matcher one = ONE.matcher(path);
        if (!one.matches()) {
            return answer(404, error("InvalidResourceType", "The fake serves action groups and automations only."));
        }
        JsonObject existing = groups.get(key(path));
        if (method.equals("GET")) {
            return existing == null ? answer(404, error("ResourceNotFound", "The Resource '" + key(one.group(3))
                    + "/" + one.group(4) + "' under resource group '" + one.group(2) + "' was not found."))
                    : answer(200, existing.toString());
        }
        if (method.equals("PUT")) {
            JsonObject body = Json.createReader(new StringReader(event.getRequest().getBodyAsString())).readObject();
            JsonObject stored = Json.createObjectBuilder()
                    .add("id", existing == null ? path : existing.getString("id"))
                    .add("type", one.group(3)).add("name", one.group(4))
                    .add("location", body.getString("location", "Global"))
                    .add("tags", body.get("tags") instanceof JsonObject t ? t : JsonValue.EMPTY_JSON_OBJECT)
                    .add("properties", body.getJsonObject("properties")).build();
            groups.put(key(path), stored);
            return answer(existing == null ? 201 : 200, stored.toString());
        }
        return answer(405, error("MethodNotAllowed", method + " is not served."));
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    private static String error(String code, String message) {
        return Json.createObjectBuilder().add("error", Json.createObjectBuilder().add("code", code)
                .add("message", message)).build().toString();
    }

    private static ResponseDefinition answer(int status, String body) {
        return new ResponseDefinitionBuilder().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-ms-request-id", "ag-" + Integer.toHexString(body.hashCode())).withBody(body).build();
    }
}
