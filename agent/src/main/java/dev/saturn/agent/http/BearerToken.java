package dev.saturn.agent.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The bearer token, read from its file at start and again on {@link #reload} (SIGHUP). Given with
 * --auth-token-file it guards every route but the dashboard's page ({@link #everywhere}); otherwise the agent
 * keeps one of its own in its data directory (made at first start, mode 0600, kept across restarts) that guards
 * the profile routes, whose stacks and command lines only the agent's own user may read.
 */
public final class BearerToken {
    public static final String DATA_DIR_FILE = "token";
    private final Path file;
    private final boolean everywhere;
    private static final long RETRY_NANOS = 10_000_000_000L;
    private volatile byte[] token;
    private volatile String unwritten;
    private long lastTry = System.nanoTime();

    private BearerToken(Path file, boolean everywhere, byte[] token) {
        this.file = file;
        this.everywhere = everywhere;
        this.token = token;
    }

    /** --auth-token-file: required on every route except open ones. */
    public static BearerToken configured(Path file) throws TokenException {
        return new BearerToken(file, true, read(file));
    }

    /**
     * The data directory's own token, made on first start: required on the profile routes only. A file that cannot
     * be written (a full disk) does not stop the agent: the token stays in memory, unknown to anyone, so the profile
     * routes refuse every request until a later one finds the file written ({@link #unwritten}).
     */
    public static BearerToken ofDataDir(Path dataDir) throws TokenException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        BearerToken token = new BearerToken(dataDir.resolve(DATA_DIR_FILE), false, fresh.getBytes(StandardCharsets.UTF_8));
        token.persist();
        return token;
    }

    /**
     * Writes the token in memory to the file, or takes the file's when an earlier start made it (kept, so the saturn
     * commands and scrapers that read it keep working); a file that cannot be written leaves {@link #unwritten} saying why.
     */
    private void persist() throws TokenException {
        try {
            write(file, new String(token, StandardCharsets.UTF_8));
            unwritten = null;
        } catch (FileAlreadyExistsException e) {
            token = read(file);
            unwritten = null;
        } catch (IOException e) {
            unwritten = "cannot make the token file " + file + ": " + e.getMessage();
        }
    }

    private static void write(Path file, String token) throws IOException {
        Files.createDirectories(file.getParent());
        Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(owner));
        try {
            Files.writeString(file, token + "\n");
        } catch (IOException e) {
            Files.deleteIfExists(file); // not left empty: the next try makes it again
            throw e;
        }
    }

    /** Why the data directory's token file is not written yet (a full disk), or null once it is. */
    public String unwritten() {
        return unwritten;
    }

    /** Tries again, at most every 10 s, to write the token file that could not be made at the start. */
    private synchronized void retryWrite() {
        long now = System.nanoTime();
        if (unwritten == null || now - lastTry < RETRY_NANOS) {
            return;
        }
        lastTry = now;
        try {
            persist();
        } catch (TokenException unusable) {
            unwritten = unusable.getMessage();
        }
    }

    public Path file() {
        return file;
    }

    /** True when every route but open ones needs the token; false when only the profile routes do. */
    public boolean everywhere() {
        return everywhere;
    }

    public String value() {
        return new String(token, StandardCharsets.UTF_8);
    }

    /** Reads the file again; on a failure the token in use stays and the exception says why. */
    public void reload() throws TokenException {
        token = read(file);
    }

    boolean matches(String authorization) {
        if (unwritten != null) {
            retryWrite();
            if (unwritten != null) {
                return false; // nobody can know a token that is in no file
            }
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    /** The token in {@code file}: one line of 16+ printable characters, readable by its owner only. */
    public static byte[] read(Path file) throws TokenException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                throw new TokenException("token file " + file + " is readable by group or others: chmod 600 " + file);
            }
            String token = Files.readString(file).strip();
            if (token.length() < 16 || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                throw new TokenException("token file " + file + " must hold one token of at least 16 printable characters"
                        + " (e.g. head -c 32 /dev/urandom | base64 > " + file + ")");
            }
            return token.getBytes(StandardCharsets.UTF_8);
        } catch (TokenException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new TokenException("token file " + file + ": no such file");
        } catch (IOException e) {
            throw new TokenException("cannot read token file " + file + ": " + e.getMessage());
        }
    }

    /** A token file that cannot be used, in one line. */
    public static final class TokenException extends java.io.IOException {
        public TokenException(String message) {
            super(message);
        }
    }
}
