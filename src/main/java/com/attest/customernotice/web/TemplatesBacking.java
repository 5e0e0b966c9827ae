package com.attest.customernotice.web;

import com.attest.customernotice.NoticeTemplate;
import com.attest.customernotice.NoticeTemplateService;
import com.attest.customernotice.NoticeTemplateVersion;
import com.attest.customernotice.Placeholders;
import com.attest.platform.web.Forms;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Notice templates: every template with all its versions, the placeholders they may use, and — for the compliance
 * lead — a form that saves a new template or a template's next version.
 */
@Named
@ViewScoped
public class TemplatesBacking implements Serializable {

    @Inject
    private NoticeTemplateService templates;

    private transient List<NoticeTemplate> list;
    private Long templateId;
    private transient Map<Long, List<NoticeTemplateVersion>> versions = Map.of();
    private transient NoticeTemplateVersion shown;
    private String name;
    private String subject;
    private String body;

    @PostConstruct
    void load() {
        list = templates.templates();
        versions = new HashMap<>();
        list.forEach(t -> versions.put(t.getId(), templates.versions(t.getId())));
    }

    /** Starts the next version of a template from its latest text. */
    public void edit(NoticeTemplate template) {
        NoticeTemplateVersion latest = templates.versions(template.getId()).get(0);
        templateId = template.getId();
        name = template.getName();
        subject = latest.getSubject();
        body = latest.getBody();
    }

    public void startNew() {
        templateId = null;
        name = null;
        subject = null;
        body = null;
    }

    public void show(NoticeTemplateVersion version) {
        shown = version;
    }

    public void save() {
        NoticeTemplateVersion saved = templates.save(templateId, name, subject, body);
        Forms.info("templates.saved", saved.getNumber());
        startNew();
        load();
    }

    public List<NoticeTemplate> getTemplates() {
        return list;
    }

    public List<NoticeTemplateVersion> versions(NoticeTemplate template) {
        return versions.getOrDefault(template.getId(), List.of());
    }

    public NoticeTemplateVersion getShown() {
        return shown;
    }

    public List<Map.Entry<String, String>> getPlaceholders() {
        return List.copyOf(Placeholders.KNOWN.entrySet());
    }

    public Long getTemplateId() {
        return templateId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }
}
