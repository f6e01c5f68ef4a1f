package io.helmdesk.transport.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** The names a server certificate is made out to: DNS names and IP addresses. */
public final class HostNames {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9*_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final int MAX_LENGTH = 253;

    private HostNames() {
    }

    /**
     * The names, stripped and without duplicates, in their order.
     *
     * @throws IllegalArgumentException when there is none, or one is neither a host name nor an IP address
     */
    public static List<String> checked(List<String> hostNames) {
        Objects.requireNonNull(hostNames, "hostNames");
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String name : hostNames) {
            String stripped = Objects.requireNonNull(name, "host name").strip();
            if (stripped.isEmpty() || stripped.length() > MAX_LENGTH
                    || !(isIpAddress(stripped) || NAME.matcher(stripped).matches())) {
                throw new IllegalArgumentException("Not a host name or IP address: '" + Texts.shortened(name, 100)
                        + "'");
            }
            names.add(stripped);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("A server certificate needs at least one host name");
        }
        return List.copyOf(new ArrayList<>(names));
    }

    /** Whether the name is an IPv4 or IPv6 literal (and goes into the certificate as an address, not a DNS name). */
    public static boolean isIpAddress(String name) {
        return IPV4.matcher(name).matches() || name.contains(":") && IPV6.matcher(name).matches();
    }
}
