package com.attest.customernotice.rest;

import com.attest.customernotice.ContactRole;
import com.attest.customernotice.Customer;
import com.attest.customernotice.CustomerContact;
import com.attest.customernotice.CustomerService;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.CanonicalJson;
import com.attest.platform.rest.Upload;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The customer contact list over HTTP: {@code GET /api/customers} (every role); the compliance lead adds and
 * changes customers ({@code POST /api/customers}, {@code POST …/{id}} with {@code {"version","name","agreement",
 * "personalDataHours","otherDays","active"}}) and contacts ({@code POST …/{id}/contacts},
 * {@code POST …/contacts/{contactId}} with {@code {"version","name","email","phone","role","active"}}), and imports a
 * CSV file ({@code POST …/import}, the file as the body): all or nothing, each bad row an error {@code "row N"}.
 */
@Path("customers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CustomerResource {

    public record CustomerBody(Long version, String name, String agreement, Integer personalDataHours,
                               Integer otherDays, Boolean active) {
    }

    public record ContactBody(Long version, String name, String email, String phone, String role, Boolean active) {
    }

    @Inject
    private CustomerService customers;

    @GET
    public String list() {
        List<CustomerContact> contacts = customers.contacts();
        return CanonicalJson.write(customers.customers().stream().map(c -> {
            Map<String, Object> m = json(c);
            m.put("contacts", contacts.stream().filter(k -> k.getCustomerId().equals(c.getId()))
                    .map(CustomerResource::json).toList());
            return m;
        }).toList());
    }

    @POST
    public Response add(CustomerBody b) {
        CustomerBody body = b == null ? new CustomerBody(null, null, null, null, null, null) : b;
        Customer c = customers.save(null, 0, body.name(), body.agreement(), body.personalDataHours(), body.otherDays(),
                true);
        return Response.status(Response.Status.CREATED).entity(CanonicalJson.write(json(c))).build();
    }

    @POST
    @Path("{id: [0-9]+}")
    public String change(@PathParam("id") long id, CustomerBody b) {
        if (b == null || b.version() == null) {
            throw new InvalidInput("version", "Send the customer's version as you saw it.");
        }
        return CanonicalJson.write(json(customers.save(id, b.version(), b.name(), b.agreement(),
                b.personalDataHours(), b.otherDays(), b.active() == null || b.active())));
    }

    @POST
    @Path("{id: [0-9]+}/contacts")
    public Response addContact(@PathParam("id") long id, ContactBody b) {
        ContactBody body = b == null ? new ContactBody(null, null, null, null, null, null) : b;
        CustomerContact c = customers.saveContact(null, 0, id, body.name(), body.email(), body.phone(),
                role(body.role()), true);
        return Response.status(Response.Status.CREATED).entity(CanonicalJson.write(json(c))).build();
    }

    @POST
    @Path("contacts/{contactId: [0-9]+}")
    public String changeContact(@PathParam("contactId") long contactId, ContactBody b) {
        if (b == null || b.version() == null) {
            throw new InvalidInput("version", "Send the contact's version as you saw it.");
        }
        return CanonicalJson.write(json(customers.saveContact(contactId, b.version(), 0, b.name(), b.email(),
                b.phone(), role(b.role()), b.active() == null || b.active())));
    }

    @POST
    @Path("import")
    @Consumes(MediaType.WILDCARD)
    @Upload
    public String importCsv(InputStream in) throws IOException {
        CustomerService.Imported imported = customers.importCsv(in.readNBytes(CustomerService.MAX_IMPORT_BYTES + 1));
        return CanonicalJson.write(Map.of("customers", imported.customers(), "contacts", imported.contacts()));
    }

    private static ContactRole role(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return ContactRole.parse(text).orElseThrow(() -> new InvalidInput("role", "'" + text
                + "' is not a contact role; the roles are " + ContactRole.labels() + "."));
    }

    private static Map<String, Object> json(Customer c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.getId());
        m.put("version", c.getVersion());
        m.putAll(c.snapshot());
        return m;
    }

    private static Map<String, Object> json(CustomerContact c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.getId());
        m.put("version", c.getVersion());
        m.putAll(c.snapshot());
        return m;
    }
}
