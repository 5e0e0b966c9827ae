package com.attest.incident;

/** Where an incident came from. */
public enum Source {
    MANUAL, DEFENDER, SENTINEL, AZURE_MONITOR
}
