package com.attest.detection;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.Serializable;

/**
 * One judgement of a check: which part of the pipeline, the resource it read (its ARM id, or the name the policy
 * expects when it does not exist), the verdict and the sentence that says it.
 */
public record Finding(Part part, String resource, Verdict verdict, String sentence) implements Serializable {

    public JsonObject toJson() {
        return Json.createObjectBuilder().add("part", part.name()).add("resource", resource == null ? "" : resource)
                .add("verdict", verdict.name()).add("sentence", sentence).build();
    }

    public static Finding of(JsonObject json) {
        String resource = json.getString("resource", "");
        return new Finding(Part.valueOf(json.getString("part")), resource.isEmpty() ? null : resource,
                Verdict.valueOf(json.getString("verdict")), json.getString("sentence"));
    }

    public Part getPart() { return part; }
    public String getResource() { return resource; }
    public Verdict getVerdict() { return verdict; }
    public String getSentence() { return sentence; }
}
