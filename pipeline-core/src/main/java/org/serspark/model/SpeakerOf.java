package org.serspark.model;

import org.serspark.ravdess.RavdessFileName;

/**
 * Who speaks in a file, for per-speaker normalisation at prediction time: the actor of a RAVDESS name, else the
 * folder the file is in (corpora are commonly laid out one folder per speaker), else the file itself.
 */
public final class SpeakerOf {
    private SpeakerOf() {
    }

    /** @param relPath a path relative to the input root, with '/' separators */
    public static String path(String relPath) {
        try {
            return "actor " + RavdessFileName.parse(relPath).actor();
        } catch (IllegalArgumentException e) { // includes InvalidRavdessNameException
            int slash = relPath.lastIndexOf('/');
            return slash > 0 ? "folder " + relPath.substring(0, slash) : "file " + relPath;
        }
    }
}
