package org.pressdav;

/** pressdav's version, from the jar's manifest; {@code dev} when run from the build tree. */
public final class Version {
    private Version() {
    }

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
