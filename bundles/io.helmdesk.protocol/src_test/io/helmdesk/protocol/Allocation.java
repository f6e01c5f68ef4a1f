package io.helmdesk.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;

/** Bytes the current thread allocated, from HotSpot's counter, to prove that a refusal came before allocation. */
public final class Allocation {

    private Allocation() {
    }

    /** Runs {@code action} and returns the bytes it allocated on this thread. */
    public static long measure(Runnable action) {
        long before = allocatedBytes();
        action.run();
        return allocatedBytes() - before;
    }

    private static long allocatedBytes() {
        try {
            // Reflection keeps the test compilable against the plain JavaSE-21 profile.
            Method counter = Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod("getCurrentThreadAllocatedBytes");
            long bytes = (long) counter.invoke(ManagementFactory.getThreadMXBean());
            assertTrue(bytes >= 0, "the JVM counts allocated bytes per thread");
            return bytes;
        } catch (ReflectiveOperationException e) {
            return fail("this test needs a JVM with com.sun.management.ThreadMXBean", e);
        }
    }
}
