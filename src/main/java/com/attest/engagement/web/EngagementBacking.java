package com.attest.engagement.web;

import com.attest.engagement.AuditorAccess;
import com.attest.engagement.Engagement;
import com.attest.engagement.EngagementSample;
import com.attest.engagement.EngagementService;
import com.attest.engagement.Outcomes;
import com.attest.engagement.PopulationRow;
import com.attest.platform.web.Forms;
import com.attest.security.Caller;
import com.attest.security.Role;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/** One engagement: its facts, the population with outcomes and downloads, samples drawn and drawing one. */
@Named
@ViewScoped
public class EngagementBacking implements Serializable {

    @Inject
    private EngagementService engagements;

    @Inject
    private Caller caller;

    private Long id;
    private Engagement engagement;
    private List<PopulationRow> population;
    private Integer size;
    private Long seed;
    private EngagementSample drawn;

    private boolean open;
    private transient List<EngagementSample> samples = List.of();
    private transient List<AuditorAccess> accessLog = List.of();

    public void load() throws IOException {
        engagement = id == null ? null : engagements.visible(id).orElse(null);
        if (engagement == null) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "No such engagement");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        population = engagements.population(engagement);
        open = engagement.openAt(engagements.now());
        samples = engagements.samples(engagement);
        accessLog = caller.hasRole(Role.COMPLIANCE_LEAD) ? engagements.accessLog(engagement, 100) : List.of();
    }

    public void draw() {
        drawn = engagements.draw(id, size, seed);
        seed = drawn.getSeed();
        samples = engagements.samples(engagement);
        Forms.info("engagement.drawn", drawn.getSize(), drawn.getPopulationSize(), String.valueOf(drawn.getSeed()));
    }

    public List<EngagementSample> getSamples() {
        return samples;
    }

    public List<AuditorAccess> getAccessLog() {
        return accessLog;
    }

    public boolean isOpen() {
        return open;
    }

    public String words(Enum<?> outcome) {
        return Outcomes.words(outcome);
    }

    public String getCsv() {
        return api() + "/population.csv";
    }

    public String getJson() {
        return api() + "/population.json";
    }

    private String api() {
        return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath() + "/api/engagements/"
                + engagement.getId();
    }

    public Engagement getEngagement() { return engagement; }
    public List<PopulationRow> getPopulation() { return population; }
    public EngagementSample getDrawn() { return drawn; }
    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Integer getSize() { return size; }
    public void setSize(Integer size) { this.size = size; }
    public Long getSeed() { return seed; }
    public void setSeed(Long seed) { this.seed = seed; }
}
