package com.attest.customernotice;

/** How many of the mapped approvers must approve a notice before it may go out. */
public enum ApprovalPolicy {
    /** Any one mapped approver. */
    ANY,
    /** Every mapped approver. */
    ALL
}
