package com.attest.pack.web;

import com.attest.pack.EvidencePackService;
import com.attest.pack.PackKeys;
import com.attest.pack.PackVerifier;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;

/**
 * The verify page: a pack's ZIP is uploaded and re-checked — altered, missing and extra files, the signature and
 * that the organisation's certificate made it.
 */
@Named
@ViewScoped
public class PackVerifyBacking implements Serializable {

    @Inject
    private EvidencePackService packs;

    @Inject
    private PackKeys keys;

    private transient Part file;
    private PackVerifier.Report report;
    private String filename;

    public void verify() throws IOException {
        report = null;
        try (InputStream in = file == null || file.getSize() == 0 ? null : file.getInputStream()) {
            filename = file == null ? null : file.getSubmittedFileName();
            report = packs.verify(filename, in, keys.key().fingerprint());
        }
    }

    public PackVerifier.Report getReport() {
        return report;
    }

    public String getFilename() {
        return filename;
    }

    public Part getFile() {
        return file;
    }

    public void setFile(Part file) {
        this.file = file;
    }
}
