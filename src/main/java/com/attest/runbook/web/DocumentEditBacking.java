package com.attest.runbook.web;

import com.attest.platform.web.Forms;
import com.attest.runbook.Document;
import com.attest.runbook.DocumentService;
import com.attest.runbook.DocumentVersion;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * Edits a document's Markdown, starting from its latest version. The version the edit started from goes with the
 * save, so a concurrent save is reported instead of overwritten, and the text typed here stays in the editor.
 */
@Named
@ViewScoped
public class DocumentEditBacking implements Serializable {

    @Inject
    private DocumentService documents;

    private String slug;
    private Document document;
    private int basedOn;
    private String body;
    private String message;

    public void load() throws IOException {
        if (document != null) {
            return;
        }
        document = documents.find(slug).orElse(null);
        if (document == null) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "No such document");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        List<DocumentVersion> versions = documents.versions(document);
        basedOn = versions.isEmpty() ? 0 : versions.get(0).getNumber();
        body = versions.isEmpty() ? "" : versions.get(0).getBody();
    }

    public String save() {
        DocumentVersion saved = documents.save(slug, basedOn, body, message);
        Forms.info("documents.saved", saved.getNumber(), saved.getShortCommit());
        return "/runbooks/view?faces-redirect=true&doc=" + slug + "&v=" + saved.getNumber();
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public Document getDocument() {
        return document;
    }

    public int getBasedOn() {
        return basedOn;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
