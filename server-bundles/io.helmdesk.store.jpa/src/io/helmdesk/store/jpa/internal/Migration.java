package io.helmdesk.store.jpa.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned schema change, read from a file named {@code V<version>__<description>.sql}.
 *
 * @param version strictly increasing number, starting at 1
 * @param description words from the file name
 * @param sql the statements, separated by semicolons at line ends
 */
record Migration(int version, String description, String sql) {

    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

    Migration {
        if (version < 1) {
            throw new IllegalArgumentException("Migration versions start at 1, got " + version);
        }
    }

    /** Parses a migration file name and content; fails with the file name on a name that breaks the rule. */
    static Migration fromFile(String fileName, String sql) {
        Matcher matcher = FILE_NAME.matcher(fileName);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "Migration file '" + fileName + "' is not named V<number>__<description>.sql");
        }
        return new Migration(Integer.parseInt(matcher.group(1)), matcher.group(2).replace('_', ' '), sql);
    }

    /** SHA-256 of the SQL text with normalised line ends, so an applied migration that was edited is caught. */
    String checksum() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(sql.replace("\r\n", "\n").strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The statements of this migration: comment lines dropped, split at semicolons that end a line. */
    List<String> statements() {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.isEmpty()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
