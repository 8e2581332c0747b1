package io.pyrons.server;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the Pyro daemon (PID {@value DaemonConfiguration#PID}); defaults are Pyro4 4.82's. */
@ObjectClassDefinition(name = "pyrons daemon",
        description = "The Pyro daemon that serves the name server and other exposed objects.")
public @interface DaemonConfiguration {
    String PID = "io.pyrons.server";

    @AttributeDefinition(description = "Host name or address to bind to; empty means all interfaces (0.0.0.0), as Pyro4.")
    String host() default "localhost";

    @AttributeDefinition(description = "TCP port; 0 picks a free port.")
    int port() default 9090;

    @AttributeDefinition(description = "Path of a Unix domain socket to listen on instead of TCP; empty for TCP.")
    String unixsocket() default "";

    @AttributeDefinition(description = "External host name advertised in URIs (NAT); empty for none.")
    String nathost() default "";

    @AttributeDefinition(description = "External port advertised in URIs (NAT); 0 means the bound port.")
    int natport() default 0;

    @AttributeDefinition(name = "HMAC key", type = AttributeType.PASSWORD,
            description = "Shared secret for message HMACs (Pyro4's HMAC key); empty for none.")
    String hmac_key() default "";

    @AttributeDefinition(description = "Comma-separated serializer names the daemon accepts (SERIALIZERS_ACCEPTED).")
    String serializers_accepted() default "serpent,json,marshal,msgpack";

    /**
     * Pyro4's default is 0 (unlimited). A name server's requests are small and its largest answer, list() of a
     * million names, is about 100 MB, so 256 MiB leaves room for 2.5 times that while a forged 2 GB length is
     * refused at its header. The limit bounds one message, in and out, and what a compressed request may inflate
     * to. Memory is bounded apart from it: all messages still arriving or waiting for their answer share a
     * quarter of the heap, so many large messages at once are refused (their connections closed) rather than
     * exhaust it, whatever this limit is, 0 included.
     */
    @AttributeDefinition(description = "Maximum size of data plus annotations of a message, bytes, in either direction "
            + "and after decompression; 0 = unlimited (MAX_MESSAGE_SIZE). Incoming messages together never take more "
            + "than a quarter of the heap.")
    int max_message_size() default 256 << 20;

    @AttributeDefinition(description = "Maximum total size of a message's annotation chunks, bytes (at most 65535).")
    int max_annotations_size() default 65535;

    @AttributeDefinition(description = "Seconds an idle connection is kept before it is closed; 0 = forever (COMMTIMEOUT).")
    double comm_timeout() default 0.0;

    @AttributeDefinition(description = "Seconds a new connection has to complete the connect handshake.")
    double handshake_timeout() default 10.0;

    @AttributeDefinition(description = "Worker threads for the calls that may block or take long (disk writes, "
            + "lists, other services' methods); quick calls are answered on the I/O threads. Writers waiting for the "
            + "disk at the same time share one sync, so more workers mean bigger groups.")
    int workers() default 16;

    @AttributeDefinition(name = "ssl", description = "Serve TLS (Pyro4's SSL); needs ssl.servercert.")
    boolean ssl() default false;

    @AttributeDefinition(name = "ssl.servercert",
            description = "PEM file with the server certificate and its chain; may hold the key too (SSL_SERVERCERT).")
    String ssl_servercert() default "";

    @AttributeDefinition(name = "ssl.serverkey",
            description = "PEM file with the server's private key (PKCS#8, RSA or EC); empty if it is in ssl.servercert (SSL_SERVERKEY).")
    String ssl_serverkey() default "";

    @AttributeDefinition(name = "ssl.serverkeypasswd", type = AttributeType.PASSWORD,
            description = "Password of an encrypted PKCS#8 server key (SSL_SERVERKEYPASSWD).")
    String ssl_serverkeypasswd() default "";

    @AttributeDefinition(name = "ssl.cacerts",
            description = "PEM file or directory of CA certificates for checking client certificates (SSL_CACERTS).")
    String ssl_cacerts() default "";

    @AttributeDefinition(name = "ssl.requireclientcert",
            description = "Two-way TLS: refuse clients without a certificate signed by ssl.cacerts (SSL_REQUIRECLIENTCERT).")
    boolean ssl_requireclientcert() default false;

    @AttributeDefinition(description = "zlib-compress handshake answers and results of 200 bytes or more when that makes "
            + "them smaller (Pyro4's COMPRESSION).")
    boolean compression() default false;

    @AttributeDefinition(description = "Comma-separated wire protocols clients may speak on the port: pyro4 "
            + "(protocol 48), pyro5 (protocol 502). A refused client gets the reason in its own protocol.")
    String protocols_accepted() default "pyro4,pyro5";

    @AttributeDefinition(name = "hmac.pyro5.accepted", description = "Serve Pyro5 clients although an HMAC key is set: "
            + "Pyro5 has no HMAC, so by default they are refused while a key is set (e.g. accept them when TLS with "
            + "client certificates guards the port).")
    boolean hmac_pyro5_accepted() default false;
}
