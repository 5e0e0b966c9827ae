package com.attest.customernotice.web;

import com.attest.customernotice.ApprovalPolicy;
import com.attest.customernotice.ApproverRole;
import com.attest.customernotice.NoticeTemplateService;
import com.attest.platform.web.Forms;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;

/** Who approves customer notices as Legal, CISO and CEO, and whether any one or all must (compliance lead). */
@Named
@ViewScoped
public class NoticeSettingsBacking implements Serializable {

    @Inject
    private NoticeTemplateService templates;

    private final Map<ApproverRole, String> approvers = new EnumMap<>(ApproverRole.class);
    private ApprovalPolicy approval;

    @PostConstruct
    void load() {
        approvers.putAll(templates.approvers());
        approval = templates.policy();
    }

    public void save() {
        templates.configureApprovers(approvers, approval);
        Forms.info("noticeSettings.saved");
    }

    public ApproverRole[] getRoles() {
        return ApproverRole.values();
    }

    public ApprovalPolicy[] getPolicies() {
        return ApprovalPolicy.values();
    }

    public Map<ApproverRole, String> getApprovers() {
        return approvers;
    }

    public ApprovalPolicy getApproval() {
        return approval;
    }

    public void setApproval(ApprovalPolicy approval) {
        this.approval = approval;
    }
}
