package io.pyrons.launcher;

/**
 * The values pyro4-ns's option parser produces: {@code null} where an option was not given, exactly as optparse
 * leaves it {@code None}; {@code storage} defaults to {@code "memory"} and {@code enableBroadcast} to {@code true}.
 * {@code storageGiven} says whether {@code -s} was on the command line: only then is the storage a setting that
 * installing a storage bundle must not override.
 */
record NsOptions(String host, Long port, String unixsocket, String storage, String bchost, Long bcport,
                 String nathost, Long natport, boolean enableBroadcast, String key, boolean storageGiven) {
}
