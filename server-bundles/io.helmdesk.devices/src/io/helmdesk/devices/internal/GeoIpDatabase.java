package io.helmdesk.devices.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a public address is (DEV-3): "City, Country" from a GeoIP file the administrator puts in
 * {@code <data>/geoip/} — the CSV of DB-IP's "IP to City Lite" ({@code ip_start,ip_end,continent,country,stateprov,
 * city,latitude,longitude}, IPv4 and IPv6). No file, no place: the server never looks addresses up on the network.
 * The file is read in the background at start; lookups are a binary search.
 */
@Component(service = GeoIpDatabase.class)
public class GeoIpDatabase {

    /** Dotted IPv4, or IPv6 with hex digits, colons and an optional dotted tail: never a name to resolve. */
    private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern
            .compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    private final Logger logger = LoggerFactory.getLogger(GeoIpDatabase.class);
    private volatile Ranges ranges = Ranges.EMPTY;

    /** Sorted, non-overlapping ranges: starts as unsigned 128-bit numbers (IPv4 mapped into ::ffff:0:0/96). */
    record Ranges(BigInteger[] starts, BigInteger[] ends, String[] places) {

        static final Ranges EMPTY = new Ranges(new BigInteger[0], new BigInteger[0], new String[0]);

        String find(BigInteger address) {
            int index = Arrays.binarySearch(starts, address);
            if (index < 0) {
                index = -index - 2;
            }
            return index >= 0 && address.compareTo(ends[index]) <= 0 ? places[index] : "";
        }
    }

    @Activate
    public GeoIpDatabase(BundleContext context) {
        Path folder = DataFolder.of(context).resolve("geoip");
        Thread.ofPlatform().daemon().name("geoip-load").start(() -> load(folder));
    }

    /**
     * "City, Country", or "" for an address the file does not place (or without a file). Only literal addresses are
     * parsed: no name lookup hides here.
     */
    public String place(String address) {
        if (address == null || address.isEmpty()) {
            return "";
        }
        try {
            InetAddress parsed = literal(address);
            return ranges.find(number(parsed));
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private void load(Path folder) {
        if (!Files.isDirectory(folder)) {
            logger.info("No GeoIP file in {}: devices show their address without a place", folder);
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> csv = files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
            if (csv.isEmpty()) {
                logger.info("No GeoIP .csv file in {}: devices show their address without a place", folder);
                return;
            }
            long started = System.nanoTime();
            ranges = read(csv);
            logger.info("GeoIP: {} address ranges from {} read in {} ms", ranges.starts().length, csv,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            logger.warn("GeoIP file in {} not usable: {}", folder, e.getMessage());
        }
    }

    static Ranges read(List<Path> files) throws IOException {
        List<BigInteger[]> bounds = new ArrayList<>();
        List<String> places = new ArrayList<>();
        Map<String, String> shared = new HashMap<>();
        for (Path file : files) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                int number = 0;
                while ((line = in.readLine()) != null) {
                    number++;
                    List<String> fields = fields(line);
                    if (fields.size() < 6) {
                        throw new IOException(file.getFileName() + " line " + number
                                + ": expected ip_start,ip_end,continent,country,stateprov,city");
                    }
                    BigInteger start;
                    BigInteger end;
                    try {
                        start = number(literal(fields.get(0)));
                        end = number(literal(fields.get(1)));
                    } catch (IllegalArgumentException e) {
                        if (number == 1) {
                            continue; // a header line
                        }
                        throw new IOException(file.getFileName() + " line " + number + ": " + e.getMessage());
                    }
                    String place = place(fields.get(5), fields.get(3));
                    bounds.add(new BigInteger[]{start, end});
                    places.add(shared.computeIfAbsent(place, p -> p));
                }
            }
        }
        Integer[] order = new Integer[bounds.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> bounds.get(a)[0].compareTo(bounds.get(b)[0]));
        BigInteger[] starts = new BigInteger[order.length];
        BigInteger[] ends = new BigInteger[order.length];
        String[] names = new String[order.length];
        for (int i = 0; i < order.length; i++) {
            starts[i] = bounds.get(order[i])[0];
            ends[i] = bounds.get(order[i])[1];
            names[i] = places.get(order[i]);
        }
        return new Ranges(starts, ends, names);
    }

    private static String place(String city, String countryCode) {
        String country = countryCode.length() == 2
                ? Locale.of("", countryCode.toUpperCase(Locale.ROOT)).getDisplayCountry(Locale.ENGLISH)
                : countryCode;
        return city.isBlank() ? country : country.isBlank() ? city : city + ", " + country;
    }

    /** Parses an IPv4 or IPv6 literal; anything else (a host name) is refused rather than resolved. */
    static InetAddress literal(String text) {
        String value = text.strip();
        if (!LITERAL.matcher(value).matches()) {
            throw new IllegalArgumentException("not an IP address: " + value);
        }
        try {
            return InetAddress.getByName(value);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + value);
        }
    }

    /** Every address as one number: IPv4 inside ::ffff:0:0/96, so both kinds sort in one array. */
    static BigInteger number(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        return new BigInteger(1, bytes);
    }

    /** CSV fields, with double quotes around fields that hold commas. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
