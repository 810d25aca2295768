package dev.turnstile.server.appserver.tenants;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The tenants a server accepts and how each authenticates: a bearer token, of which only the SHA-256 hash is kept
 * (in the file and in memory), so the file does not hold anything a client could present.
 *
 * <p>File format, one tenant a line ({@code #} starts a comment):
 * <pre>
 * acme    sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  loaded-threads=50 in-flight-turns=10 submissions-per-second=20
 * </pre>
 * Limits are optional (unlimited when absent).
 *
 * <p>Threading: immutable after loading.
 */
public final class TenantRegistry {
    private record Credential(Tenant tenant, byte[] tokenHash) {
    }

    private final List<Credential> credentials;
    private final boolean localOnly;

    private TenantRegistry(List<Credential> credentials, boolean localOnly) {
        this.credentials = List.copyOf(credentials);
        this.localOnly = localOnly;
    }

    /** No tenants file: every client is the local tenant, and no token is asked for. */
    public static TenantRegistry localOnly() {
        return new TenantRegistry(List.of(), true);
    }

    public static TenantRegistry load(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("tenants file " + file + " does not exist");
        }
        return parse(lines, file.toString());
    }

    public static TenantRegistry parse(List<String> lines, String source) {
        List<Credential> credentials = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int comment = line.indexOf('#');
            String content = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            credentials.add(parseLine(content.split("\\s+"), source + " line " + (i + 1)));
        }
        if (credentials.isEmpty()) {
            throw new IllegalArgumentException(source + " names no tenant");
        }
        for (int i = 0; i < credentials.size(); i++) {
            for (int j = i + 1; j < credentials.size(); j++) {
                if (credentials.get(i).tenant().id().equals(credentials.get(j).tenant().id())) {
                    throw new IllegalArgumentException(source + ": tenant `" + credentials.get(i).tenant().id()
                            + "` is named twice");
                }
            }
        }
        return new TenantRegistry(credentials, false);
    }

    private static Credential parseLine(String[] fields, String where) {
        if (fields.length < 2) {
            throw new IllegalArgumentException(where + ": expected 'id sha256:<hex>' and optional limits");
        }
        String id = fields[0];
        if (!id.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException(where + ": tenant id `" + id + "` may use letters, digits, . _ - only");
        }
        if (!fields[1].startsWith("sha256:")) {
            throw new IllegalArgumentException(where + ": the token must be given as sha256:<64 hex digits> (its "
                    + "SHA-256 hash, e.g. from `printf %s TOKEN | sha256sum`), never in clear");
        }
        byte[] hash;
        try {
            hash = HexFormat.of().parseHex(fields[1].substring("sha256:".length()));
        } catch (IllegalArgumentException e) {
            hash = new byte[0];
        }
        if (hash.length != 32) {
            throw new IllegalArgumentException(where + ": sha256:<hex> must be 64 hex digits");
        }
        int loaded = Integer.MAX_VALUE;
        int turns = Integer.MAX_VALUE;
        double rate = Double.POSITIVE_INFINITY;
        for (int i = 2; i < fields.length; i++) {
            String[] pair = fields[i].split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException(where + ": `" + fields[i] + "` is not a limit (name=value)");
            }
            try {
                switch (pair[0]) {
                    case "loaded-threads" -> loaded = positive(Integer.parseInt(pair[1]));
                    case "in-flight-turns" -> turns = positive(Integer.parseInt(pair[1]));
                    case "submissions-per-second" -> rate = positive(Double.parseDouble(pair[1]));
                    default -> throw new IllegalArgumentException(where + ": unknown limit `" + pair[0]
                            + "` (known: loaded-threads, in-flight-turns, submissions-per-second)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": `" + fields[i] + "` needs a positive number");
            }
        }
        return new Credential(new Tenant(id, new TenantLimits(loaded, turns, rate)), hash);
    }

    private static int positive(int value) {
        if (value < 1) {
            throw new NumberFormatException();
        }
        return value;
    }

    private static double positive(double value) {
        if (!(value > 0)) {
            throw new NumberFormatException();
        }
        return value;
    }

    /** True when clients must present a token. */
    public boolean requiresToken() {
        return !localOnly;
    }

    /** The tenant whose token this is, comparing hashes in constant time. */
    public Optional<Tenant> authenticate(String token) {
        if (localOnly) {
            return Optional.of(Tenant.local());
        }
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = sha256(token);
        Tenant found = null;
        for (Credential credential : credentials) {
            if (MessageDigest.isEqual(credential.tokenHash(), hash)) {
                found = credential.tenant();
            }
        }
        return Optional.ofNullable(found);
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The line a tenants file needs for {@code id} with {@code token} (for people setting one up, and tests). */
    public static String line(String id, String token) {
        return id + " sha256:" + HexFormat.of().formatHex(sha256(token));
    }

    public String describe() {
        return localOnly ? "no tenants file: every client is the local tenant"
                : credentials.size() + " tenant(s), bearer tokens required";
    }
}
