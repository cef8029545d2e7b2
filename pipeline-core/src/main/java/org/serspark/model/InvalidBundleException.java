package org.serspark.model;

/** A file that is not a valid serspark model bundle; the message names the file and the problem. */
public class InvalidBundleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidBundleException(String message) {
        super(message);
    }
}
