package org.pressdav.config;

/** A setting that cannot be used, with a message that says which and why. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
