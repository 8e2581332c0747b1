package io.pyrons.client.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the client in a framework (PID {@code io.pyrons.client}); defaults are Pyro4's. */
@ObjectClassDefinition(name = "pyrons client",
        description = "How Java clients in this framework find and talk to Pyro name servers")
public @interface ClientConfiguration {
    @AttributeDefinition(name = "NS host", description = "NS_HOST: where the name server is looked for")
    String ns_host() default "localhost";

    @AttributeDefinition(name = "NS port", description = "NS_PORT: the name server's TCP port")
    int ns_port() default 9090;

    @AttributeDefinition(name = "NS broadcast port", description = "NS_BCPORT: the UDP port of the broadcast responder")
    int ns_bcport() default 9091;

    @AttributeDefinition(name = "Broadcast addresses", description = "BROADCAST_ADDRS: comma separated")
    String broadcast_addrs() default "<broadcast>, 0.0.0.0";

    @AttributeDefinition(name = "HMAC key", description = "The shared secret; empty for none", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String hmac_key() default "";

    @AttributeDefinition(name = "Serializer", description = "SERIALIZER: serpent, json, marshal, pickle (Pyro4 only) "
            + "or msgpack (Pyro5 only)")
    String serializer() default "serpent";

    @AttributeDefinition(name = "Protocol", description = "The wire protocol the clients speak: pyro4 or pyro5 "
            + "(no HMAC key)")
    String protocol() default "pyro4";

    @AttributeDefinition(name = "Communication timeout", description = "COMMTIMEOUT in seconds; 0 for none")
    double commtimeout() default 0.0;
}
