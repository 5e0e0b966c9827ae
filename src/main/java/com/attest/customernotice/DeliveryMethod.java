package com.attest.customernotice;

/** How a notice reached the customers: through the portal's mail, or by other means recorded by hand. */
public enum DeliveryMethod {
    GRAPH_MAIL("E-mail from the portal"),
    EMAIL("E-mail sent by hand"),
    PHONE("Phone call"),
    LETTER("Letter"),
    PORTAL("Customer portal"),
    OTHER("Other");

    private final String label;

    DeliveryMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String getLabel() {
        return label;
    }
}
