package io.pyrons.naming;

/**
 * The {@code storage} setting, {@code TYPE[:LOCATION]} as {@code pyro4-ns -s} takes it ({@code memory},
 * {@code dbm:FILE}, {@code sql:FILE}): the type is the text before the first {@code :} and selects the storage
 * provider, the rest is handed to that provider as is. No type is known here, so a new backend needs no edit; the
 * provider alone says whether its location is valid.
 */
record StorageSetting(String type, String location) {
    /** Pyro4's default: no {@code -s} is memory storage. */
    static final String DEFAULT = "memory";

    static StorageSetting parse(String storage) {
        String value = storage == null || storage.isBlank() ? DEFAULT : storage.strip();
        int colon = value.indexOf(':');
        if (colon == 0) {
            throw new IllegalArgumentException("invalid storage '" + value + "': no type before ':' (as in sql:FILE)");
        }
        return colon < 0
                ? new StorageSetting(value, "")
                : new StorageSetting(value.substring(0, colon), value.substring(colon + 1));
    }

    @Override
    public String toString() {
        return location.isEmpty() ? type : type + ":" + location;
    }
}
