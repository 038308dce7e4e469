package io.tandem.connect;

/** The version Connect shows for the connector and its tasks: the jar's, from its manifest. */
final class Version {

    static final String OF_THIS_JAR = read();

    private Version() {
    }

    private static String read() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
