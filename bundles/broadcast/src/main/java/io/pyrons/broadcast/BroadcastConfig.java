package io.pyrons.broadcast;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "pyrons broadcast responder",
        description = "Answers Pyro4's UDP GET_NSURI broadcast with the name server's URI.")
@interface BroadcastConfig {
    @AttributeDefinition(description = "Answer broadcasts at all (pyro-ns -x turns this off).")
    boolean enabled() default true;

    @AttributeDefinition(description = "Address to bind the responder on; empty means all interfaces (NS_BCHOST).")
    String bchost() default "";

    @AttributeDefinition(description = "UDP port of the responder, 0 = random (NS_BCPORT).", min = "0", max = "65535")
    int bcport() default 9091;
}
