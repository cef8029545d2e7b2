package org.serspark.conf;

/** A configuration value that is missing or wrong; the message names the key, the value and the file. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
