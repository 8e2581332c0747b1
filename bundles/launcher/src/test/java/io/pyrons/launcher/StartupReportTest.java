package io.pyrons.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The startup lines, compared with what pyro4-ns 4.82 printed for the same command lines. */
class StartupReportTest {

    private static NameServerSettings settings(String... args) {
        return LaunchPlan.of(List.of(args), Map.of()).settings();
    }

    private static final StartupReport.Broadcast OFF = new StartupReport.Broadcast.Off("the name server is bound to localhost");
    private static final StartupReport.Broadcast NOT_INSTALLED = new StartupReport.Broadcast.NotInstalled();

    private static InetSocketAddress address(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void localhost() throws Exception {
        var report = new StartupReport(settings("-n", "127.0.0.1", "-p", "0"), "127.0.0.1:33319",
                address("127.0.0.1", 33319), 1, OFF, "PYRO:Pyro.NameServer@127.0.0.1:33319",
                "PYRO:Pyro.NameServer@127.0.0.1:33319");
        assertEquals("""
                Not starting broadcast server for localhost.
                NS running on 127.0.0.1:33319 (127.0.0.1)
                Warning: HMAC key not set. Anyone can connect to this server!
                URI = PYRO:Pyro.NameServer@127.0.0.1:33319
                """, report.text());
    }

    @Test
    void localhostWithoutBroadcastStillSaysSoAndKeyHidesTheWarning() throws Exception {
        var report = new StartupReport(settings("-x", "-k", "x", "-n", "127.0.0.1", "-p", "0"), "127.0.0.1:44199",
                address("127.0.0.1", 44199), 1, OFF, "PYRO:Pyro.NameServer@127.0.0.1:44199",
                "PYRO:Pyro.NameServer@127.0.0.1:44199");
        assertEquals("""
                Not starting broadcast server for localhost.
                NS running on 127.0.0.1:44199 (127.0.0.1)
                URI = PYRO:Pyro.NameServer@127.0.0.1:44199
                """, report.text());
    }

    @Test
    void ipv6() throws Exception {
        var report = new StartupReport(settings("-n", "::1", "-p", "0"), "[::1]:42151", address("::1", 42151), 1, OFF,
                "PYRO:Pyro.NameServer@[::1]:42151", "PYRO:Pyro.NameServer@[::1]:42151");
        assertEquals("""
                Not starting broadcast server for IPv6.
                NS running on [::1]:42151 (::1)
                Warning: HMAC key not set. Anyone can connect to this server!
                URI = PYRO:Pyro.NameServer@[::1]:42151
                """, report.text());
    }

    @Test
    void unixSocket() {
        var report = new StartupReport(settings("-u", "/tmp/nsock1"), "./u:/tmp/nsock1",
                UnixDomainSocketAddress.of("/tmp/nsock1"), 1, OFF, "PYRO:Pyro.NameServer@./u:/tmp/nsock1",
                "PYRO:Pyro.NameServer@./u:/tmp/nsock1");
        assertEquals("""
                NS running on ./u:/tmp/nsock1 (Unix domain socket)
                Warning: HMAC key not set. Anyone can connect to this server!
                URI = PYRO:Pyro.NameServer@./u:/tmp/nsock1
                """, report.text());
    }

    @Test
    void nat() throws Exception {
        var report = new StartupReport(settings("-n", "127.0.0.1", "-p", "0", "--nathost", "example.org", "--natport",
                "5555"), "127.0.0.1:35697", address("127.0.0.1", 35697), 1, OFF,
                "PYRO:Pyro.NameServer@example.org:5555", "PYRO:Pyro.NameServer@127.0.0.1:35697");
        assertEquals("""
                Not starting broadcast server for localhost.
                NS running on 127.0.0.1:35697 (127.0.0.1)
                Warning: HMAC key not set. Anyone can connect to this server!
                internal URI = PYRO:Pyro.NameServer@127.0.0.1:35697
                external URI = PYRO:Pyro.NameServer@example.org:5555
                """, report.text());
    }

    @Test
    void allInterfacesWithoutResponderAndWithStoredRegistrations() throws Exception {
        var report = new StartupReport(settings("-n", "", "-p", "9090"), "0.0.0.0:9090", address("0.0.0.0", 9090), 3,
                NOT_INSTALLED, "PYRO:Pyro.NameServer@0.0.0.0:9090", "PYRO:Pyro.NameServer@0.0.0.0:9090");
        assertEquals("""
                Not starting broadcast server: the broadcast responder is not installed.
                Persistent store contains 3 existing registrations.
                NS running on 0.0.0.0:9090 (0.0.0.0)
                Warning: HMAC key not set. Anyone can connect to this server!
                URI = PYRO:Pyro.NameServer@0.0.0.0:9090
                """, report.text());
        var noBroadcast = new StartupReport(settings("-n", "", "-x"), "0.0.0.0:9090", address("0.0.0.0", 9090), 1,
                new StartupReport.Broadcast.Off("disabled by configuration"), "PYRO:Pyro.NameServer@0.0.0.0:9090", "PYRO:Pyro.NameServer@0.0.0.0:9090");
        assertEquals("""
                NS running on 0.0.0.0:9090 (0.0.0.0)
                Warning: HMAC key not set. Anyone can connect to this server!
                URI = PYRO:Pyro.NameServer@0.0.0.0:9090
                """, noBroadcast.text());
        var responder = new StartupReport(settings("-n", ""), "0.0.0.0:9090", address("0.0.0.0", 9090), 1,
                new StartupReport.Broadcast.Running("0.0.0.0:9091"), "PYRO:Pyro.NameServer@0.0.0.0:9090", "PYRO:Pyro.NameServer@0.0.0.0:9090");
        assertEquals("Broadcast server running on 0.0.0.0:9091\n", responder.text().lines().findFirst().get() + "\n");
    }

    @Test
    void ipv6AddressesAsPythonPrintsThem() throws Exception {
        assertEquals("::1", StartupReport.pythonAddress(InetAddress.getByName("::1")));
        assertEquals("::", StartupReport.pythonAddress(InetAddress.getByName("::")));
        assertEquals("fe80::1:0:0:2", StartupReport.pythonAddress(InetAddress.getByName("fe80:0:0:0:1:0:0:2")));
        assertEquals("2001:db8::1", StartupReport.pythonAddress(InetAddress.getByName("2001:db8:0:0:0:0:0:1")));
        assertEquals("1:0:2:0:3:0:4:0", StartupReport.pythonAddress(InetAddress.getByName("1:0:2:0:3:0:4:0")));
        assertEquals("10.1.2.3", StartupReport.pythonAddress(InetAddress.getByName("10.1.2.3")));
    }
}
