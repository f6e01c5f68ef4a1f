package io.helmdesk.protocol;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Consumer;

/** Randomized tests with a seed that is printed on failure and can be given back to repeat the run. */
public final class Seeds {

    /** Set this system property to a printed seed to repeat a failed run. */
    public static final String PROPERTY = "helmdesk.protocol.seed";

    private Seeds() {
    }

    /** Runs {@code body} with a random generator; any failure names the seed. */
    public static void withSeed(String what, Consumer<Random> body) {
        String given = System.getProperty(PROPERTY);
        long seed = given != null ? Long.parseLong(given) : new SecureRandom().nextLong();
        try {
            body.accept(new Random(seed));
        } catch (Throwable failure) {
            throw new AssertionError(what + " failed with seed " + seed + " (repeat with -D" + PROPERTY + "=" + seed
                    + "): " + failure, failure);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
