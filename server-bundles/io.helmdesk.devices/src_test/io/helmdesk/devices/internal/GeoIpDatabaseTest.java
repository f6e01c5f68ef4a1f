package io.helmdesk.devices.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Places of addresses from a DB-IP "City Lite" CSV: IPv4 and IPv6, unsorted input, quoted fields, bad lines. */
class GeoIpDatabaseTest {

    @TempDir
    Path folder;

    @Test
    void findsThePlaceOfIpv4AndIpv6Addresses() throws IOException {
        Path csv = folder.resolve("dbip-city-lite.csv");
        Files.writeString(csv, """
                2a01:e0a::,2a01:e0a:ffff:ffff:ffff:ffff:ffff:ffff,EU,FR,Île-de-France,Paris,48.85,2.35
                203.0.113.0,203.0.113.255,OC,AU,Victoria,Melbourne,-37.8,144.9
                198.51.100.0,198.51.100.127,EU,DE,Bavaria,"München, Altstadt",48.1,11.6
                192.0.2.0,192.0.2.255,NA,US,,,0,0
                """);
        GeoIpDatabase.Ranges ranges = GeoIpDatabase.read(List.of(csv));
        assertEquals("Melbourne, Australia", find(ranges, "203.0.113.77"));
        assertEquals("München, Altstadt, Germany", find(ranges, "198.51.100.1"));
        assertEquals("", find(ranges, "198.51.100.200"), "between ranges");
        assertEquals("United States", find(ranges, "192.0.2.9"), "a country without a city");
        assertEquals("Paris, France", find(ranges, "2a01:e0a:1::42"));
        assertEquals("", find(ranges, "10.0.0.1"));
    }

    @Test
    void refusesNamesAndBrokenFiles() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> GeoIpDatabase.literal("example.org"));
        Path csv = folder.resolve("broken.csv");
        Files.writeString(csv, "ip_start,ip_end,continent,country,stateprov,city\n1.2.3.4,not-an-ip,EU,FR,,Lyon\n");
        IOException failure = assertThrows(IOException.class, () -> GeoIpDatabase.read(List.of(csv)));
        assertEquals("broken.csv line 2: not an IP address: not-an-ip", failure.getMessage());
    }

    private static String find(GeoIpDatabase.Ranges ranges, String address) {
        return ranges.find(GeoIpDatabase.number(GeoIpDatabase.literal(address)));
    }
}
