package io.tandem.engine.pipeline;

import io.tandem.engine.change.ChangeEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hand-over between the source thread and the apply thread, bounded in bytes so that heap use does not grow
 * with the size of a transaction or of a backlog: when full, the source blocks, and with it the binlog reader.
 * One group larger than the bound is still admitted when the queue is empty, so a huge event cannot wedge it.
 */
final class BoundedEventQueue {

    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Queued> entries = new ArrayDeque<>();
    private long bytes;
    private Throwable closedBy;

    /** An event with its size, computed once on the way in so that no later stage walks its values again. */
    record Queued(ChangeEvent event, long bytes, long enqueuedNanos) {
    }

    BoundedEventQueue(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @throws IllegalStateException once the consumer has gone ({@link #close}), also to a producer already waiting
     *     for room: the consumer will never make any
     */
    void putAll(List<ChangeEvent> events) throws InterruptedException {
        long now = System.nanoTime();
        for (ChangeEvent event : events) {
            long size = event.estimatedBytes();
            lock.lockInterruptibly();
            try {
                while (closedBy == null && !entries.isEmpty() && bytes + size > maxBytes) {
                    notFull.await();
                }
                if (closedBy != null) {
                    throw new IllegalStateException("the apply loop has stopped", closedBy);
                }
                entries.addLast(new Queued(event, size, now));
                bytes += size;
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /** No more events will be taken; producers waiting for room, and every later one, fail with {@code cause}. */
    void close(Throwable cause) {
        lock.lock();
        try {
            closedBy = cause;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The next event, waiting at most {@code timeout}; null if none arrived in time. */
    Queued poll(Duration timeout) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long remaining = timeout.toNanos();
            while (entries.isEmpty()) {
                if (remaining <= 0) {
                    return null;
                }
                remaining = notEmpty.awaitNanos(remaining);
            }
            Queued entry = entries.removeFirst();
            bytes -= entry.bytes();
            notFull.signalAll();
            return entry;
        } finally {
            lock.unlock();
        }
    }

    /** Age of the oldest queued event in nanoseconds, or 0 when empty. */
    long oldestAgeNanos() {
        lock.lock();
        try {
            return entries.isEmpty() ? 0 : System.nanoTime() - entries.peekFirst().enqueuedNanos();
        } finally {
            lock.unlock();
        }
    }

    boolean isEmpty() {
        lock.lock();
        try {
            return entries.isEmpty();
        } finally {
            lock.unlock();
        }
    }
}
