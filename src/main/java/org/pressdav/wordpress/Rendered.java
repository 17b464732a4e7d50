package org.pressdav.wordpress;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A text field as REST gives it: {@code raw} (with {@code context=edit}) and {@code rendered}. */
public record Rendered(String raw, String rendered, @JsonProperty("protected") boolean isProtected) {
    /** The stored value: {@code raw} where the caller may see it, else the rendered one. */
    public String text() {
        return raw != null ? raw : rendered == null ? "" : rendered;
    }
}
