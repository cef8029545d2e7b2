package org.serspark.extract;

/** The extract job refused to start or could not finish; the message says why and what to do. */
public class ExtractException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExtractException(String message) {
        super(message);
    }
}
