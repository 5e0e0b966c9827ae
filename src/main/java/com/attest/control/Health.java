package com.attest.control;

/** A control's state at a glance: green without gaps, amber with gaps that need attention, red when one fails. */
public enum Health {
    GREEN, AMBER, RED
}
