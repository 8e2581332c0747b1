package io.pyrons.api.storage;

/**
 * A persistent store's writes over JMX ({@code io.pyrons:type=Storage,backend=TYPE}): group commits, how many
 * writes each made durable, and how long a commit took (its fsync included). Counts since the provider started,
 * over every store it opened.
 *
 * @since 1.3
 */
public interface WriteStatisticsMXBean {
    /** Group commits made durable. */
    long getCommits();

    /** Writes (registrations, removals, metadata changes) those commits made durable. */
    long getWritesCommitted();

    /** Commits that failed (a full disk): their writes were refused. */
    long getCommitsFailed();

    /** Writes per commit, on average; 0 before the first. */
    double getGroupCommitSizeMean();

    /** The most writes one commit made durable. */
    long getGroupCommitSizeMax();

    /** Time per commit, fsync included, on average in microseconds; 0 before the first. */
    double getCommitLatencyMeanMicros();

    /** The longest commit in microseconds. */
    double getCommitLatencyMaxMicros();
}
