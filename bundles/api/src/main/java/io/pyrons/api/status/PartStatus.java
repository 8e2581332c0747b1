package io.pyrons.api.status;

import java.util.Locale;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The state of one part of a running pyrons (the daemon, the name server, the broadcast responder, a cluster
 * connection), published as a service of this type. The same facts are in the service properties
 * {@value #PART}, {@value #STATE}, {@value #DETAIL} and, for a part that listens, {@value #LOCATION}, so that a
 * follower can select and watch them with a filter: a part's component registers its status when it activates,
 * changes the registration's properties when its state changes (a MODIFIED service event), and unregisters it
 * when it deactivates. A part that is not installed has no status at all.
 */
@ProviderType
public interface PartStatus {
    /** Service property: which part this is, e.g. {@value #DAEMON}. */
    String PART = "pyrons.part";
    /** Service property: {@link State#property()} of the current state. */
    String STATE = "pyrons.part.state";
    /** Service property: one line for a person, e.g. why the part is unavailable; may be empty when up. */
    String DETAIL = "pyrons.part.detail";
    /** Service property, for parts that listen while up: where, e.g. {@code 0.0.0.0:9091}. */
    String LOCATION = "pyrons.part.location";

    /** The Pyro daemon: its socket. */
    String DAEMON = "daemon";
    /** The name server object and its store. */
    String NAME_SERVER = "nameserver";
    /** The UDP broadcast responder. */
    String BROADCAST = "broadcast";

    enum State {
        /** Running and serving. */
        UP,
        /** Deliberately not running, by configuration or by rule (broadcast for a loopback daemon); not an error. */
        OFF,
        /** Should run but cannot now; {@link #detail()} says why (a port in use, a storage backend not installed). */
        UNAVAILABLE;

        /** The value of the {@value PartStatus#STATE} property: the name in lower case. */
        public String property() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The state whose {@link #property()} is {@code value}. */
        public static State ofProperty(Object value) {
            return valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
        }
    }

    /** Which part this is. */
    String part();

    State state();

    /** One line for a person; empty when there is nothing to say. */
    String detail();

    /** Where the part listens while up, or {@code null}. */
    String location();
}
