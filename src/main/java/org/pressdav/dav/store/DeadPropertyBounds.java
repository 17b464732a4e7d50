package org.pressdav.dav.store;

import java.util.Map;
import javax.xml.namespace.QName;

/**
 * What a {@link DeadPropertyStore} keeps at most, and the words it refuses with (507), in one place
 * for every backend: a value's size, the count per resource, each user's total. A property weighs
 * its characters plus a fixed 64 for its name and bookkeeping.
 */
public final class DeadPropertyBounds {
    public static final int MAX_VALUE_CHARS = 16 << 10;
    public static final int MAX_PER_RESOURCE = 64;
    public static final long MAX_PER_USER_CHARS = 1 << 20;

    private DeadPropertyBounds() {
    }

    /** Why these properties cannot be kept whatever else the user keeps (a value too long, too many), or null. */
    public static String refusal(Map<QName, String> updated) {
        for (Map.Entry<QName, String> p : updated.entrySet()) {
            if (p.getValue() != null && p.getValue().length() > MAX_VALUE_CHARS) {
                return p.getKey().getLocalPart() + " is longer than the " + MAX_VALUE_CHARS + " characters a property may have";
            }
        }
        if (updated.size() > MAX_PER_RESOURCE) {
            return "a resource may have at most " + MAX_PER_RESOURCE + " properties of your own";
        }
        return null;
    }

    /** The refusal when the user's properties together would weigh more than {@link #MAX_PER_USER_CHARS}. */
    public static String userFull() {
        return "your properties would take more than the " + MAX_PER_USER_CHARS + " characters each user may keep";
    }

    public static long weight(Map<QName, String> props) {
        long chars = 0;
        for (Map.Entry<QName, String> p : props.entrySet()) {
            chars += 64 + p.getKey().getNamespaceURI().length() + p.getKey().getLocalPart().length()
                    + (p.getValue() == null ? 0 : p.getValue().length());
        }
        return chars;
    }
}
