package io.pyrons.storage.zookeeper;

import java.util.ArrayList;
import java.util.List;

import io.pyrons.api.storage.StorageException;

/**
 * The location of {@code storage = zk:HOST:PORT[,HOST:PORT...][/chroot]}: the ensemble's client addresses and
 * the znode under which this namespace lives ({@value #DEFAULT_ROOT} without a chroot). Several namespaces share
 * one ensemble by their chroots. The root is prefixed by this store, not by ZooKeeper's own chroot, so it need
 * not exist beforehand.
 */
record ZooKeeperLocation(String connectString, String root) {
    static final String DEFAULT_ROOT = "/pyrons";
    static final String USAGE = "zk:HOST:PORT[,HOST:PORT...][/chroot]";

    static ZooKeeperLocation parse(String location) {
        if (location == null || location.isBlank()) {
            throw new StorageException("zk storage needs the ZooKeeper servers: " + USAGE);
        }
        int slash = location.indexOf('/');
        String servers = slash < 0 ? location : location.substring(0, slash);
        String root = slash < 0 ? DEFAULT_ROOT : location.substring(slash);
        List<String> checked = new ArrayList<>();
        for (String server : servers.split(",", -1)) {
            checked.add(server(server, location));
        }
        if (root.length() > 1 && root.endsWith("/") || root.contains("//") || root.equals("/")
                || root.contains("/./") || root.contains("/../") || root.endsWith("/.") || root.endsWith("/..")) {
            throw new StorageException("zk:" + location + ": '" + root + "' is not a ZooKeeper path (" + USAGE + ")");
        }
        return new ZooKeeperLocation(String.join(",", checked), root);
    }

    private static String server(String server, String location) {
        int colon = server.lastIndexOf(':');
        if (colon <= 0 || colon == server.length() - 1) {
            throw new StorageException("zk:" + location + ": '" + server + "' is not HOST:PORT (" + USAGE + ")");
        }
        String port = server.substring(colon + 1);
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 1 || number > 65535) {
            throw new StorageException("zk:" + location + ": '" + port + "' is not a port number (" + USAGE + ")");
        }
        return server;
    }

    @Override
    public String toString() {
        return "zk:" + connectString + (root.equals(DEFAULT_ROOT) ? "" : root);
    }
}
