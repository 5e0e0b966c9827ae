package com.attest.customernotice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.attest.testing.Deployments;
import com.attest.testing.PortalClient;
import com.attest.testing.TestJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

/** The customer list, as the compliance lead keeps it through the API. */
final class Customers {

    private Customers() {
    }

    /**
     * Marks the named customers inactive, as the lead does when an agreement ends: the notification periods of every
     * active agreement count for every incident, so a test's customers must not outlive it.
     */
    static void retire(URL base, String... names) {
        HttpResponse<String> list = PortalClient.api(base, "api/customers", "admin", Deployments.ADMIN_PASSWORD);
        assertEquals(200, list.statusCode(), list.body());
        List<String> wanted = List.of(names);
        for (JsonValue value : Json.createReader(new java.io.StringReader(list.body())).readArray()) {
            JsonObject customer = value.asJsonObject();
            if (!wanted.contains(customer.getString("name")) || !customer.getBoolean("active", true)) {
                continue;
            }
            JsonObject change = Json.createObjectBuilder(customer).remove("id").remove("contacts")
                    .add("active", false).build();
            HttpResponse<String> retired = PortalClient.post(base, "api/customers/" + customer.getJsonNumber("id"),
                    "admin", Deployments.ADMIN_PASSWORD, change.toString());
            assertEquals(200, retired.statusCode(), retired.body());
            assertEquals(false, TestJson.read(retired.body()).getBoolean("active"), retired.body());
        }
    }
}
