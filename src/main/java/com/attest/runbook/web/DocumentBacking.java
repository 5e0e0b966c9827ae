package com.attest.runbook.web;

import com.attest.platform.web.Forms;
import com.attest.runbook.Document;
import com.attest.runbook.DocumentService;
import com.attest.runbook.DocumentVersion;
import com.attest.runbook.GitDocumentStore;
import com.attest.runbook.Markdown;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/** One document: a version rendered, its history, the difference between two versions, and its review. */
@Named
@ViewScoped
public class DocumentBacking implements Serializable {

    @Inject
    private DocumentService documents;

    private String slug;
    private Integer number;
    private Document document;
    private DocumentVersion shown;
    private List<DocumentVersion> versions;
    private String comment;
    private Integer from;
    private Integer to;
    private List<GitDocumentStore.DiffLine> diff;

    public void load() throws IOException {
        document = documents.find(slug).orElse(null);
        if (document == null) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "No such document");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        refresh();
    }

    private void refresh() {
        versions = documents.versions(document);
        shown = number == null ? versions.stream().findFirst().orElse(null)
                : documents.version(document, number).orElse(versions.stream().findFirst().orElse(null));
        if (to == null && shown != null) {
            to = shown.getNumber();
            from = documents.inForce(document).map(DocumentVersion::getNumber)
                    .filter(n -> n != shown.getNumber()).orElse(Math.max(1, shown.getNumber() - 1));
        }
    }

    public void submit() {
        act(() -> documents.submit(slug, shown.getNumber()), "document.submitted");
    }

    public void approve() {
        act(() -> documents.approve(slug, shown.getNumber(), comment), "document.approved");
    }

    public void giveBack() {
        act(() -> documents.giveBack(slug, shown.getNumber(), comment), "document.returned");
    }

    public void compare() {
        diff = documents.diff(document, from == null ? 0 : from, to == null ? 0 : to);
    }

    private void act(Runnable action, String done) {
        action.run();
        Forms.info(done, shown.getNumber());
        comment = null;
        number = shown.getNumber();
        refresh();
    }

    public String getRendered() {
        return shown == null ? "" : Markdown.toSafeHtml(shown.getBody());
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public Integer getNumber() {
        return number;
    }

    public void setNumber(Integer number) {
        this.number = number;
    }

    public Document getDocument() {
        return document;
    }

    public DocumentVersion getShown() {
        return shown;
    }

    public List<DocumentVersion> getVersions() {
        return versions;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    public Integer getFrom() {
        return from;
    }

    public void setFrom(Integer from) {
        this.from = from;
    }

    public Integer getTo() {
        return to;
    }

    public void setTo(Integer to) {
        this.to = to;
    }

    public List<GitDocumentStore.DiffLine> getDiff() {
        return diff;
    }
}
