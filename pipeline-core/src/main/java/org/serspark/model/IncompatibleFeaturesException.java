package org.serspark.model;

/** Features made with another configuration than the model's: predictions from them would be meaningless. */
public class IncompatibleFeaturesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IncompatibleFeaturesException(String message) {
        super(message);
    }
}
