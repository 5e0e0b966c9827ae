package com.attest.pack.web;

import com.attest.pack.EvidencePack;
import com.attest.pack.EvidencePackService;
import com.attest.pack.PackKeys;
import com.attest.platform.web.Forms;
import com.attest.security.Caller;
import com.attest.security.Role;
import com.attest.security.WorkItem;
import com.attest.security.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Evidence packs in the compliance lead's queue: a pack that failed, until a later one of the same kind finished;
 * and, until done, naming the organisation and giving it its own signing key (packs are otherwise signed as
 * "Your organisation" with a certificate the portal made).
 */
@ApplicationScoped
public class PackWorkQueue implements WorkQueue {

    @Inject
    private EvidencePackService packs;

    @Inject
    private PackKeys keys;

    @Override
    public List<WorkItem> waitingFor(Caller person) {
        if (!person.hasRole(Role.COMPLIANCE_LEAD)) {
            return List.of();
        }
        List<WorkItem> items = new ArrayList<>();
        Set<String> finished = new HashSet<>();
        for (EvidencePack pack : packs.recent(20)) { // newest first
            if (pack.getState() == EvidencePack.State.FINISHED) {
                finished.add(pack.getKind());
            } else if (pack.getState() == EvidencePack.State.FAILED && !finished.contains(pack.getKind())) {
                items.add(new WorkItem(Forms.text("queue.failed"), Forms.text("queue.packFailed", pack.getTitle()),
                        pack.getError(), "/packs/list.xhtml", null, true));
            }
        }
        if (!keys.organisationNamed()) {
            items.add(new WorkItem(Forms.text("queue.setUp"), Forms.text("queue.setUpOrganisation"),
                    Forms.text("queue.setUpOrganisationDetail"), "/packs/list.xhtml", null, false));
        }
        if (!keys.ownKey()) {
            items.add(new WorkItem(Forms.text("queue.setUp"), Forms.text("queue.setUpSigningKey"),
                    Forms.text("queue.setUpSigningKeyDetail"), "/packs/list.xhtml", null, false));
        }
        return items;
    }
}
