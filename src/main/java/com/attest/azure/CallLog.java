package com.attest.azure;

/** Receives every HTTP exchange an action makes with Azure or Microsoft Graph, in order, as it completes. */
@FunctionalInterface
public interface CallLog {

    void record(AzureCall call);

    /** A log that keeps nothing. */
    CallLog NONE = call -> { };
}
