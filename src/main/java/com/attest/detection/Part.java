package com.attest.detection;

/** The parts of the pipeline a check judges; each is a box of the diagram. */
public enum Part {
    /** The action group that notifies the security on-call and posts to the portal's intake. */
    ACTION_GROUP,
    /** Defender for Cloud's workflow automation routing High alerts to a Logic App. */
    AUTOMATION,
    /** A Logic App workflow: the Defender route's target or a Sentinel playbook. */
    PLAYBOOK,
    /** A Sentinel automation rule running a playbook on new incidents. */
    AUTOMATION_RULE
}
