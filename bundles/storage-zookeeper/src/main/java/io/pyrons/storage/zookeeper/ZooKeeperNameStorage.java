package io.pyrons.storage.zookeeper;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.pyrons.api.NameServer;
import io.pyrons.api.NamingError;
import io.pyrons.api.Registration;
import io.pyrons.api.storage.NameStorage;
import io.pyrons.api.storage.StorageException;
import io.pyrons.storage.memory.MemoryNameStorage;

import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.data.Stat;

/**
 * One namespace shared by every name server that opens the same {@code zk:} location. ZooKeeper holds the
 * names (one znode each, {@link NamePaths}); this instance holds a full copy in a {@link MemoryNameStorage} (the
 * memory store's sorted map and metadata index) that answers every read, fed by one persistent recursive watch.
 *
 * <p><b>Ordering.</b> Every change to the copy is made on the ZooKeeper client's event thread: watch events,
 * the replies to the reads they trigger and the replies to this instance's own writes all arrive there in the
 * order the server sent them (ZooKeeper sends a watch event before the data it announces, and answers one
 * session's requests in order). So the copy moves forward through the committed history and never applies an
 * older value after a newer one, whichever instance wrote it.
 *
 * <p><b>Writes</b> are acknowledged once ZooKeeper committed them (quorum) and the copy shows them:
 * {@code register(safe=True)} is one {@code create}, so of two instances racing exactly one succeeds. Without a
 * connection a write fails at once, and a write unanswered within the operation timeout fails then, with a
 * {@link NamingError} {@code "storage unavailable: ..."}; reads go on from the copy meanwhile (it may be stale:
 * the {@code cluster} part status says so). <b>A lookup that misses</b> asks ZooKeeper ({@code sync}, then a
 * read) before answering "unknown name", so a name registered through another instance a moment ago is found.
 * After a reconnection or a new session the copy is read again from ZooKeeper, bucket by bucket (names gone
 * meanwhile are dropped, none twice: the copy is keyed by name).
 *
 * <p>{@value NameServer#OBJECT_ID} is this instance's own entry, kept in the copy only: every instance answers
 * with its own URI, which is also published as its member znode (ephemeral, sequential); the member with the
 * lowest sequence is the leader, the one that runs namespace-wide housekeeping.
 */
final class ZooKeeperNameStorage implements NameStorage {
    private static final Logger LOG = System.getLogger("io.pyrons.storage.zookeeper");
    /** Reads and deletes sent without waiting for their replies, at most. */
    private static final int WINDOW = 1000;
    private static final int WRITE_ATTEMPTS = 5;

    private final ZooKeeperLocation location;
    private final NamePaths paths;
    private final Duration sessionTimeout;
    private final Duration operationTimeout;
    private final ClusterStatus status;
    private final MemoryNameStorage copy = new MemoryNameStorage();
    /** Reconnections and new sessions are handled here, never on ZooKeeper's event thread. */
    private final ExecutorService resyncs;

    private volatile Session session;
    private volatile boolean connected;
    /** Notified whenever {@link #connected} or {@link #closed} changes. */
    private final Object connection = new Object();
    /** True while the copy is being read again: it may miss changes made while disconnected. */
    private volatile boolean resyncing;
    /** Names applied while a resync runs (event thread only): a resync never drops them as gone. */
    private volatile Set<String> appliedDuringResync;
    private volatile long lastAppliedZxid;
    private volatile long disconnectedSince = System.currentTimeMillis();
    private volatile String selfUri = "";
    private volatile Map<String, String> members = Map.of();
    private volatile boolean closed;
    /** Why the last attempt to read the names failed, for the error of an open that never got them. */
    private volatile String lastResyncFailure = "no answer";
    /** Names read by resyncs so far: an open waits while this grows. */
    private final AtomicLong namesRead = new AtomicLong();
    private volatile long namesReadBeforeResync;
    /** Completed when the copy was first read in full. */
    private final CompletableFuture<Void> firstRead = new CompletableFuture<>();

    private ZooKeeperNameStorage(ZooKeeperLocation location, Duration sessionTimeout, Duration operationTimeout,
                                 ClusterStatus status) {
        this.location = location;
        this.paths = new NamePaths(location.root());
        this.sessionTimeout = sessionTimeout;
        this.operationTimeout = operationTimeout;
        this.status = status;
        this.resyncs = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "pyrons-zk-resync " + location);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Connects, creates the layout when missing and reads every name; a ZooKeeper that does not answer within
     * the session timeout is a StorageException naming it.
     */
    static ZooKeeperNameStorage open(ZooKeeperLocation location, Duration sessionTimeout, Duration operationTimeout,
                                     ClusterStatus status) {
        ZooKeeperNameStorage store = new ZooKeeperNameStorage(location, sessionTimeout, operationTimeout, status);
        try {
            Session first = store.newSession();
            if (!first.connectedOnce.await(sessionTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StorageException("cannot open " + location + ": no ZooKeeper server answered within "
                        + seconds(sessionTimeout));
            }
            // a million names take longer than any fixed timeout on a slow machine: wait as long as they arrive
            long read = -1;
            while (true) {
                try {
                    store.firstRead.get(sessionTimeout.toMillis() + operationTimeout.toMillis(), TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    if (store.namesRead.get() == read) {
                        throw new StorageException("cannot open " + location + ": could not read the names from "
                                + "ZooKeeper (" + store.lastResyncFailure + ")", e);
                    }
                    read = store.namesRead.get();
                }
            }
            return store;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            store.close();
            throw new StorageException("cannot open " + location + ": interrupted");
        } catch (ExecutionException e) {
            store.close();
            throw new StorageException("cannot open " + location + ": could not read the names from ZooKeeper ("
                    + e.getCause() + ")", e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    // ---- the session and the copy --------------------------------------------------------------------------

    /** One ZooKeeper session: its handle and its member znode. Events of an older session are ignored. */
    private final class Session implements Watcher {
        final java.util.concurrent.CountDownLatch connectedOnce = new java.util.concurrent.CountDownLatch(1);
        volatile ZooKeeper zk;
        volatile String memberNode;

        @Override
        public void process(WatchedEvent event) {
            if (session != this || closed) {
                return;
            }
            if (event.getType() == EventType.None) {
                stateChanged(this, event.getState());
                return;
            }
            String path = event.getPath();
            if (path == null) {
                return;
            }
            String name = paths.nameAt(path);
            if (name != null) {
                if (event.getType() == EventType.NodeDeleted) {
                    applyRemoval(name);
                } else if (event.getType() == EventType.NodeCreated || event.getType() == EventType.NodeDataChanged) {
                    fetch(this, path, name, null);
                }
            } else if (path.startsWith(paths.members() + "/")) {
                refreshMembers(this);
            }
        }
    }

    private Session newSession() {
        Session next = new Session();
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, "false");
        session = next;
        try {
            next.zk = new ZooKeeper(location.connectString(), (int) sessionTimeout.toMillis(), next, config);
        } catch (IOException e) {
            throw new StorageException("cannot open " + location + ": " + e.getMessage(), e);
        }
        return next;
    }

    private void stateChanged(Session s, KeeperState state) {
        try {
            connectionChanged(s, state);
        } finally {
            synchronized (connection) {
                connection.notifyAll();
            }
        }
        publishStatus();
    }

    private void connectionChanged(Session s, KeeperState state) {
        switch (state) {
            case SyncConnected -> {
                connected = true;
                s.connectedOnce.countDown();
                // the first connection of a session, or a reconnection within it: changes made while this instance
                // was not connected raised no events here, so the copy is read again
                resyncs.submit(() -> resync(s));
            }
            case Disconnected -> {
                if (connected) {
                    disconnectedSince = System.currentTimeMillis();
                    LOG.log(Level.WARNING, location + ": lost the connection to ZooKeeper; reads are served from "
                            + "this instance's copy, writes refused until it is back");
                }
                connected = false;
            }
            case Expired -> {
                connected = false;
                disconnectedSince = System.currentTimeMillis();
                LOG.log(Level.WARNING, location + ": the ZooKeeper session expired; starting a new one");
                resyncs.submit(this::renewSession);
            }
            default -> {
                // AuthFailed, Closed, ...: nothing to do
            }
        }
    }

    /** The session expired: a new one (its first connection reads the names again and adds a member znode). */
    private void renewSession() {
        if (closed) {
            return;
        }
        Session old = session;
        try {
            old.zk.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            newSession();
        } catch (StorageException e) {
            LOG.log(Level.ERROR, e.getMessage());
        }
    }

    /**
     * Reads every name again: the layout is created when missing, the watch added (again), each bucket listed
     * and each name read, pipelined. A name the copy holds that no bucket listed and no change brought meanwhile
     * is gone from ZooKeeper and is dropped from the copy, on the event thread after every reply (so in order).
     */
    private void resync(Session s) {
        if (closed || session != s) {
            return;
        }
        namesReadBeforeResync = namesRead.get();
        resyncing = true;
        publishStatus();
        try {
            ZooKeeper zk = s.zk;
            for (int slash = paths.root().indexOf('/', 1); slash > 0; slash = paths.root().indexOf('/', slash + 1)) {
                createIfMissing(zk, paths.root().substring(0, slash));
            }
            createIfMissing(zk, paths.root());
            createIfMissing(zk, paths.names());
            createIfMissing(zk, paths.members());
            createBuckets(zk);
            zk.addWatch(paths.root(), s, AddWatchMode.PERSISTENT_RECURSIVE);
            CompletableFuture<Void> started = new CompletableFuture<>();
            zk.exists(paths.root(), false, (rc, path, ctx, stat) -> {
                appliedDuringResync = ConcurrentHashMap.newKeySet();
                started.complete(null);
            }, null);
            started.get(operationTimeout.toMillis(), TimeUnit.MILLISECONDS);
            Set<String> listed = ConcurrentHashMap.newKeySet();
            Semaphore window = new Semaphore(WINDOW);
            AtomicInteger failures = new AtomicInteger();
            List<CompletableFuture<List<String>>> listings = new ArrayList<>();
            for (int b = 0; b < NamePaths.BUCKETS; b++) {
                CompletableFuture<List<String>> listing = new CompletableFuture<>();
                zk.getChildren(paths.bucket(b), false, (rc, path, ctx, children) -> {
                    if (Code.get(rc) == Code.OK) {
                        listing.complete(children);
                    } else {
                        listing.completeExceptionally(KeeperException.create(Code.get(rc), path));
                    }
                }, null);
                listings.add(listing);
            }
            for (int b = 0; b < NamePaths.BUCKETS; b++) {
                String bucket = paths.bucket(b);
                List<String> children = listings.get(b).get(operationTimeout.toMillis(), TimeUnit.MILLISECONDS);
                for (String child : children) {
                    String name = NamePaths.decode(child);
                    if (name == null) {
                        continue;
                    }
                    listed.add(name);
                    if (!window.tryAcquire(operationTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new TimeoutException("reads of " + bucket + " not answered");
                    }
                    fetch(s, bucket + "/" + child, name, code -> {
                        if (code != Code.OK && code != Code.NONODE) {
                            failures.incrementAndGet();
                        }
                        namesRead.incrementAndGet();
                        window.release();
                    });
                }
            }
            CompletableFuture<Integer> dropped = new CompletableFuture<>();
            zk.exists(paths.root(), false, (rc, path, ctx, stat) -> {
                Set<String> keep = appliedDuringResync;
                appliedDuringResync = null;
                int gone = 0;
                for (Registration registration : copy.all()) {
                    String name = registration.name();
                    if (!NameServer.OBJECT_ID.equals(name) && !listed.contains(name) && !keep.contains(name)) {
                        copy.remove(name);
                        gone++;
                    }
                }
                dropped.complete(gone);
            }, null);
            int gone = dropped.get(operationTimeout.toMillis() * 4, TimeUnit.MILLISECONDS);
            if (failures.get() > 0) {
                throw new IOException(failures.get() + " reads failed");
            }
            if (s.memberNode == null) {
                s.memberNode = zk.create(paths.members() + "/m-", selfUri.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
            }
            refreshMembers(s);
            resyncing = false;
            firstRead.complete(null);
            LOG.log(Level.INFO, location + ": read " + listed.size() + " names from ZooKeeper"
                    + (gone == 0 ? "" : "; " + gone + " gone meanwhile"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (KeeperException | IOException | ExecutionException | TimeoutException | RuntimeException e) {
            lastResyncFailure = e.toString();
            LOG.log(Level.WARNING, location + ": reading the names from ZooKeeper failed (" + e
                    + "); trying again");
            if (connected && session == s && !closed) {
                // still connected: try again shortly rather than wait for a reconnection that may never come
                resyncs.submit(() -> {
                    try {
                        TimeUnit.MILLISECONDS.sleep(500);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    resync(s);
                });
            }
        } finally {
            if (resyncing) {
                appliedDuringResync = null;
            }
            publishStatus();
        }
    }

    /** The bucket znodes, created all at once (one round trip for all, not one each). */
    private void createBuckets(ZooKeeper zk) throws KeeperException, InterruptedException, ExecutionException,
            TimeoutException {
        List<CompletableFuture<Code>> replies = new ArrayList<>();
        for (int b = 0; b < NamePaths.BUCKETS; b++) {
            CompletableFuture<Code> reply = new CompletableFuture<>();
            zk.create(paths.bucket(b), new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                    (rc, path, ctx, name) -> reply.complete(Code.get(rc)), null);
            replies.add(reply);
        }
        for (CompletableFuture<Code> reply : replies) {
            Code code = reply.get(operationTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (code != Code.OK && code != Code.NODEEXISTS) {
                throw KeeperException.create(code);
            }
        }
    }

    private void createIfMissing(ZooKeeper zk, String path) throws KeeperException, InterruptedException {
        try {
            zk.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException e) {
            // there already
        }
    }

    /** Reads {@code name}'s znode and applies what it holds (or its absence) to the copy, on the event thread. */
    private void fetch(Session s, String path, String name, java.util.function.Consumer<Code> done) {
        s.zk.getData(path, false, (rc, p, ctx, data, stat) -> {
            Code code = Code.get(rc);
            if (session == s) {
                if (code == Code.OK) {
                    applyData(name, data, stat);
                } else if (code == Code.NONODE) {
                    applyRemoval(name);
                }
            }
            if (done != null) {
                done.accept(code);
            }
        }, null);
    }

    /** Event thread only. */
    private Registration applyData(String name, byte[] data, Stat stat) {
        Registration registration;
        try {
            registration = RegistrationData.decode(name, data);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, location + ": ignoring " + paths.of(name) + ": " + e.getMessage());
            return null;
        }
        apply(registration, stat);
        return registration;
    }

    /** Event thread only: the copy takes {@code registration}; returns what it held before. */
    private Registration apply(Registration registration, Stat stat) {
        if (stat != null && stat.getMzxid() > lastAppliedZxid) {
            lastAppliedZxid = stat.getMzxid();
        }
        Set<String> applied = appliedDuringResync;
        if (applied != null) {
            applied.add(registration.name());
        }
        return copy.put(registration, false);
    }

    /** Event thread only. */
    private boolean applyRemoval(String name) {
        if (NameServer.OBJECT_ID.equals(name)) {
            return false;
        }
        return copy.remove(name);
    }

    private void refreshMembers(Session s) {
        s.zk.getChildren(paths.members(), false, (rc, path, ctx, children) -> {
            if (Code.get(rc) != Code.OK || session != s) {
                return;
            }
            Map<String, String> found = new ConcurrentHashMap<>();
            AtomicInteger pending = new AtomicInteger(children.size());
            if (children.isEmpty()) {
                members = Map.of();
                publishStatus();
            }
            for (String child : children) {
                s.zk.getData(paths.members() + "/" + child, false, (rc2, p2, ctx2, data, stat) -> {
                    if (Code.get(rc2) == Code.OK) {
                        found.put(child, data == null ? "" : new String(data, java.nio.charset.StandardCharsets.UTF_8));
                    }
                    if (pending.decrementAndGet() == 0) {
                        members = new TreeMap<>(found);
                        publishStatus();
                    }
                }, null);
            }
        }, null);
    }

    // ---- status --------------------------------------------------------------------------------------------

    /** Whether this instance is the elected one: the member znode with the lowest sequence, while connected. */
    boolean leader() {
        Session s = session;
        String mine = s == null ? null : s.memberNode;
        Map<String, String> known = members;
        if (!connected || mine == null || known.isEmpty()) {
            return false;
        }
        String first = known.keySet().iterator().next(); // sorted: m-0000000007 < m-0000000012
        return mine.endsWith("/" + first);
    }

    /** Autoclean runs in the elected instance only: the one whose member znode has the lowest sequence. */
    @Override
    public boolean housekeeper() {
        return leader();
    }

    /** One line for {@code ns:status}: connection, members and leader, the last change applied. */
    String statusLine() {
        Session s = session;
        String mine = s == null || s.memberNode == null ? "" : s.memberNode.substring(s.memberNode.lastIndexOf('/') + 1);
        StringBuilder line = new StringBuilder();
        if (connected) {
            line.append("connected to ZooKeeper");
            if (resyncing) {
                // the count changes while the names arrive: pyro-ns's start watchdog waits as long as it does
                line.append(" (reading the names: ").append(namesRead.get() - namesReadBeforeResync)
                        .append(" so far; reads may be stale)");
            }
        } else {
            line.append("not connected to ZooKeeper since ")
                    .append(java.time.Instant.ofEpochMilli(disconnectedSince))
                    .append(": reads may be stale, writes refused");
        }
        Map<String, String> known = members;
        line.append("; members: ");
        boolean first = true;
        for (Map.Entry<String, String> member : known.entrySet()) {
            if (!first) {
                line.append(", ");
            }
            line.append(member.getValue().isEmpty() ? member.getKey() : member.getValue());
            if (first) {
                line.append(" (leader)");
            }
            if (member.getKey().equals(mine)) {
                line.append(" (this one)");
            }
            first = false;
        }
        if (known.isEmpty()) {
            line.append("none known");
        }
        line.append("; last applied change 0x").append(Long.toHexString(lastAppliedZxid));
        return line.toString();
    }

    boolean stale() {
        return !connected || resyncing;
    }

    private void publishStatus() {
        if (status != null && !closed) {
            status.changed(this);
        }
    }

    // ---- writes --------------------------------------------------------------------------------------------

    private record Reply(Code code, Registration registration) {
    }

    /**
     * The session to write through, waiting until {@code deadline} for a connection: the client moves to another
     * server of the ensemble within a second or two when its server dies (longer while a new leader is elected),
     * and a write that waits for that succeeds instead of failing. Without a connection by then, it fails.
     */
    private Session requireConnected(String what, long deadline) {
        synchronized (connection) {
            while (!connected && !closed) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                try {
                    connection.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (closed) {
            throw new StorageException(location + " is closed");
        }
        Session s = session;
        if (!connected || s == null) {
            throw unavailable("not connected to ZooKeeper (" + location.connectString() + ") since "
                    + java.time.Instant.ofEpochMilli(disconnectedSince) + "; cannot " + what);
        }
        return s;
    }

    private long deadline() {
        return System.nanoTime() + operationTimeout.toNanos();
    }

    private static NamingError unavailable(String reason) {
        return new NamingError("storage unavailable: " + reason);
    }

    private <T> T await(CompletableFuture<T> reply, String what, long deadline) {
        try {
            return reply.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw unavailable("ZooKeeper did not answer within " + seconds(operationTimeout) + " to " + what
                    + " (it may still be applied)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for ZooKeeper to " + what);
        } catch (ExecutionException e) {
            throw new StorageException(location + ": cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** A reply code that is no answer to the request: the connection or session failed under it. */
    private NamingError failed(Code code, String what) {
        if (connectionLost(code)) {
            return unavailable("lost the connection to ZooKeeper while trying to " + what
                    + " (it may or may not have been applied)");
        }
        return unavailable("ZooKeeper refused to " + what + ": " + KeeperException.create(code).getMessage());
    }

    @Override
    public Registration put(Registration registration, boolean onlyIfAbsent) {
        String name = registration.name();
        if (NameServer.OBJECT_ID.equals(name)) {
            return putSelf(registration);
        }
        String what = "register " + name;
        String path = paths.of(name);
        byte[] data = RegistrationData.encode(registration);
        long deadline = deadline();
        // a create whose reply was lost with the connection may have been applied: found later with our very
        // data, it was ours (or an identical registration, which makes no difference to anyone)
        boolean createUncertain = false;
        Code lost = null;
        // a name the copy does not hold is most likely new: create first (one round trip, not a setData that finds
        // no znode and then a create); setData on NODEEXISTS
        boolean createFirst = copy.get(name) == null;
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            Session s = requireConnected(what, deadline);
            if (!onlyIfAbsent && !createFirst) {
                Reply set = await(setData(s, path, registration, data), what, deadline);
                if (set.code() == Code.OK) {
                    return set.registration();
                }
                if (connectionLost(set.code())) {
                    lost = set.code(); // setData is idempotent: again once reconnected
                    continue;
                }
                if (set.code() != Code.NONODE) {
                    throw failed(set.code(), what);
                }
            }
            Reply created = await(create(s, path, registration, data), what, deadline);
            if (created.code() == Code.OK) {
                return null;
            }
            if (connectionLost(created.code())) {
                lost = created.code();
                createUncertain = true;
                continue;
            }
            if (created.code() != Code.NODEEXISTS) {
                throw failed(created.code(), what);
            }
            if (!onlyIfAbsent) {
                createFirst = false; // it exists: overwrite it
                continue;
            }
            Reply current = await(read(s, path, name), what, deadline);
            if (current.code() == Code.OK && current.registration() != null) {
                if (createUncertain && Arrays.equals(RegistrationData.encode(current.registration()), data)) {
                    return null;
                }
                return current.registration();
            }
            if (connectionLost(current.code())) {
                lost = current.code();
                continue;
            }
            if (current.code() != Code.NONODE && current.code() != Code.OK) {
                throw failed(current.code(), what);
            }
            // removed between the create and the read: try to create it again
        }
        if (lost != null) {
            throw failed(lost, what);
        }
        throw unavailable("the registration of " + name + " raced with other writers " + WRITE_ATTEMPTS + " times");
    }

    private static boolean connectionLost(Code code) {
        return code == Code.CONNECTIONLOSS || code == Code.SESSIONEXPIRED || code == Code.SESSIONMOVED;
    }

    private Registration putSelf(Registration registration) {
        selfUri = registration.uri();
        Session s = session;
        if (s != null && s.memberNode != null && connected) {
            s.zk.setData(s.memberNode, selfUri.getBytes(java.nio.charset.StandardCharsets.UTF_8), -1,
                    (rc, path, ctx, stat) -> refreshMembers(s), null);
        }
        return copy.put(registration, false);
    }

    private CompletableFuture<Reply> create(Session s, String path, Registration registration, byte[] data) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        s.zk.create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, (rc, p, ctx, created, stat) -> {
            Code code = Code.get(rc);
            if (code == Code.OK && session == s) {
                apply(registration, stat);
            }
            reply.complete(new Reply(code, null));
        }, null);
        return reply;
    }

    private CompletableFuture<Reply> setData(Session s, String path, Registration registration, byte[] data) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        s.zk.setData(path, data, -1, (rc, p, ctx, stat) -> {
            Code code = Code.get(rc);
            Registration previous = code == Code.OK && session == s ? apply(registration, stat) : null;
            reply.complete(new Reply(code, previous));
        }, null);
        return reply;
    }

    /** {@code sync} then read: the reply reflects every write committed before the sync, by any instance. */
    private CompletableFuture<Reply> read(Session s, String path, String name) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        s.zk.sync(paths.root(), (rc, p, ctx) -> {
        }, null);
        s.zk.getData(path, false, (rc, p, ctx, data, stat) -> {
            Code code = Code.get(rc);
            Registration found = null;
            if (session == s) {
                if (code == Code.OK) {
                    found = applyData(name, data, stat);
                } else if (code == Code.NONODE) {
                    applyRemoval(name);
                }
            }
            reply.complete(new Reply(code, found));
        }, null);
        return reply;
    }

    @Override
    public boolean remove(String name) {
        if (NameServer.OBJECT_ID.equals(name)) {
            return copy.remove(name);
        }
        String what = "remove " + name;
        long deadline = deadline();
        boolean deleteUncertain = false; // a delete whose reply was lost with the connection may have been applied
        Code code = null;
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            Session s = requireConnected(what, deadline);
            CompletableFuture<Code> reply = new CompletableFuture<>();
            delete(s, name, reply::complete);
            code = await(reply, what, deadline);
            if (code == Code.OK) {
                return true;
            }
            if (code == Code.NONODE) {
                return deleteUncertain;
            }
            if (!connectionLost(code)) {
                break;
            }
            deleteUncertain = true;
        }
        throw failed(code, what);
    }

    private void delete(Session s, String name, java.util.function.Consumer<Code> done) {
        s.zk.delete(paths.of(name), -1, (rc, p, ctx) -> {
            Code code = Code.get(rc);
            if ((code == Code.OK || code == Code.NONODE) && session == s) {
                applyRemoval(name);
            }
            done.accept(code);
        }, null);
    }

    /** One delete per name, pipelined ({@value #WINDOW} at a time); not atomic as a whole, as in Pyro4. */
    @Override
    public int removeAll(Collection<String> names) {
        String what = "remove " + names.size() + " names";
        Session s = requireConnected(what, deadline());
        AtomicInteger removed = new AtomicInteger();
        AtomicInteger failedCount = new AtomicInteger();
        Code[] firstFailure = new Code[1];
        Semaphore window = new Semaphore(WINDOW);
        int sent = 0;
        try {
            for (String name : names) {
                if (NameServer.OBJECT_ID.equals(name)) {
                    continue;
                }
                if (!window.tryAcquire(operationTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw unavailable("ZooKeeper did not answer within " + seconds(operationTimeout) + " to " + what
                            + " (" + removed.get() + " removed so far)");
                }
                sent++;
                delete(s, name, code -> {
                    if (code == Code.OK) {
                        removed.incrementAndGet();
                    } else if (code != Code.NONODE) {
                        synchronized (firstFailure) {
                            if (firstFailure[0] == null) {
                                firstFailure[0] = code;
                            }
                        }
                        failedCount.incrementAndGet();
                    }
                    window.release();
                });
            }
            if (!window.tryAcquire(WINDOW, operationTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw unavailable("ZooKeeper did not answer within " + seconds(operationTimeout) + " to " + what
                        + " (" + removed.get() + " removed so far)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for ZooKeeper to " + what);
        }
        if (failedCount.get() > 0) {
            NamingError error = failed(firstFailure[0], what);
            throw new NamingError(error.getMessage() + " (" + removed.get() + " of " + sent + " removed)");
        }
        return removed.get();
    }

    // ---- reads: the copy -----------------------------------------------------------------------------------

    /** Writes always ask ZooKeeper, and so may a lookup (a miss): not as a whole on an I/O thread. */
    @Override
    public boolean nonBlocking() {
        return false;
    }

    /**
     * A count, and the lookup of a name the copy holds, never wait on ZooKeeper; nor does a miss while not
     * connected ({@link #get} answers it from the copy). A miss while connected asks ZooKeeper.
     */
    @Override
    public boolean readsWithoutBlocking(String name) {
        return name == null || !connected || NameServer.OBJECT_ID.equals(name) || copy.get(name) != null;
    }

    @Override
    public String description() {
        return location.toString();
    }

    @Override
    public int count() {
        ensureOpen();
        return copy.count();
    }

    /**
     * From the copy; a name it does not hold is looked up in ZooKeeper ({@code sync} + read) while connected,
     * so a registration made through another instance a moment ago is found. Without a connection, or with no
     * answer within the operation timeout, the copy's answer stands.
     */
    @Override
    public Registration get(String name) {
        ensureOpen();
        Registration found = copy.get(name);
        if (found != null || NameServer.OBJECT_ID.equals(name) || !connected) {
            return found;
        }
        Session s = session;
        try {
            Reply reply = read(s, paths.of(name), name).get(operationTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return reply.code() == Code.OK ? reply.registration() : copy.get(name);
        } catch (TimeoutException | ExecutionException e) {
            return copy.get(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return copy.get(name);
        }
    }

    @Override
    public List<Registration> withPrefix(String prefix) {
        ensureOpen();
        return copy.withPrefix(prefix);
    }

    @Override
    public List<Registration> matching(Predicate<String> nameFilter) {
        ensureOpen();
        return copy.matching(nameFilter);
    }

    @Override
    public List<Registration> withAllMetadata(Set<String> metadata) {
        ensureOpen();
        return copy.withAllMetadata(metadata);
    }

    @Override
    public List<Registration> withAnyMetadata(Set<String> metadata) {
        ensureOpen();
        return copy.withAnyMetadata(metadata);
    }

    @Override
    public List<Registration> all() {
        ensureOpen();
        return copy.all();
    }

    /** Ends the session (its member znode goes with it); the names stay in ZooKeeper. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (connection) {
            connection.notifyAll();
        }
        resyncs.shutdownNow();
        Session s = session;
        if (s != null && s.zk != null) {
            try {
                s.zk.close((int) Math.min(2000, operationTimeout.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (status != null) {
            status.closed(this);
        }
        copy.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException(location + " is closed");
        }
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }

    @Override
    public String toString() {
        return description();
    }

    /** Unused names kept out of the copy's way: listing for tests. */
    List<String> memberUris() {
        return new ArrayList<>(members.values());
    }
}
