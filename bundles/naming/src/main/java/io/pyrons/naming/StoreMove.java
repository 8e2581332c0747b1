package io.pyrons.naming;

import java.util.ArrayList;
import java.util.List;

import io.pyrons.api.NameServer;
import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageException;

/**
 * What happens to the registrations when the running name server moves to another store (issue 17): they are
 * copied when the new store holds no names, and the new store's names are kept, uncopied over, when it does; the
 * operator is told which. Nothing is merged. {@value NameServer#OBJECT_ID} does not count as a name: each store
 * gets its own entry with the daemon's current URI.
 *
 * <p>The copy is all or nothing: if one write fails, the names written so far are removed again and the move
 * fails with the store's reason, leaving the new store as it was. The caller keeps writers out meanwhile.
 */
final class StoreMove {
    private StoreMove() {
    }

    /**
     * Moves what {@code from} holds into {@code to}, as described above; returns one line saying what happened,
     * empty when neither store holds names.
     */
    static String move(NameStorage from, NameStorage to) {
        int waiting = names(to);
        List<Registration> moving = new ArrayList<>(from.all());
        moving.removeIf(r -> r.name().equals(NameServer.OBJECT_ID));
        if (waiting > 0) {
            return "kept the " + count(waiting) + " already in " + to.description()
                    + (moving.isEmpty() ? "" : "; the " + count(moving.size()) + " in " + from.description()
                    + (moving.size() == 1 ? " was" : " were") + " not copied");
        }
        if (moving.isEmpty()) {
            return "";
        }
        List<String> written = new ArrayList<>(moving.size());
        try {
            for (Registration registration : moving) {
                to.put(registration, false);
                written.add(registration.name());
            }
        } catch (RuntimeException e) {
            String undo = undo(to, written);
            throw new StorageException("cannot copy the " + count(moving.size()) + " of " + from.description()
                    + " to " + to.description() + ": " + NameServerComponent.oneLine(e) + undo, e);
        }
        return "copied the " + count(moving.size()) + " of " + from.description();
    }

    /** The number of registrations besides the name server's own. */
    static int names(NameStorage storage) {
        int count = storage.count();
        return count > 0 && storage.get(NameServer.OBJECT_ID) != null ? count - 1 : count;
    }

    private static String undo(NameStorage to, List<String> written) {
        try {
            to.removeAll(written);
            return "";
        } catch (RuntimeException e) {
            return " (and removing the " + count(written.size()) + " copied so far failed too: "
                    + NameServerComponent.oneLine(e) + ")";
        }
    }

    private static String count(int n) {
        return n == 1 ? "1 name" : n + " names";
    }
}
