package com.attest.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/** Temporary folders the portal works in (a Git clone, a pack being written), removed when done. */
public final class ScratchFolders {

    private static final Logger LOG = Logger.getLogger(ScratchFolders.class.getName());

    private ScratchFolders() {
    }

    /** Removes {@code folder} and everything in it; what cannot be removed is logged and left (it is harmless). */
    public static void delete(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not remove {0}: {1}", new Object[] {folder, e.toString()});
        }
    }
}
