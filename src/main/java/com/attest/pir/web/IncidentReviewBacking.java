package com.attest.pir.web;

import com.attest.incident.IncidentService;
import com.attest.incident.IncidentChanged;
import com.attest.pir.Pir;
import com.attest.pir.PirService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;

/**
 * The review card on an incident's page: read once when the page opens, again when the incident's timeline moves
 * (resolving it opens the review), never from the page's expressions.
 */
@Named
@ViewScoped
public class IncidentReviewBacking implements Serializable {

    @Inject
    private PirService pirs;

    @Inject
    private IncidentService incidents;

    @Inject
    private Clock clock;

    private String ref;
    private Long incidentId;
    private Pir review;

    @PostConstruct
    void load() {
        ref = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("ref");
        read();
    }

    private void read() {
        incidents.find(ref).ifPresent(i -> {
            incidentId = i.getId();
            review = pirs.of(i).orElse(null);
        });
    }

    void changed(@Observes(notifyObserver = Reception.IF_EXISTS, during = TransactionPhase.AFTER_SUCCESS)
                 IncidentChanged event) {
        if (incidentId != null && incidentId == event.incidentId()) {
            read();
        }
    }

    /** The incident's review, or null before it is resolved. */
    public Pir getReview() {
        return review;
    }

    public boolean isOverdue() {
        return review != null && review.getState() != Pir.State.APPROVED && clock.instant().isAfter(review.getDueAt());
    }
}
