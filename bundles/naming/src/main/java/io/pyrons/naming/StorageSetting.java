package io.pyrons.naming;

/**
 * The {@code storage} setting as {@code pyro4-ns -s} takes it: {@code memory}, {@code dbm:FILE} or
 * {@code sql:FILE}, split into the provider type and the location handed to it.
 */
record StorageSetting(String type, String location) {

    static StorageSetting parse(String storage) {
        String value = storage == null || storage.isEmpty() ? "memory" : storage;
        if (value.equals("memory")) {
            return new StorageSetting("memory", "");
        }
        for (String type : new String[]{"dbm", "sql"}) {
            if (value.startsWith(type + ":") && value.length() > type.length() + 1) {
                return new StorageSetting(type, value.substring(type.length() + 1));
            }
        }
        throw new IllegalArgumentException("invalid storage type '" + value + "'");
    }
}
