package com.attest.engagement.web;

import java.io.Serializable;

/** The disposition form: the Azure item it is for, the kind of disposition, the reason, the incident duplicated. */
public class DispositionFields implements Serializable {

    private String kind;
    private String azureId;
    private String disposition = "BENIGN";
    private String reason;
    private String duplicateOf;

    void choose(String kind, String azureId) {
        this.kind = kind;
        this.azureId = azureId;
        this.disposition = "BENIGN";
        this.reason = null;
        this.duplicateOf = null;
    }

    public boolean isChosen() {
        return azureId != null;
    }

    public String getKind() { return kind; }
    public String getAzureId() { return azureId; }
    public String getDisposition() { return disposition; }
    public void setDisposition(String disposition) { this.disposition = disposition; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getDuplicateOf() { return duplicateOf; }
    public void setDuplicateOf(String duplicateOf) { this.duplicateOf = duplicateOf; }
}
