package io.pyrons.naming;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code io.pyrons.naming}: where the name server keeps its registrations. */
@ObjectClassDefinition(id = NamingConfiguration.PID, name = "pyrons name server",
        description = "The Pyro name server object (Pyro.NameServer) and its storage.")
@interface NamingConfiguration {
    String PID = "io.pyrons.naming";

    @AttributeDefinition(description = "Storage: memory, dbm:FILE or sql:FILE (as pyro4-ns -s). Write storage.target "
            + "to match, e.g. (pyrons.storage.type=sql).")
    String storage() default "memory";

    @AttributeDefinition(name = "storage.target", description = "Selects the storage provider service; must agree "
            + "with storage, e.g. (pyrons.storage.type=memory).")
    String storage_target() default "(pyrons.storage.type=memory)";

    @AttributeDefinition(description = "Seconds between checks that remove unreachable registrations (Pyro4's "
            + "NS_AUTOCLEAN); 0 turns it off. Values below 3 are refused, as by Pyro4.")
    double autoclean() default 0;

    @AttributeDefinition(name = "comm.timeout", description = "Seconds the autoclean check waits for a registered "
            + "server to accept a connection (Pyro4's COMMTIMEOUT); 0 means 5 seconds, as Pyro4.")
    double comm_timeout() default 0;
}
