package io.pyrons.naming;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code io.pyrons.naming}: where the name server keeps its registrations. */
@ObjectClassDefinition(id = NamingConfiguration.PID, name = "pyrons name server",
        description = "The Pyro name server object (Pyro.NameServer) and its storage.")
@interface NamingConfiguration {
    String PID = "io.pyrons.naming";

    @AttributeDefinition(required = false, description = "Storage as TYPE[:LOCATION] (as pyro4-ns -s): memory, "
            + "dbm:FILE, sql:FILE, or the type of any installed storage provider (its pyrons.storage.type). Changing "
            + "it switches the running name server to that store; its names are copied when the new store holds "
            + "none. Not set: the store at the default.location an installed storage provider's configuration "
            + "offers, else memory. An optional storage.target filter further restricts which provider services "
            + "may be used.")
    String storage() default "";

    @AttributeDefinition(description = "Seconds between checks that remove unreachable registrations (Pyro4's "
            + "NS_AUTOCLEAN); 0 turns it off. Values below 3 are refused, as by Pyro4.")
    double autoclean() default 0;

    @AttributeDefinition(name = "comm.timeout", description = "Seconds the autoclean check waits for a registered "
            + "server to accept a connection (Pyro4's COMMTIMEOUT); 0 means 5 seconds, as Pyro4.")
    double comm_timeout() default 0;
}
