package com.attest.pack.rest;

import com.attest.pack.EvidencePack;
import com.attest.pack.EvidencePackService;
import com.attest.pack.PackKeys;
import com.attest.pack.PackVerifier;
import com.attest.pack.SignatureCheck;
import com.attest.platform.InvalidInput;
import com.attest.platform.audit.CanonicalJson;
import com.attest.platform.rest.Upload;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evidence packs over HTTP (compliance lead): {@code POST /api/packs} {@code {"kind", "from", "to", "incident"}}
 * (202, generated in the background), {@code GET /api/packs} (the recent ones, with the kinds), {@code GET
 * /api/packs/{id}} (state, progress, hashes and, once finished, the signature checked now), {@code GET …/{id}/pdf}
 * and {@code …/{id}/zip}, {@code POST …/{id}/cancel}, {@code POST /api/packs/verify} (a pack's ZIP as the body).
 */
@Path("packs")
@Produces(MediaType.APPLICATION_JSON)
public class PackResource {

    public record Request(String kind, String from, String to, String incident) {
    }

    @Inject
    private EvidencePackService packs;

    @Inject
    private PackKeys keys;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response generate(Request request) {
        if (request == null) {
            throw new InvalidInput("kind", "Send {\"kind\", \"from\", \"to\", \"incident\"}.");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        LocalDate from = errors.date("from", request.from());
        LocalDate to = errors.date("to", request.to());
        errors.throwIfAny();
        EvidencePack pack = packs.generate(request.kind(), from, to, request.incident());
        return Response.accepted(CanonicalJson.write(pack.snapshot())).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    public String list() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kinds", packs.kinds().stream().map(d -> Map.of("kind", d.kind(), "title", d.title(),
                "scope", d.scope().name())).toList());
        body.put("packs", packs.recent(50).stream().map(EvidencePack::snapshot).toList());
        return CanonicalJson.write(body);
    }

    @GET
    @Path("{id}")
    public String get(@PathParam("id") long id) {
        EvidencePack pack = packs.find(id).orElseThrow(NotFoundException::new);
        Map<String, Object> body = pack.snapshot();
        if (pack.getState() == EvidencePack.State.FINISHED) {
            body.put("signature", signature(packs.signature(id).orElseThrow()));
        }
        return CanonicalJson.write(body);
    }

    @POST
    @Path("{id}/cancel")
    public String cancel(@PathParam("id") long id) {
        return CanonicalJson.write(packs.cancel(id).snapshot());
    }

    @GET
    @Path("{id}/pdf")
    @Produces("application/pdf")
    public Response pdf(@PathParam("id") long id) {
        return download(packs.pdf(id).orElseThrow(NotFoundException::new), "application/pdf",
                "evidence-pack-" + id + ".pdf");
    }

    @GET
    @Path("{id}/zip")
    @Produces("application/zip")
    public Response zip(@PathParam("id") long id) {
        return download(packs.zip(id).orElseThrow(NotFoundException::new), "application/zip",
                "evidence-pack-" + id + ".zip");
    }

    @POST
    @Path("verify")
    @Consumes(MediaType.WILDCARD)
    @Upload
    public String verify(InputStream body) {
        PackVerifier.Report report = packs.verify(null, body, keys.key().fingerprint());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("intact", report.intact());
        out.put("filesChecked", report.filesChecked());
        out.put("findings", report.findings().stream().map(f -> Map.of("path", f.path(), "problem", f.problem()))
                .toList());
        out.put("signature", signature(report.signature()));
        return CanonicalJson.write(out);
    }

    private Map<String, Object> signature(SignatureCheck check) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("signed", check.signed());
        s.put("valid", check.valid());
        s.put("coversWholeDocument", check.coversWholeDocument());
        s.put("signer", check.signer());
        s.put("signedAt", check.signedAt());
        s.put("organisationKey", check.certificateSha256() != null
                && check.certificateSha256().equals(keys.key().fingerprint()));
        s.put("sentence", check.sentence());
        return s;
    }

    private static Response download(byte[] bytes, String type, String name) {
        return Response.ok(bytes, type).header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff").build();
    }
}
