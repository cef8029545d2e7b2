package org.serspark.cli;

/** A problem with what the user asked for (bad file, bad flag value); printed as one line, exit code 2. */
public class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserException(String message) {
        super(message);
    }
}
